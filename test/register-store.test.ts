/**
 * The registers prebuilt at build time (build/registers/, src/annotate/register-store.ts) must
 * answer every look-up as the registers read from tei/ do: the same entries in the same order,
 * the same trie matches, surnames and office-holders, over the words of the example and of the
 * dev corpus; they are used only while tei/ and the code are what they were made from.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRegisterStore, registerStoreState, writeRegisterStore } from '../src/annotate/register-store.js';
import { readRegisters, surnameCandidates, type Authority, type AuthorityEntry, type FormHit } from '../src/annotate/registers.js';
import { tokenize } from '../src/annotate/text.js';
import type { TrieMatch } from '../src/annotate/trie.js';
import { convertText } from '../src/index.js';
import { corpusDir, hasCorpus, NEEDS, repoRoot, seedText, skipNote } from './helpers.js';

const stored = readRegisterStore();
const full = readRegisters(join(repoRoot, 'tei'));

/** A match as text, and the entries it names (to compare them whole). */
function described(ms: readonly TrieMatch<FormHit>[], seen: Map<string, [AuthorityEntry, AuthorityEntry?]>, side: 0 | 1): string[] {
  return ms.map((m) => `${m.from}-${m.to}: ${m.values.map((v) => {
    const pair = seen.get(v.entry.id) ?? [v.entry];
    pair[side] = v.entry;
    seen.set(v.entry.id, pair);
    return `${v.entry.id} ${v.form.type} "${v.form.text}" ${v.caseSensitive}`;
  }).join('; ')}`);
}

/** Every look-up the annotator makes of the registers, at every word of `text`, in both registers. */
function compareLookUps(a: Authority, b: Authority, text: string): number {
  const tokens = tokenize(text);
  const seen = new Map<string, [AuthorityEntry, AuthorityEntry?]>();
  for (let i = 0; i < tokens.length; i++) {
    const key = tokens[i]!.key;
    expect(described(a.trie.matchesAt(text, tokens, i), seen, 0)).toEqual(described(b.trie.matchesAt(text, tokens, i), seen, 1));
    expect(described(a.people?.matchesAt(text, tokens, i) ?? [], seen, 0)).toEqual(described(b.people?.matchesAt(text, tokens, i) ?? [], seen, 1));
    expect(a.people?.hasSurname(key)).toBe(b.people?.hasSurname(key));
    expect(surnameCandidates(a, key).map((c) => [c.entry.id, c.part])).toEqual(surnameCandidates(b, key).map((c) => [c.entry.id, c.part]));
    expect(a.forenames.has(key)).toBe(b.forenames.has(key));
  }
  for (const [x, y] of seen.values()) expect(x).toEqual(y);
  return tokens.length;
}

const suite = 'the registers prebuilt at build time';
describe.skipIf(!stored)(stored ? suite : skipNote(suite, `build/registers/ made from tei/ and the code as they are now: ${NEEDS.build}`), () => {
  const regs = stored!;

  it('hold the entries of tei/, in the same order, and its messages', () => {
    expect([...regs.entries.keys()]).toEqual([...full.entries.keys()]);
    for (const [id, e] of regs.entries) expect(e).toEqual(full.entries.get(id));
    expect(regs.messages).toEqual(full.messages);
    expect([...regs.forenames].sort()).toEqual([...full.forenames].sort());
    expect(regs.people?.size).toBe(full.people?.size);
  });

  it('give the office-holders of tei/ (every POCOM id of the office tables)', () => {
    expect(regs.offices?.chiefs).toEqual(full.offices?.chiefs);
    expect(regs.offices?.principals).toEqual(full.offices?.principals);
    expect(regs.offices?.countries).toEqual(full.offices?.countries);
    const ids = new Set<string>();
    for (const rows of Object.values(regs.offices!.chiefs)) for (const r of rows) ids.add(r[0]);
    for (const p of Object.values(regs.offices!.principals)) for (const h of p.holders) ids.add(h[0]);
    expect(ids.size).toBeGreaterThan(100);
    for (const id of ids) expect(regs.offices!.people.byPocom(id)).toEqual(full.offices!.people.byPocom(id));
  });

  it('answer the look-ups of the example as tei/ does, reading only the persons its words ask for', () => {
    const fresh = readRegisterStore()!;
    const before = fresh.people!.materialised;
    expect(compareLookUps(fresh, full, seedText())).toBeGreaterThan(300);
    expect(fresh.people!.materialised).toBeGreaterThan(before);
    expect(fresh.people!.materialised).toBeLessThan(fresh.people!.size / 4);
  });

  it('make nothing at load, and drop what look-ups made when asked (between documents), keeping the registers\' own persons', () => {
    const fresh = readRegisterStore()!;
    const people = fresh.people!;
    expect(people.materialised).toBe(0);
    compareLookUps(fresh, full, seedText());
    const made = people.materialised;
    expect(made).toBeGreaterThan(0);
    people.trimCaches(1_000_000);
    expect(people.materialised).toBe(made);
    const curated = [...fresh.entries.values()].filter((e) => e.kind === 'person');
    const withPocom = curated.find((e) => e.pocom && people.byPocom(e.pocom) === e)!;
    expect(withPocom).toBeDefined();
    people.trimCaches(0);
    expect(people.materialised).toBeLessThanOrEqual(curated.length);
    expect(people.byPocom(withPocom.pocom!)).toBe(withPocom);
    compareLookUps(fresh, full, seedText());
  });

  const corpusTest = 'answer the look-ups of every word of the dev corpus as tei/ does';
  it.skipIf(!hasCorpus)(hasCorpus ? corpusTest : skipNote(corpusTest), () => {
    const raw = join(corpusDir, 'raw');
    let words = 0;
    for (const f of readdirSync(raw).filter((n) => n.endsWith('.txt'))) words += compareLookUps(regs, full, readFileSync(join(raw, f), 'utf8'));
    expect(words).toBeGreaterThan(20_000);
  });

  it('give the same conversion of the example', () => {
    const a = convertText(seedText(), { file: 'smith.txt', annotate: { registers: readRegisterStore()! } }).documents[0]!;
    const b = convertText(seedText(), { file: 'smith.txt', annotate: { registers: readRegisters(join(repoRoot, 'tei')) } }).documents[0]!;
    expect(a.tei?.xml).toBe(b.tei?.xml);
    expect(a.outputs).toEqual(b.outputs);
  });
});

describe('the people index', () => {
  it('knows no names from JavaScript objects (a word such as "Constructor" is not a key of its tables)', () => {
    for (const regs of [full, stored].filter((r): r is Authority => r !== undefined)) {
      const text = 'Constructor Valueof Hasownproperty Tostring Isprototypeof Propertyisenumerable Tolocalestring';
      const tokens = tokenize(text);
      for (let i = 0; i < tokens.length; i++) expect(regs.people!.matchesAt(text, tokens, i)).toEqual([]);
      for (const key of ['constructor', '__proto__', 'hasownproperty', 'tostring', 'valueof', 'isprototypeof']) {
        expect(regs.people!.hasSurname(key)).toBe(false);
        expect(regs.people!.surnames(key)).toEqual([]);
        expect(regs.people!.byPocom(key)).toBeUndefined();
      }
    }
    const result = convertText('Constructor Valueof said to Hasownproperty that Tostring is here.\n', { file: 'x.txt', annotate: { registers: full } });
    expect(result.documents[0]!.messages.filter((m) => m.severity === 'error')).toEqual([]);
  });
});

describe('the prebuilt registers are used only while made from what is there now', () => {
  it('is refused when a register or the code changes, kept when only file times do', () => {
    const root = mkdtempSync(join(tmpdir(), 'tt-store-'));
    try {
      mkdirSync(join(root, 'tei'));
      for (const f of readdirSync(join(repoRoot, 'tei'))) symlinkSync(join(repoRoot, 'tei', f), join(root, 'tei', f));
      for (const dir of ['src/annotate', 'dist/annotate']) {
        if (!existsSync(join(repoRoot, dir))) continue;
        mkdirSync(join(root, dir), { recursive: true });
        for (const f of readdirSync(join(repoRoot, dir))) symlinkSync(join(repoRoot, dir, f), join(root, dir, f));
      }
      expect(readRegisterStore(root)).toBeUndefined(); // none built
      expect(registerStoreState(root)).toBe('stale');
      writeRegisterStore(root);
      expect(registerStoreState(root)).toBe('fresh');
      expect(readRegisterStore(root)?.entries.size).toBe(full.entries.size);

      // the same bytes with another time (a checkout): still used, and --if-stale records the time
      const orgs = join(root, 'tei', 'orgs.xml');
      rmSync(orgs);
      copyFileSync(join(repoRoot, 'tei', 'orgs.xml'), orgs);
      utimesSync(orgs, new Date(2001, 0, 1), new Date(2001, 0, 1));
      expect(readRegisterStore(root)?.entries.size).toBe(full.entries.size);
      expect(registerStoreState(root)).toBe('fresh');

      // a register changed: tei/ is read instead
      writeFileSync(orgs, readFileSync(orgs, 'utf8').replace('</listOrg>', '<!-- changed --></listOrg>'));
      expect(readRegisterStore(root)).toBeUndefined();
      expect(registerStoreState(root)).toBe('stale');
      writeRegisterStore(root);
      expect(readRegisterStore(root)).toBeDefined();

      // the annotator's code changed (a file added): tei/ is read instead
      writeFileSync(join(root, 'src', 'annotate', 'added.ts'), 'export {};\n');
      writeFileSync(join(root, 'dist', 'annotate', 'added.js'), 'export {};\n');
      expect(readRegisterStore(root)).toBeUndefined();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
