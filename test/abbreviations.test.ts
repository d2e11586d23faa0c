/**
 * Abbreviations several organisations share (GOI, GOP, CPI) are resolved from the document's
 * context — its head, dateline and text, an expansion printed in it — or left unlinked. Short
 * synthetic documents against the project's registers (`tei/orgs.xml`).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { annotateDocument, readRegisters } from '../src/annotate/index.js';
import { parseDocument } from '../src/parse/document.js';
import { splitDocuments } from '../src/read/split.js';
import { inlinesOf } from './helpers.js';
import type { DocumentModel, Mention } from '../src/model.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const registers = readRegisters(resolve(repoRoot, 'tei'));

function annotate(text: string): DocumentModel {
  return annotateDocument(parseDocument(splitDocuments(text, 'test.txt')[0]!), { registers });
}


/** The mentions printed exactly as `printed`. */
function mentionsOf(doc: DocumentModel, printed: string): Mention[] {
  return inlinesOf(doc).filter((i): i is Mention => i.kind === 'mention' && i.text === printed);
}

/** The register name each mention of `printed` links to (undefined: not tagged or not linked). */
function linkedNames(doc: DocumentModel, printed: string): (string | undefined)[] {
  return mentionsOf(doc, printed).map((m) => doc.entities.find((e) => e.id === m.ref)?.name);
}

const baghdad = annotate(`787.00/1–1559: Telegram

Telegram From the Embassy in Iraq to the Department of State


Baghdad, January 15, 1959—4 p.m.

1. CPI continues to press GOI for seats in cabinet. Iraqi press carries daily CPI statements.

2. GOI has so far resisted, but CPI influence in Baghdad street is growing and the Iraqi army watches.
`);

describe('a 1959 Baghdad telegram: CPI and GOI are Iraqi', () => {
  it('links every CPI to the Communist Party of Iraq and every GOI to the Government of Iraq', () => {
    expect(linkedNames(baghdad, 'CPI')).toEqual(['Communist Party of Iraq', 'Communist Party of Iraq', 'Communist Party of Iraq']);
    expect(linkedNames(baghdad, 'GOI')).toEqual(['Government of Iraq', 'Government of Iraq']);
  });

  it('marks the links certain only because nothing speaks for the rivals, and says why', () => {
    for (const m of [...mentionsOf(baghdad, 'CPI'), ...mentionsOf(baghdad, 'GOI')]) expect(m.cert).toBe('high');
    const cpi = baghdad.entities.find((e) => e.name === 'Communist Party of Iraq');
    expect(cpi?.reason).toMatch(/baghdad|iraqi/);
  });
});

describe('a 1948 Karachi despatch: GOP is the Government of Pakistan', () => {
  const karachi = annotate(`845F.00/3–1048: Despatch

The Ambassador in Pakistan to the Secretary of State


Karachi, March 10, 1948.

The GOP has asked for a loan. Officials of the GOP in Karachi say Pakistan cannot wait.
`);
  it('links GOP to the Government of Pakistan, not the Republican Party', () => {
    expect(linkedNames(karachi, 'GOP')).toEqual(['Government of Pakistan', 'Government of Pakistan']);
  });
});

describe('a Washington memorandum: GOP is the Republican Party', () => {
  const washington = annotate(`711.00/5–1052

Memorandum by the Assistant Secretary of State for Congressional Relations to the Secretary of State


Washington, May 10, 1952.

The GOP leaders in Congress will oppose the aid bill. The Democrats expect Republican votes in the Senate nonetheless.
`);
  it('links GOP to the Republican Party', () => {
    expect(linkedNames(washington, 'GOP')).toEqual(['Republican Party']);
  });
});

describe('a footnote expansion decides', () => {
  const expanded = annotate(`Telegram From the Department of State to the Embassy in India


Washington, February 2, 1959—6 p.m.

Department notes CPI1 statement on the border. GOI reaction awaited.

  1. Communist Party of Iraq.
`);
  it('links CPI to the party the footnote names, even in a document set in India', () => {
    expect(linkedNames(expanded, 'CPI')).toEqual(['Communist Party of Iraq']);
    expect(mentionsOf(expanded, 'CPI')[0]?.cert).toBe('high');
  });
});

describe('when the context does not decide', () => {
  const ambiguous = annotate(`Memorandum for the Record


Washington, June 1, 1955.

GOI position unchanged. Meeting tomorrow.
`);
  it('leaves the abbreviation unlinked rather than guessing', () => {
    expect(linkedNames(ambiguous, 'GOI')).toEqual([]);
  });

  it('still links an abbreviation only one organisation has (PKI)', () => {
    const doc = annotate(`Memorandum for the Record


Washington, June 1, 1955.

PKI gains reported.
`);
    expect(linkedNames(doc, 'PKI')).toEqual(['Communist Party of Indonesia']);
  });
});
