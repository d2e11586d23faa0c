/**
 * Property-based tests (fast-check): documents generated from the raw layout's grammar —
 * source note, head, paragraphs with footnote markers and page markers, the footnotes list —
 * convert to valid TEI, give the input back as text, and anchor every footnote exactly once.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { convertText } from '../src/index.js';
import { defaultRegisters } from '../src/annotate/index.js';

const WORDS = [
  'the', 'Ambassador', 'said', 'that', 'Soviet', 'Government', 'would', 'consider', 'proposal', 'in',
  'Moscow', 'London', 'Stalin', 'Montgomery', 'informed', 'me', 'telegram', '95', 'May', '26,', '1942', 'of',
  'Department', 'United', 'Nations', 'alliance', 'was', 'not', 'what', 'he', 'meant', '“quoted', 'words”',
  'Secretary', 'British', 'Embassy', 'Mr.', 'Dulles', 'Field', 'Marshal', '(741.61/1–1547)', 'pp.', '490566',
  'January', '10', 'at', '11', 'a.', 'm.,', 'Tank', 'School', '<b>', '&amp;', 'café', 'Léopoldville',
];

interface Piece {
  words: string[];
  /** Indices after which a footnote marker is glued. */
  markers: number[];
  /** Indices after which a page marker stands. */
  pages: number[];
}

const paragraph = fc
  .record({
    words: fc.array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 40 }),
    markerSlots: fc.array(fc.nat(), { maxLength: 3 }),
    pageSlots: fc.array(fc.nat(), { maxLength: 1 }),
  })
  .map(({ words, markerSlots, pageSlots }): Piece => {
    // Markers go after words ending in a letter or closing punctuation, as FRUS prints them.
    const gluable = words.map((w, i) => (/[\p{L}.,”)]$/u.test(w) && !/^\d/.test(w) ? i : -1)).filter((i) => i >= 0);
    const markers = [...new Set(markerSlots.filter(() => gluable.length > 0).map((s) => gluable[s % gluable.length]!))].sort((a, b) => a - b);
    const pages = pageSlots.map((s) => s % Math.max(1, words.length - 1)).filter((i) => i < words.length - 1 && !markers.includes(i));
    return { words, markers, pages };
  });

const documentArb = fc.record({
  withSource: fc.boolean(),
  paragraphs: fc.array(paragraph, { minLength: 1, maxLength: 5 }),
  continuation: fc.array(fc.boolean(), { maxLength: 12 }),
});

function render(d: fc.Arbitrary<unknown> extends never ? never : { withSource: boolean; paragraphs: Piece[]; continuation: boolean[] }): { text: string; notes: number } {
  let n = 0;
  let page = 517;
  const paras = d.paragraphs.map((p) =>
    p.words
      .map((w, i) => {
        let out = w;
        if (p.markers.includes(i)) out += String(++n);
        if (p.pages.includes(i)) out += ` [Page ${++page}]`;
        return out;
      })
      .join(' ')
      .concat(' end of paragraph.'),
  );
  const notes = Array.from({ length: n }, (_, i) => `  ${i + 1}. Note ${i + 1} on Montgomery, May 26, 1942.${d.continuation[i] ? `\n\n    A further paragraph of note ${i + 1}.` : ''}`);
  const text =
    (d.withSource ? '741.61/1–1447: Telegram\n\n' : '') +
    'The Ambassador in the Soviet Union (Smith) to the Secretary of State\n\n\n' +
    paras.join('\n\n') +
    '\n' +
    (notes.length ? '\n' + notes.join('\n') + '\n' : '');
  return { text, notes: n };
}

const squash = (s: string): string => s.replace(/\s+/g, '');

describe('generated documents', () => {
  const registers = defaultRegisters();
  it('convert to valid TEI, give the input back, and anchor every footnote exactly once', () => {
    fc.assert(
      fc.property(documentArb, (d) => {
        const { text, notes } = render(d);
        const result = convertText(text, { file: 'generated.txt', annotate: { registers } });
        const errors = [...result.messages, ...result.documents.flatMap((x) => x.messages)].filter((m) => m.severity === 'error');
        expect(errors).toEqual([]);
        expect(result.documents).toHaveLength(1);
        const doc = result.documents[0]!;
        expect(squash(doc.outputs!.text)).toBe(squash(text));
        const tei = doc.tei!.xml;
        const teiNotes = [...tei.matchAll(/<note n="(\d+)" xml:id="[^"]+"(?: type="[^"]+")?>/g)].map((m) => m[1]);
        expect(teiNotes).toEqual(Array.from({ length: notes }, (_, i) => String(i + 1)));
        expect(doc.model.notes.every((x) => x.anchored)).toBe(true);
      }),
      { numRuns: 60, seed: 20261127 },
    );
  });
});
