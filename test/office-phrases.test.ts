/**
 * Offices and posts named in the text (src/annotate/persons/office-phrases.ts): "the Secretary",
 * "the Under Secretary", "the Ambassador", "the Embassy" resolve to the holder or post of the
 * document's date and head (POCOM) where that is unambiguous, as a role (`gloss type="role"`) with
 * `@resp="#resp.office"`; otherwise they stay untagged.
 */
import { describe, expect, it } from 'vitest';
import { annotateDocument, defaultRegisters } from '../src/annotate/index.js';
import { headPost } from '../src/annotate/persons/office-phrases.js';
import type { DocumentModel, Inline, Mention } from '../src/model.js';
import { parseDocument } from '../src/parse/document.js';
import { splitDocuments } from '../src/read/split.js';
import { seedText } from './helpers.js';

const registers = defaultRegisters();

function annotate(text: string): DocumentModel {
  return annotateDocument(parseDocument(splitDocuments(text, 'office.txt')[0]!), { registers });
}

function telegram(head: string, dateline: string, body: string, notes = ''): string {
  return `711.00/1–1647: Telegram\n\n${head}\n\n\nsecret\n\n${dateline}\n\n${body}\n${notes ? `\n${notes}\n` : ''}`;
}

function mentionsOf(doc: DocumentModel, where: 'body' | 'notes'): Mention[] {
  const out: Inline[] = [];
  if (where === 'body') for (const b of doc.body) if (b.kind === 'p') out.push(...b.inlines);
  if (where === 'notes') for (const n of doc.notes) for (const p of n.paragraphs) out.push(...p);
  return out.filter((i): i is Mention => i.kind === 'mention');
}

/** [printed text, POCOM id of the record] of each office mention. */
function offices(doc: DocumentModel, where: 'body' | 'notes' = 'body'): [string, string | undefined][] {
  return mentionsOf(doc, where).filter((m) => m.resp === 'office').map((m) => [m.text, doc.entities.find((e) => e.id === m.ref)?.pocom]);
}

describe('the post a head names', () => {
  it('reads the one post of sender or addressee', () => {
    expect(headPost('The Ambassador in the Soviet Union (Smith) to the Secretary of State')).toEqual({ country: 'Soviet Union', embassy: true });
    expect(headPost('190. Telegram From the Embassy in Greece to the Department of State')).toEqual({ country: 'Greece', embassy: true });
    expect(headPost('The Secretary of State to the Legation in Ecuador')).toEqual({ country: 'Ecuador', embassy: false });
  });
  it('names none for a memorandum, or when two posts are named', () => {
    expect(headPost('Memorandum of a Conversation, Department of State, Washington')).toBeUndefined();
    expect(headPost('The Ambassador in France (Caffery) to the Ambassador in the United Kingdom (Douglas)')).toBeUndefined();
  });
});

describe('principal officers by date', () => {
  const body = 'The Secretary asked that the Ambassador see Molotov at once. The Under Secretary agrees. The Secretary of State will be informed.';
  it('resolves the Secretary, the Under Secretary and the Ambassador at the post on 16 January 1947', () => {
    const doc = annotate(telegram('The Secretary of State to the Ambassador in the Soviet Union (Smith)', 'Washington, January 16, 1947—7 p.m.', body));
    expect(offices(doc)).toEqual([
      ['Secretary', 'byrnes-james-francis'],
      ['Ambassador', 'smith-walter-bedell'],
      ['Under Secretary', 'acheson-dean-gooderham'],
      ['Secretary of State', 'byrnes-james-francis'],
    ]);
    const roles = mentionsOf(doc, 'body').filter((m) => m.resp === 'office');
    expect(new Set(roles.map((m) => `${m.type} ${m.cert}`))).toEqual(new Set(['role medium']));
    const byrnes = doc.entities.find((e) => e.pocom === 'byrnes-james-francis');
    expect(byrnes?.reason).toContain('“the Secretary”: POCOM, Secretary of State on 1947-01-16');
  });
  it('names the new Secretary after 21 January 1947', () => {
    const doc = annotate(telegram('The Secretary of State to the Ambassador in the Soviet Union (Smith)', 'Washington, January 22, 1947—7 p.m.', body));
    expect(offices(doc)[0]).toEqual(['Secretary', 'marshall-george-catlett']);
  });
  it('takes "Secretary" without its article as telegrams write it, but not another\'s secretary nor a name after it', () => {
    const text = 'Secretary authorizes you to proceed. Greeks sent message to Secretary asking mediation. The Colonial Secretary, Acting Secretary Clayton, Secretary Patterson and Mr. Jones, Secretary, were told; see Secretary’s Memoranda of Conversation.';
    const doc = annotate(telegram('The Secretary of State to the Ambassador in the Soviet Union (Smith)', 'Washington, January 16, 1947—7 p.m.', text));
    expect(offices(doc)).toEqual([['Secretary', 'byrnes-james-francis'], ['Secretary', 'byrnes-james-francis']]);
  });
  it('leaves other secretaries, acting holders and an undated document alone', () => {
    const other = 'The Acting Secretary and the Foreign Secretary saw the Secretary of the Treasury, the Secretary-General and the Secretary of State for Foreign Affairs.';
    expect(offices(annotate(telegram('The Secretary of State to the Ambassador in the Soviet Union (Smith)', 'Washington, January 16, 1947—7 p.m.', other)))).toEqual([]);
    const undated = `711.00/99: Telegram\n\nThe Secretary of State to the Ambassador in the Soviet Union (Smith)\n\n\nsecret\n\n${body}\n`;
    expect(offices(annotate(undated)).filter(([t]) => t !== 'Embassy')).toEqual([]);
  });
});

describe('the Ambassador and the Embassy of the post', () => {
  const head = 'The Ambassador in the Soviet Union (Smith) to the Secretary of State';
  const dateline = 'Moscow, January 14, 1947—7 p.m.';
  it('is not the post\'s ambassador after another\'s was named', () => {
    const doc = annotate(telegram(head, dateline, 'The British Ambassador called today. The Ambassador said London would agree.'));
    expect(offices(doc)).toEqual([]);
  });
  it('is the post\'s ambassador again once he is named', () => {
    const doc = annotate(telegram(head, dateline, 'The British Ambassador called today. Ambassador Smith replied at once; the Ambassador added that Moscow would agree.'));
    expect(offices(doc)).toEqual([['Ambassador', 'smith-walter-bedell']]);
  });
  it('resolves "the Ambassador in X" to the ambassador in X on the date, whatever the post', () => {
    const doc = annotate(telegram(head, dateline, 'The text was sent to the Ambassador in France yesterday.'));
    expect(offices(doc)).toEqual([['Ambassador', 'caffery-jefferson']]);
  });
  it('never takes an appointee who did not reach the post (London, January 1947: Gardner died before proceeding)', () => {
    const doc = annotate(telegram(head, dateline, 'The text was sent to the Ambassador in the United Kingdom yesterday.'));
    expect(offices(doc)).toEqual([]);
  });
  it('takes "the Embassy" in the body for the post\'s embassy, not in a footnote that may cite another post', () => {
    const doc = annotate(telegram(head, dateline, 'It is clear to the Embassy that nothing will change.1', '  1. In telegram 50 from London the Embassy reported the same.'));
    const body = mentionsOf(doc, 'body').filter((m) => m.resp === 'office');
    expect(body.map((m) => [m.type, m.text, doc.entities.find((e) => e.id === m.ref)?.name])).toEqual([['org', 'Embassy', 'United States Embassy in Soviet Union']]);
    expect(offices(doc, 'notes')).toEqual([]);
  });
});

describe('the seed telegram', () => {
  const doc = annotate(seedText());
  it('links note 5\'s "The Ambassador" to Smith, and leaves the body\'s "Ambassador added" (the British Ambassador) alone', () => {
    expect(offices(doc, 'notes')).toEqual([['Ambassador', 'smith-walter-bedell']]);
    expect(offices(doc, 'body')).toEqual([]);
  });
});
