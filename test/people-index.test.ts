/**
 * The people index (src/annotate/person-index.ts) matches a name in the text by the keys of the
 * forms, making only the persons whose forms match, and keeps what it made between documents up to
 * a bound (least recently used dropped). Both must change nothing a document gets: the matches are
 * those of a trie of every person's forms, and the annotation of each dev document is the same
 * whether the index dropped everything between documents or nothing.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRegisterStore } from '../src/annotate/register-store.js';
import { annotateDocument } from '../src/annotate/index.js';
import { readRegisters, type FormHit, type Registers } from '../src/annotate/registers.js';
import { tokenize } from '../src/annotate/text.js';
import { TokenTrie, type TrieMatch } from '../src/annotate/trie.js';
import { parseDocument } from '../src/parse/document.js';
import { decodeInput } from '../src/read/decode.js';
import { splitDocuments } from '../src/read/split.js';
import { buildTei } from '../src/tei/build.js';
import { corpusDir, hasCorpus, repoRoot, skipNote } from './helpers.js';

const raw = join(corpusDir, 'raw');
const devTexts = (): [string, string][] =>
  readdirSync(raw).filter((n) => n.endsWith('.txt')).sort().map((f) => [f, readFileSync(join(raw, f), 'utf8')]);

const described = (ms: readonly TrieMatch<FormHit>[]): string[] =>
  ms.map((m) => `${m.from}-${m.to}: ${m.values.map((v) => `${v.entry.id} ${v.form.type} "${v.form.text}" ${v.caseSensitive}`).join('; ')}`);

/** The people index's persons in a trie of all their forms, as the index held them before (every row made). */
function wholeTrie(regs: Registers): TokenTrie<FormHit> {
  const people = regs.people!;
  const trie = new TokenTrie<FormHit>();
  const curated = new Set([...regs.entries.values()].filter((e) => e.kind === 'person').map((e) => e.id));
  // rows in the order of the first-word lists the trie was filled from: each first word's rows in index order
  const byFirst = new Map<string, number[]>();
  for (let i = 0; i < people.size; i++) {
    const { entry, keyed } = people.keyedEntry(i);
    if (entry.curated || curated.has(entry.id)) continue;
    for (const k of new Set(keyed.map((f) => f.keys[0]!))) byFirst.set(k, [...(byFirst.get(k) ?? []), i]);
  }
  for (const [first, rows] of byFirst) {
    for (const r of rows) {
      const { entry, keyed } = people.keyedEntry(r);
      for (const { form, keys } of keyed) if (keys[0] === first) trie.insert(keys, { entry, form, caseSensitive: false });
    }
  }
  return trie;
}

/** Each document's TEI, annotated with these registers; `between` runs after each document. */
function annotatedTei(regs: Registers, texts: [string, string][], between: () => void): string[] {
  const out: string[] = [];
  for (const [file, text] of texts) {
    const decoded = decodeInput(new TextEncoder().encode(text), file);
    if (!decoded.ok) throw new Error(`${file} cannot be read`);
    for (const source of splitDocuments(decoded.source.text, file)) {
      const model = annotateDocument(parseDocument(source), { registers: regs });
      out.push(buildTei(model, { sourceName: file, messages: [...model.messages] }).xml);
      between();
    }
  }
  return out;
}

const corpusTest = 'the people index over the dev corpus';
describe.skipIf(!hasCorpus)(hasCorpus ? corpusTest : skipNote(corpusTest), () => {
  it('matches every word as a trie of all its persons\' forms does, making only the persons matched', () => {
    const full = readRegisters(join(repoRoot, 'tei'));
    const trie = wholeTrie(full);
    const regs = readRegisterStore() ?? readRegisters(join(repoRoot, 'tei'));
    let words = 0;
    for (const [, text] of devTexts()) {
      const tokens = tokenize(text);
      for (let i = 0; i < tokens.length; i++) {
        expect(described(regs.people!.matchesAt(text, tokens, i))).toEqual(described(trie.matchesAt(text, tokens, i)));
      }
      words += tokens.length;
    }
    expect(words).toBeGreaterThan(20_000);
    // a first word's forms no longer make every person whose names start with it
    expect(regs.people!.materialised).toBeLessThan(regs.people!.size / 5);
  });

  it('annotates each document the same when what it made is dropped between documents', () => {
    const texts = devTexts();
    const kept = readRegisterStore() ?? readRegisters(join(repoRoot, 'tei'));
    const dropped = readRegisterStore() ?? readRegisters(join(repoRoot, 'tei'));
    const pinned = [...dropped.entries.values()].filter((e) => e.kind === 'person').length;
    const a = annotatedTei(kept, texts, () => kept.people!.trimCaches(1_000_000, 1_000_000));
    let most = 0;
    const b = annotatedTei(dropped, texts, () => {
      dropped.people!.trimCaches(5, 100);
      most = Math.max(most, dropped.people!.materialised);
    });
    expect(b).toEqual(a);
    expect(most).toBeLessThanOrEqual(pinned + 5);
    expect(kept.people!.materialised).toBeGreaterThan(most);
  });
});
