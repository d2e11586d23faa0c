/**
 * The generated persons index (`tei/persons-index.json.gz`, written by scripts/build-registers.mjs
 * from the Office of the Historian's people database and POCOM, merged with the curated records):
 * loaded into register entries, plus the office-holders by date (chiefs of mission per country,
 * principal officers of the Department) that decide who "the Secretary" or "the Ambassador in X" is.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { message } from '../messages.js';
import {
  addEntry, contextWordsOf, forenameKeys, personForms, personNameParts, type Authority, type AuthorityEntry, type FormHit, type NameForm, type Period, type Role,
} from './registers.js';
import { wordKeys, type Token } from './text.js';
import { TokenTrie, type TrieMatch } from './trie.js';

/** [pocom id, role id, from, to] */
type ChiefRow = [string, string, string, string];
/** [pocom id, from, to] */
type HolderRow = [string, string, string];

export interface Offices {
  /** POCOM territory id -> chiefs of mission in order of start. */
  chiefs: Record<string, ChiefRow[]>;
  /** POCOM position id (`secretary`, `under-secretary`, …) -> title and holders in order of start. */
  principals: Record<string, { title: string; holders: HolderRow[] }>;
  /** POCOM territory id -> the country's names as FRUS prints them. */
  countries: Record<string, string[]>;
  /** Every person of the index, by POCOM id among others. */
  people: PeopleIndex;
}

/** One person of the index; roles packed as lines of `from<TAB>to<TAB>source<TAB>text` (parsed when used). */
export type Row = [
  id: string, name: string, surname: string, forenames: string, variants: string[], titles: string[], birth: string, death: string,
  roles: string, description: string, hsg: string, pocom: string, wikidata: string, curated: 0 | 1,
];

interface IndexFile {
  format: string;
  persons: Row[];
  /** Folded surname (or surname word) -> rows, and first word of any name form -> rows (`3,17,…`): persons not curated. */
  surnames: Record<string, string>;
  firstWords: Record<string, string>;
  offices: { chiefs: Offices['chiefs']; principals: Offices['principals']; countries?: Offices['countries'] };
}

const yearOf = (s: string): number | undefined => (/^\d{4}/.test(s) ? Number(s.slice(0, 4)) : undefined);

/** The register entry of one row of the index (also used by the register builder to key the forms). */
export function entryOf(row: Row): AuthorityEntry {
  const [id, name, surname, forenames, variants, titles, birth, death, roleRows, description, hsg, pocom, wikidata, curated] = row;
  const parts = { surname, forenames, titles, nicknames: [] as string[] };
  const forms: NameForm[] = [{ text: name, type: 'main' }, ...personForms(parts)];
  for (const v of variants) {
    if (v === name) continue;
    const p = personNameParts(v);
    if (!p.surname) continue;
    if (!/[\s,]/.test(v.trim())) {
      forms.push({ text: v, type: 'surname' });
      continue;
    }
    forms.push({ text: v, type: 'variant' });
    for (const f of personForms(p)) forms.push({ ...f, type: f.type === 'full' ? 'variant' : f.type });
  }
  const roles: Role[] = [];
  const periods: Period[] = [];
  let first = Infinity;
  let last = -Infinity;
  for (const line of roleRows ? roleRows.split('\n') : []) {
    const [from = '', to = '', source = '', text = ''] = line.split('\t');
    const role: Role = { text };
    if (from) role.from = from;
    if (to) role.to = to;
    if (source) role.source = source;
    roles.push(role);
    const period: Period = { words: contextWordsOf(text) };
    if (from) period.from = from;
    if (to) period.to = to;
    periods.push(period);
    const a = yearOf(from);
    const b = yearOf(to) ?? a;
    if (a !== undefined) first = Math.min(first, a);
    if (b !== undefined) last = Math.max(last, b);
  }
  const entry: AuthorityEntry = {
    id,
    kind: 'person',
    name,
    forms,
    surname,
    forenames: forenameKeys({ ...parts, forenames: forenames.replace(/\(([^)]*)\)/g, '$1') }),
    titles,
    description: description || undefined,
    wikidata: wikidata || undefined,
    periods,
    born: birth || undefined,
    died: death || undefined,
    contextWords: contextWordsOf([description, ...titles].join(' ')),
    origin: 'register',
    roles,
    curated: curated === 1,
  };
  if (hsg) entry.hsg = hsg;
  if (pocom) entry.pocom = pocom;
  if (first <= last) entry.active = [first, last];
  return entry;
}

/**
 * The persons index unpacked at build time (scripts/unpack-registers.mjs): the SHA-256 of the
 * `.json.gz` it was made from on the first line, then the JSON. Reading it instead of gunzipping the
 * committed file saves ~60-120 ms of a cold start; a copy made from another index is not used.
 */
export const UNPACKED_INDEX_PATH = fileURLToPath(new URL('../../build/persons-index.json', import.meta.url));

export const indexSha256 = (gz: Uint8Array): string => createHash('sha256').update(gz).digest('hex');

/** The unpacked file's text for the compressed index `gz`. */
export function unpackedIndexText(gz: Uint8Array): string {
  return `${indexSha256(gz)}\n${gunzipSync(gz).toString('utf8')}`;
}

/** The JSON of the index `gz` from the unpacked copy, if there is one made from it. */
function unpackedJson(gz: Uint8Array): string | undefined {
  if (!existsSync(UNPACKED_INDEX_PATH)) return undefined;
  try {
    const text = readFileSync(UNPACKED_INDEX_PATH, 'utf8');
    return text.slice(0, 64) === indexSha256(gz) && text[64] === '\n' ? text.slice(65) : undefined;
  } catch {
    return undefined; // unreadable: the committed index is read instead
  }
}

/** Adds the index's persons to a register and sets its office tables. */
export function readPersonIndex(auth: Authority, gz: Uint8Array, file: string): void {
  let data: IndexFile;
  try {
    data = JSON.parse(unpackedJson(gz) ?? gunzipSync(gz).toString('utf8')) as IndexFile;
  } catch (e) {
    auth.messages.push(message('error', 'annotate/register-not-well-formed', `the persons index cannot be read: ${(e as Error).message}`, file));
    return;
  }
  const people = new PeopleIndex(data);
  // curated persons are entered at once (the annotator's first register); the rest on demand
  data.persons.forEach((row, i) => {
    if (row[13] === 1) addEntry(auth, people.entry(i));
  });
  auth.people = people;
  auth.offices = { chiefs: data.offices.chiefs, principals: data.offices.principals, countries: data.offices.countries ?? {}, people };
}

/**
 * The persons of the index the curated register does not hold (the people database's other
 * ~15,000), materialised on demand by surname or by the first word of a name form. Every look-up is
 * complete for its key, so what a document finds never depends on the documents before it.
 */
export class PeopleIndex {
  private readonly entries = new Map<number, AuthorityEntry>();
  private readonly tries = new Map<string, TokenTrie<FormHit>>();
  private readonly surnameLists = new Map<string, { entry: AuthorityEntry; part: boolean }[]>();
  private pocomRows?: Map<string, number>;

  constructor(private readonly data: IndexFile) {}

  entry(i: number): AuthorityEntry {
    let e = this.entries.get(i);
    if (!e) this.entries.set(i, (e = entryOf(this.data.persons[i]!)));
    return e;
  }

  /** The person of a POCOM id (any person of the index). */
  byPocom(id: string): AuthorityEntry | undefined {
    if (!this.pocomRows) {
      this.pocomRows = new Map();
      this.data.persons.forEach((r, i) => {
        if (r[11]) this.pocomRows!.set(r[11], i);
      });
    }
    const i = this.pocomRows.get(id);
    return i === undefined ? undefined : this.entry(i);
  }

  /** Persons not curated with this folded surname (or surname word). */
  surnames(key: string): readonly { entry: AuthorityEntry; part: boolean }[] {
    let list = this.surnameLists.get(key);
    if (!list) {
      list = [];
      for (const i of rowsOf(this.data.surnames[key])) {
        const e = this.entry(i);
        const whole = e.forms.some((f) => f.type === 'surname' && wordKeys(f.text).join(' ') === key);
        list.push({ entry: e, part: !whole });
      }
      this.surnameLists.set(key, list);
    }
    return list;
  }

  hasSurname(key: string): boolean {
    return this.data.surnames[key] !== undefined;
  }

  /** Name forms of persons not curated starting at token i, longest first. */
  matchesAt(text: string, tokens: readonly Token[], i: number): TrieMatch<FormHit>[] {
    const key = tokens[i]!.key;
    const rows = rowsOf(this.data.firstWords[key]);
    if (rows.length === 0) return [];
    let trie = this.tries.get(key);
    if (!trie) {
      trie = new TokenTrie<FormHit>();
      for (const r of rows) {
        const entry = this.entry(r);
        const seen = new Set<string>();
        for (const form of entry.forms) {
          const keys = wordKeys(form.text);
          if (keys[0] !== key) continue;
          const k = `${form.type}|${keys.join(' ')}`;
          if (seen.has(k)) continue;
          seen.add(k);
          trie.insert(keys, { entry, form, caseSensitive: false });
        }
      }
      this.tries.set(key, trie);
    }
    return trie.matchesAt(text, tokens, i);
  }
}

const rowsOf = (list: string | undefined): number[] => (list ? list.split(',').map(Number) : []);

/** First word keys and surname keys of an entry's forms (for the index's look-up tables). */
export function lookupKeys(e: AuthorityEntry): { first: string[]; surnames: string[] } {
  const first = new Set<string>();
  const surnames = new Set<string>();
  for (const f of e.forms) {
    const keys = wordKeys(f.text);
    if (keys.length === 0) continue;
    first.add(keys[0]!);
    if (f.type === 'surname' || f.type === 'surname-part') surnames.add(keys.join(' '));
  }
  return { first: [...first], surnames: [...surnames] };
}
