import { describe, expect, it } from 'vitest';
import { parseDocument } from '../src/parse/document.js';
import { findNoteMarkers, markerCandidates, toInlines } from '../src/parse/inline.js';
import { plainText } from '../src/inlines.js';
import { splitDocuments } from '../src/read/split.js';
import type { DocumentModel, Inline, Paragraph } from '../src/model.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir, hasCorpus, seedText, skipNote } from './helpers.js';

const parse = (text: string, file = 'test.txt'): DocumentModel => parseDocument({ file, index: 0, count: 1, text, firstLine: 1 });

function markersIn(text: string, notes: string[]): string[] {
  const segs = [{ text, at: { line: 1, column: 1 } }];
  const found = findNoteMarkers(notes, markerCandidates(segs));
  return found.map((c) => (c ? `${text.slice(0, c.offset).split(/\s/).pop()}|${c.n}` : '-'));
}

describe('footnote markers versus numbers', () => {
  it('finds markers glued to words and punctuation', () => {
    expect(markersIn('Field Marshal Montgomery’s1 recent visit', ['1'])).toEqual(['Montgomery’s|1']);
    expect(markersIn('an alliance in fact existed,3 Stalin replied', ['3'])).toEqual(['existed,|3']);
    expect(markersIn('visit to England.5', ['5'])).toEqual(['England.|5']);
  });
  it('leaves real numbers alone', () => {
    const text = 'during the 4 days, signed May 26, 1942. See pp. 490566 passim; telegram 95 from Moscow (741.61/1–1547)';
    expect(markersIn(text, ['26', '1547'])).toEqual(['-', '-']);
    // Where the true marker exists, it wins over the end of a number.
    expect(markersIn(`${text} to England.5`, ['5'])).toEqual(['England.|5']);
  });
  it('reads the end of a number as a marker only when the sequence needs it', () => {
    
    expect(markersIn('Memorandum of a Conversation, Washington, September 10, 19561', ['1'])).toEqual(['1956|1']);
    expect(markersIn('reported Embtel 11582 had interesting', ['2'])).toEqual(['1158|2']);
    expect(markersIn('Regarding Deptel 1602.2 I had long conversation', ['2'])).toEqual(['1602.|2']);
    expect(markersIn('Athens tels 755, 733,2 732,3 609,4 Despatch 66.5 At', ['2', '3', '4', '5'])).toEqual(
      ['733,|2', '732,|3', '609,|4', '66.|5'],
    );
  });
  it('pairs repeated footnote numbers in order', () => {
    expect(markersIn('memorandum56 of June 15th,57 and 10 [4] p.m.57 are', ['56', '57', '57'])).toEqual(['memorandum|56', '15th,|57', 'p.m.|57']);
  });
});

describe('page markers', () => {
  it('cuts [Page N] out of a sentence, keeping the text on both sides', () => {
    const inl = toInlines({ text: 'all that was required to [Page 518] cement friendship', at: { line: 3, column: 1 } }, new Map());
    expect(inl.map((i) => i.kind)).toEqual(['text', 'pageBreak', 'text']);
    expect(plainText(inl)).toBe('all that was required to cement friendship');
    expect(inl[1]).toMatchObject({ kind: 'pageBreak', n: '518', at: { line: 3, column: 26 } });
  });
  it('takes a page marker on a line of its own as a block', () => {
    const doc = parse('The Secretary of State to the Embassy in India\n\n\nFirst paragraph.\n\n[Page 391]\n\nSecond paragraph.\n');
    expect(doc.body.map((b) => b.kind)).toEqual(['p', 'pb', 'p']);
  });
});

describe('the seed telegram', () => {
  const doc = parse(seedText(), 'smith.txt');
  const paragraphs = doc.body.filter((b): b is Paragraph => b.kind === 'p');
  const noteAfter = (n: string): string => {
    for (const p of paragraphs) {
      const i = p.inlines.findIndex((x) => x.kind === 'noteRef' && x.n === n);
      if (i >= 0) return plainText(p.inlines.slice(0, i));
    }
    return '';
  };

  it('has its source note, head, sender and addressee', () => {
    expect(doc.sourceNote?.text).toBe('741.61/1–1447: Telegram');
    expect(doc.fileNumber).toBe('741.61/1–1447');
    expect(plainText(doc.head!.inlines)).toBe('The Ambassador in the Soviet Union (Smith) to the Secretary of State');
    const parties = doc.head!.inlines.filter((i) => i.kind === 'party');
    expect(parties).toMatchObject([
      { role: 'from', element: 'persName', text: 'Smith' },
      { role: 'to', element: 'gloss', text: 'Secretary of State' },
    ]);
  });
  it('has exactly three body paragraphs', () => {
    expect(doc.body.map((b) => b.kind)).toEqual(['p', 'p', 'p']);
    expect(paragraphs.map((p) => plainText(p.inlines).slice(0, 22))).toEqual(['90. 1. Field Marshal M', '2. British Ambassador i', '3. British Embassy here'].map((s) => s.slice(0, 22)));
  });
  it('anchors five footnotes right after their words, with unique ids', () => {
    expect(doc.notes.map((n) => n.n)).toEqual(['1', '2', '3', '4', '5']);
    expect(new Set(doc.notes.map((n) => n.id)).size).toBe(5);
    expect(noteAfter('1').endsWith('Montgomery’s')).toBe(true);
    expect(noteAfter('2').endsWith('British Ambassador')).toBe(true);
    expect(noteAfter('3').endsWith('existed,')).toBe(true);
    expect(noteAfter('4').endsWith('Vassilievski')).toBe(true);
    expect(noteAfter('5').endsWith('England.')).toBe(true);
    expect(doc.notes.every((n) => n.anchored)).toBe(true);
  });
  it('keeps footnote 3 with its two paragraphs and every footnote text as in the input', () => {
    expect(doc.notes[2]!.paragraphs).toHaveLength(2);
    const input = seedText();
    for (const n of doc.notes) for (const p of n.paragraphs) expect(input).toContain(plainText(p));
    expect(plainText(doc.notes[3]!.paragraphs[0]!)).toBe('Marshal Alexander Mikhailovich Vasilevsky, Deputy Minister of Armed Forces of the Soviet Union, and Chief of the Army General Staff.');
  });
  it('puts one page break between "required to" and "cement"', () => {
    const pbs = paragraphs.flatMap((p) => p.inlines.map((x, i) => ({ x, before: plainText(p.inlines.slice(0, i)), after: plainText(p.inlines.slice(i + 1)) }))).filter((e) => e.x.kind === 'pageBreak');
    expect(pbs).toHaveLength(1);
    expect(pbs[0]!.before.endsWith('required to ')).toBe(true);
    expect(pbs[0]!.after.startsWith('cement')).toBe(true);
  });
  it('keeps the body text identical to the input minus the markers', () => {
    const input = seedText()
      .split('\n')
      .slice(5, 10)
      .filter((l) => l)
      .map((l) => l.replace('Montgomery’s1', 'Montgomery’s').replace('Ambassador2', 'Ambassador').replace('existed,3', 'existed,').replace('Vassilievski4', 'Vassilievski').replace('England.5', 'England.').replace('[Page 518] ', ''));
    expect(paragraphs.map((p) => plainText(p.inlines))).toEqual(input);
  });
  it('dates the document from its file number', () => {
    expect(doc.date).toEqual({ when: '1947-01-14', source: 'filenumber' });
  });
  it('reports positions with line and column', () => {
    const note = doc.body[1]!.kind === 'p' ? (doc.body[1] as Paragraph).inlines.find((i): i is Extract<Inline, { kind: 'noteRef' }> => i.kind === 'noteRef') : undefined;
    expect(note?.at).toEqual({ line: 8, column: 22 });
  });
});

describe('layouts', () => {
  it('reads opener, dateline with time zone and received line, and the signature', () => {
    const doc = parse('761.91/8–348: Telegram\n\nThe Ambassador in France (Caffery) to the Secretary of State\n\n\nsecret\n\nParis, August 3, 1948—7 p. m.\n\n[Received August 3—3:12 p. m.]\n\n4017. The Shah says.\n\nCaffery\n');
    expect(doc.opener.map((o) => o.kind)).toEqual(['classification', 'dateline']);
    const dl = doc.opener[1]!;
    expect(dl.kind === 'dateline' && dl.place?.text).toBe('Paris');
    expect(dl.kind === 'dateline' && dl.date?.when).toBe('1948-08-03T19:00:00+01:00');
    expect(dl.kind === 'dateline' && dl.received?.text).toBe('[Received August 3—3:12 p. m.]');
    expect(doc.closer).toMatchObject([{ kind: 'signed' }]);
    expect(doc.date?.source).toBe('dateline');
  });
  it('takes a "Source:" footnote of the head as the source note (1950s volumes)', () => {
    const doc = parse('190. Telegram From the Embassy in Greece to the Department of State1\n\n\nAthens, August 28, 1956—9 p.m.\n\n339. Text.\n\n  1. Source: Department of State, Central Files, 747C.00/8–1856. Secret.\n');
    expect(doc.id).toBe('d190');
    expect(doc.notes[0]!.type).toBe('source');
    expect(doc.sourceNote).toMatchObject({ fromFootnote: true });
    expect(doc.fileNumber).toBe('747C.00/8–1856');
  });
  it('splits a file holding several documents at their heads', () => {
    const one = '741.61/1–1447: Telegram\n\nThe Ambassador in the Soviet Union (Smith) to the Secretary of State\n\n\n1. Text.1\n\n  1. A note.\n';
    const two = '190. Telegram From the Embassy in Greece to the Department of State\n\n\nOther text.\n';
    const docs = splitDocuments(one + '\n' + two + '\n' + one, 'chapter.txt');
    expect(docs).toHaveLength(3);
    expect(docs.map((d) => d.firstLine)).toEqual([1, 10, 15]);
    expect(docs[0]!.text).toBe(one);
  });
  it('keeps a footnote without a marker, with a warning', () => {
    const doc = parse('The Secretary of State to the Embassy in India\n\n\nNo marker here.\n\n  1. Lonely note.\n');
    expect(doc.notes[0]!.anchored).toBe(false);
    expect(doc.messages.map((m) => m.rule)).toContain('parse/unanchored-footnote');
  });
});

describe('structure that broke on documents of other volumes (issue 14)', () => {
  const party = (d: DocumentModel, role: 'from' | 'to') => d.head!.inlines.find((i): i is Extract<Inline, { kind: 'party' }> => i.kind === 'party' && i.role === role);
  const telegram = (head: string, notes: string[], signature = 'Dillon') =>
    [head, '', '', 'Washington, March 3, 1958—6:12 p.m.', '', '1400. Your 2000. We agree.', '', signature, '', ...notes, ''].join('\n');

  it('reads "No. 262" before the head as the document number, not as part of the sender', () => {
    const d = parse(telegram('No. 262 The Acting Secretary of State to the Embassy in Indonesia', []));
    expect(d.head!.number).toBe('262');
    expect(d.id).toBe('d262');
    expect(party(d, 'from')).toMatchObject({ element: 'gloss', text: 'Acting Secretary of State' });
    expect(party(d, 'to')).toMatchObject({ element: 'gloss', text: 'Embassy in Indonesia' });
    expect(plainText(d.head!.inlines)).toBe('No. 262 The Acting Secretary of State to the Embassy in Indonesia');
  });

  it('takes a source note printed as footnote 0 ("[Source: …]", 1958–60 volumes) as the source note, with its file number', () => {
    const d = parse(telegram('262. Telegram From Acting Secretary of State Dillon to the Embassy in Indonesia0', ['  0. [Source: Department of State, Central Files, 756D.00/3–358. Secret.]', '  1. Not printed.']));
    expect(d.head!.number).toBe('262');
    expect(d.notes[0]).toMatchObject({ n: '0', type: 'source', anchored: true });
    expect(d.sourceNote).toMatchObject({ fromFootnote: true });
    expect(d.fileNumber).toBe('756D.00/3–358');
    expect(d.date).toEqual({ when: '1958-03-03T18:12:00-05:00', source: 'dateline' });
    expect(d.messages.filter((m) => m.rule === 'parse/no-head')).toEqual([]);
  });

  it('keeps a title outside the name of the sender or addressee in the head (FRUS: President <persName>Roosevelt</persName>)', () => {
    const d = parse(telegram('262. Telegram From Acting Secretary of State Dillon to the Embassy in Indonesia', []));
    expect(party(d, 'from')).toMatchObject({ element: 'persName', text: 'Dillon' });
    const m = parse(telegram('263. Memorandum From President Roosevelt to the Secretary of State', []));
    expect(party(m, 'from')).toMatchObject({ element: 'persName', text: 'Roosevelt' });
    expect(party(m, 'to')).toMatchObject({ element: 'gloss', text: 'Secretary of State' });
    const by = parse(telegram('264. Memorandum by the Acting Secretary of State Dillon', []));
    expect(party(by, 'from')).toMatchObject({ element: 'persName', text: 'Dillon' });
    const office = parse(telegram('266. Memorandum by the Secretary of State to the President', []));
    expect([party(office, 'from'), party(office, 'to')]).toMatchObject([{ element: 'gloss', text: 'Secretary of State' }, { element: 'gloss', text: 'President' }]);
    // offices without a name stay offices
    expect(party(parse(telegram('265. Telegram From the President of the United States to the Prime Minister of India', [])), 'from')).toMatchObject({ element: 'gloss', text: 'President of the United States' });
  });

  it.each(['Sparks', 'Dulles', 'P.J.H.', 'F.D.R.'])('takes the signature "%s" alone on the last line as the closer', (signature) => {
    const d = parse(telegram('The Secretary of State to the Embassy in France', [], signature));
    expect(d.closer).toEqual([expect.objectContaining({ kind: 'signed' })]);
    expect(plainText((d.closer[0] as { inlines: Inline[] }).inlines)).toBe(signature);
    expect(d.body.map((b) => plainText((b as Paragraph).inlines))).toEqual(['1400. Your 2000. We agree.']);
  });

  it('separates documents that two blank lines separate: three documents are three, each with its signature', () => {
    const doc = (n: number, signature: string) =>
      [`711.00/1–${n}48: Telegram`, '', 'The Ambassador in France (Caffery) to the Secretary of State', '', '', `Paris, January ${n}, 1948—7 p.m.`, '', 'The matter stands.', '', signature].join('\n');
    const text = [doc(1, 'Sparks'), doc(2, 'Caffery'), doc(3, 'P.J.H.')].join('\n\n\n') + '\n';
    const sources = splitDocuments(text, 'three.txt');
    expect(sources).toHaveLength(3);
    const docs = sources.map((s) => parseDocument(s));
    expect(docs.map((d) => d.id)).toEqual(['three-001', 'three-002', 'three-003']);
    expect(docs.map((d) => plainText((d.closer[0] as { inlines: Inline[] }).inlines))).toEqual(['Sparks', 'Caffery', 'P.J.H.']);
    // …and a last line before two blank lines and the footnotes is no head either
    expect(splitDocuments(`${doc(1, 'Sparks')}1\n\n\n  1. A note.\n`, 'one.txt')).toHaveLength(1);
  });

  it('records no frus-file-number when the source note has none (not the word "Source")', () => {
    const d = parse(telegram('264. Telegram From the Embassy in Greece to the Department of State1', ['  1. Source: Eisenhower Library, Whitman File. Secret.']));
    expect(d.sourceNote?.text).toMatch(/^Source: Eisenhower Library/);
    expect(d.fileNumber).toBeUndefined();
  });
});

describe.skipIf(!hasCorpus)(hasCorpus ? 'the dev corpus copied as whole chapters' : skipNote('the dev corpus copied as whole chapters'), () => {
  const raws = hasCorpus ? readdirSync(join(corpusDir, 'raw')).filter((f) => f.endsWith('.txt')).sort() : [];
  const volumes = [...new Set(raws.map((r) => r.split('_')[0]!))];
  it.each(['\n', '\n\n'])('one document per file when the files are joined by %j more blank lines', (gap) => {
    for (const v of volumes) {
      const files = raws.filter((r) => r.startsWith(`${v}_`));
      const texts = files.map((f) => readFileSync(join(corpusDir, 'raw', f), 'utf8').replace(/\n+$/, '\n'));
      const sources = splitDocuments(texts.join(gap), `${v}.txt`);
      expect(sources.map((s) => s.text.replace(/\n+$/, '\n')), v).toEqual(texts);
    }
  });
});
