/**
 * Property-based tests (fast-check): documents generated from the raw layout's grammar —
 * source note, head, paragraphs with footnote markers and page markers, the footnotes list —
 * convert to valid TEI, give the input back as text, and anchor every footnote exactly once.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { documentArb, renderGenerated } from './fixtures/generated.js';
import { convertText } from '../src/index.js';
import { defaultRegisters } from '../src/annotate/index.js';

const squash = (s: string): string => s.replace(/\s+/g, '');

describe('generated documents', () => {
  const registers = defaultRegisters();
  it('convert to valid TEI, give the input back, and anchor every footnote exactly once', () => {
    fc.assert(
      fc.property(documentArb, (d) => {
        const { text, notes } = renderGenerated(d);
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
