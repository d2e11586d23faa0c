/**
 * FIND (src/annotate/persons/find.ts): spans that are persons though no title stands before them.
 */
import { describe, expect, it } from 'vitest';
import { annotateDocument, defaultRegisters } from '../src/annotate/index.js';
import type { DocumentModel, Inline, Mention } from '../src/model.js';
import { parseDocument } from '../src/parse/document.js';
import { splitDocuments } from '../src/read/split.js';

const registers = defaultRegisters();

function persons(body: string): Mention[] {
  const text = `781.00/9–2656: Telegram\n\nThe Ambassador in Greece (Cannon) to the Secretary of State\n\n\nsecret\n\nAthens, September 26, 1956—8 p.m.\n\n${body}\n`;
  const doc: DocumentModel = annotateDocument(parseDocument(splitDocuments(text, 'find.txt')[0]!), { registers });
  const inlines: Inline[] = doc.body.flatMap((b) => (b.kind === 'p' ? b.inlines : []));
  return inlines.filter((i): i is Mention => i.kind === 'mention' && i.type === 'person');
}

describe('a bare surname', () => {
  it('is a person before a pronoun, which cannot continue a name ("to Karamanlis I reviewed")', () => {
    expect(persons('In replying to Karamanlis I reviewed many occasions.').map((m) => m.text)).toEqual(['Karamanlis']);
  });
  it('is a person when an office in parentheses follows, even an ordinary word ("Young (Head Southern Department)")', () => {
    const found = persons('Present were Peake (British Ambassador to Greece) and Young (Head Southern Department).');
    expect(found.map((m) => m.text)).toContain('Young');
  });
  it('is not linked to a register namesake the office does not decide (a guess), but to a person of the document', () => {
    const young = persons('Present were Peake (British Ambassador to Greece) and Young (Head Southern Department).').find((m) => m.text === 'Young')!;
    expect(young.resp === 'pattern' || young.cert !== 'low').toBe(true);
  });
  it('is no person as an ordinary word, with no office after it', () => {
    expect(persons('Young officers (some of them) were present.').map((m) => m.text)).toEqual([]);
  });
});
