/**
 * Persons chosen by the document's setting (issue 12, items 2 and 3), end to end on small synthetic
 * telegrams in the FRUS layout (test/fixtures/setting) against the project's registers: the
 * office a title names in the country of the dateline and head, at the date; never a person out of
 * their time; a footnote's identification first; the reason says what decided.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { annotateDocument, readRegisters } from '../src/annotate/index.js';
import { parseDocument } from '../src/parse/document.js';
import { splitDocuments } from '../src/read/split.js';
import { inlinesOf } from './helpers.js';
import type { DocumentModel, EntityRecord, Mention } from '../src/model.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const registers = readRegisters(resolve(repoRoot, 'tei'));

const annotate = (text: string, name = 'test.txt'): DocumentModel => annotateDocument(parseDocument(splitDocuments(text, name)[0]!), { registers });
const fixture = (name: string) => annotate(readFileSync(resolve(repoRoot, 'test/fixtures/setting', name), 'utf8'), name);

function mentions(doc: DocumentModel, printed: string): Mention[] {
  return inlinesOf(doc).filter((i): i is Mention => i.kind === 'mention' && i.type === 'person' && i.text === printed);
}

const recordOf = (doc: DocumentModel, m: Mention): EntityRecord | undefined => doc.entities.find((e) => e.id === m.ref);

describe('"Prime Minister Ali" in a Djakarta telegram of March 1954', () => {
  const doc = fixture('jakarta-1954-prime-minister-ali.txt');
  const ali = mentions(doc, 'Ali');

  it('is Ali Sastroamidjojo (people database 100270), the Prime Minister of Indonesia, every time', () => {
    expect(ali).toHaveLength(2);
    for (const m of ali) expect(recordOf(doc, m)?.hsg).toBe('100270');
  });

  it('never Chaudhri Muhammad Ali, Prime Minister of Pakistan only from 1955', () => {
    expect(doc.entities.some((e) => /Chaudhri/.test(e.name))).toBe(false);
  });

  it('a choice among namesakes: medium, and the reason names the setting that decided', () => {
    for (const m of ali) expect(m.cert).toBe('medium');
    expect(recordOf(doc, ali[0]!)?.reason).toMatch(/setting.*prime minister in 1954 in Indonesia.*Djakarta/);
  });
});

describe('the same words in a Karachi telegram of May 1954', () => {
  const doc = fixture('karachi-1954-prime-minister-ali.txt');
  it('are the Prime Minister of Pakistan that year, not Chaudhri Muhammad Ali nor the Indonesian', () => {
    const names = mentions(doc, 'Ali').map((m) => recordOf(doc, m)?.name);
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n).toMatch(/^(?:Muhammad Ali Bogra|Mohammed Ali)$/);
  });
});

describe('a footnote identification wins over the setting', () => {
  const doc = fixture('jakarta-1954-footnote-wins.txt');
  it('"Ali" in Djakarta identified by a footnote as Pakistan’s Prime Minister is that person', () => {
    const ali = mentions(doc, 'Ali');
    expect(ali.length).toBeGreaterThan(0);
    for (const m of ali) {
      expect(m.resp).toBe('footnote');
      expect(recordOf(doc, m)?.name).not.toMatch(/Sastroamidjojo/);
    }
  });
});

describe('Baghdad, March 1959: Qassim and Nuri', () => {
  const doc = fixture('baghdad-1959-nuri-qassim.txt');
  it('Qassim is Abdul Karim Qassim (people database 111030)', () => {
    const qassim = mentions(doc, 'Qassim');
    expect(qassim.length).toBeGreaterThan(0);
    for (const m of qassim) expect(recordOf(doc, m)?.hsg).toBe('111030');
  });
  it('Nuri, dead since July 1958, is Nuri al-Said or left unlinked, never Nuri Birgi of Turkey', () => {
    for (const m of mentions(doc, 'Nuri')) expect(recordOf(doc, m)?.name ?? 'Nuri al-Said').toBe('Nuri al-Said');
  });
});

describe('never a person outside their lifetime', () => {
  const doc = annotate(`822.00/1–1542: Telegram

The Ambassador in Ecuador (Long) to the Secretary of State


Quito, January 15, 1942—5 p.m.

27. President Arroyo told me this morning that the Congress would meet next week. Arroyo believes the frontier question can wait.

Long
`);
  it('Arroyo in Quito in 1942 is Carlos Arroyo del Río, never Gloria Macapagal-Arroyo (Philippines, 2001–2010)', () => {
    const arroyo = mentions(doc, 'Arroyo');
    expect(arroyo.length).toBe(2);
    for (const m of arroyo) expect(recordOf(doc, m)?.name).toMatch(/Arroyo del R[ií]o/);
  });
  it('Long, signing in Quito, is the Ambassador in Ecuador that day (Boaz Long), not Breckinridge Long', () => {
    for (const m of mentions(doc, 'Long')) expect(recordOf(doc, m)?.name).toMatch(/Boaz/);
  });
});
