/**
 * The generated persons index (`tei/persons-index.json.gz`, written by scripts/build-registers.mjs
 * from the Office of the Historian's people database and POCOM, merged with the curated records):
 * loaded into register entries, plus the office-holders by date (chiefs of mission per country,
 * principal officers of the Department) that decide who "the Secretary" or "the Ambassador in X" is.
 */
import { gunzipSync } from 'node:zlib';
import { message } from '../messages.js';
import {
  addKeyedEntry, contextWordsOf, forenameKeys, keyedForms, personForms, personNameParts,
  type Authority, type AuthorityEntry, type FormHit, type KeyedForm, type NameForm, type Period, type Role,
} from './registers.js';
import { nameGapBetween, wordKeys, type Token } from './text.js';
import type { TrieMatch } from './trie.js';

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

export interface IndexFile extends IndexTables {
  format: string;
  persons: Row[];
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

export interface IndexTables {
  /** Folded surname (or surname word) -> rows, and first word of any name form -> rows (`3,17,…`): persons not curated. */
  surnames: Record<string, string>;
  firstWords: Record<string, string>;
  /** Romanisation skeleton -> folded surname keys (`kasim` -> `kassem,qasim,qassim`), when the index has it. */
  spellings?: Record<string, string>;
}

/**
 * Where the people index's persons come from: the whole index parsed (`indexSource`), or the
 * registers prebuilt at build time, each person read when first asked for (register-store.ts).
 */
export interface PersonSource extends Omit<IndexTables, 'firstWords'> {
  /** How many persons (rows) the index has. */
  count: number;
  /** The row of the person with this POCOM id. */
  pocomRow(id: string): number | undefined;
  /** Row i's register entry and its keyed forms (made once per row: PeopleIndex keeps them). */
  load(i: number): KeyedEntry;
  /** The name forms of persons not curated whose first word key is `first` (none: undefined). */
  formsStarting(first: string): FormRefs | undefined;
}

/**
 * The name forms that start with one first word, without their persons: the keys after the first
 * word (joined by spaces, '' for a one-word form), the row of the person, the form's index among
 * its keyed forms; flat, in the order the forms were inserted in the trie per first word (rows in
 * the index's order, forms in the entry's), which is the order of a match's values.
 */
export type FormRefs = (string | number)[];

/** The form refs of a first word from the persons' keyed forms (at build time, or from a parsed index). */
export function formRefsOf(first: string, rows: readonly number[], keyedOf: (row: number) => readonly KeyedForm[]): FormRefs {
  const refs: FormRefs = [];
  for (const row of rows) {
    keyedOf(row).forEach(({ keys }, k) => {
      if (keys[0] === first) refs.push(keys.slice(1).join(' '), row, k);
    });
  }
  return refs;
}

/** A register entry and the keyed forms it is found by. */
export interface KeyedEntry {
  entry: AuthorityEntry;
  keyed: readonly KeyedForm[];
}

/** The index file parsed, or an error message. */
export function parseIndex(gz: Uint8Array): IndexFile | { error: string } {
  try {
    return JSON.parse(gunzipSync(gz).toString('utf8')) as IndexFile;
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** The persons of a parsed index, each made into an entry when first asked for. */
export function indexSource(data: IndexFile): PersonSource {
  let pocom: Map<string, number> | undefined;
  const load = (i: number): KeyedEntry => {
    const entry = entryOf(data.persons[i]!);
    return { entry, keyed: keyedForms(entry) };
  };
  return {
    surnames: data.surnames,
    ...(data.spellings ? { spellings: data.spellings } : {}),
    count: data.persons.length,
    pocomRow(id) {
      if (!pocom) {
        pocom = new Map();
        for (const [i, r] of data.persons.entries()) if (r[11]) pocom.set(r[11], i); // the last row of an id, as ever
      }
      return pocom.get(id);
    },
    load,
    formsStarting(first) {
      const rows = rowsOf(own(data.firstWords, first));
      // the entries made here only for their keys are dropped again: PeopleIndex makes the ones a match needs
      return rows.length === 0 ? undefined : formRefsOf(first, rows, (row) => load(row).keyed);
    },
  };
}

/** The office tables of an index (for the registers' `offices`, with its people). */
export function officesOf(data: Pick<IndexFile, 'offices'>, people: PeopleIndex): Offices {
  return { chiefs: data.offices.chiefs, principals: data.offices.principals, countries: data.offices.countries ?? {}, people };
}

/** Adds the index's persons to a register and sets its office tables. */
export function readPersonIndex(auth: Authority, gz: Uint8Array, file: string): void {
  const data = parseIndex(gz);
  if ('error' in data) {
    auth.messages.push(message('error', 'annotate/register-not-well-formed', `the persons index cannot be read: ${data.error}`, file));
    return;
  }
  const people = new PeopleIndex(indexSource(data));
  // curated persons are entered at once (the annotator's first register); the rest on demand
  data.persons.forEach((row, i) => {
    if (row[13] === 1) {
      const keyed = people.keyedEntry(i);
      people.adopt(i, keyed);
      addKeyedEntry(auth, keyed.entry, keyed.keyed);
    }
  });
  auth.people = people;
  auth.offices = officesOf(data, people);
}

/** The value of an own property of a table parsed from JSON (never one of Object.prototype's: `constructor`). */
export const own = (table: Record<string, string>, key: string): string | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

/** The forms of one first word, by the keys after it; a match's values made when first matched. */
interface FirstWordForms {
  /** Most words after the first in any of the forms. */
  depth: number;
  /** Keys after the first word -> [row, form index, …], and the match's values (of generation `made`). */
  rest: Map<string, FormsAt>;
  /** How many forms (for the bound on what is kept). */
  size: number;
  /** The document it was last used in. */
  used: number;
}

/** The forms with one sequence of keys: [row, form index, …]; their hits (made in generation `made`, last used in document `used`). */
interface FormsAt {
  refs: number[];
  hits?: FormHit[];
  made?: number;
  used?: number;
}

function firstWordForms(refs: FormRefs): FirstWordForms {
  const rest: FirstWordForms['rest'] = new Map();
  let depth = 0;
  for (let n = 0; n < refs.length; n += 3) {
    const keys = refs[n] as string;
    let at = rest.get(keys);
    if (!at) rest.set(keys, (at = { refs: [] }));
    at.refs.push(refs[n + 1] as number, refs[n + 2] as number);
    if (keys) depth = Math.max(depth, keys.split(' ').length);
  }
  return { depth, rest, size: refs.length / 3, used: 0 };
}

/**
 * The persons of the index the curated register does not hold (the people database's other
 * ~15,000), materialised on demand: a name form in the text by its keys (only the persons whose form
 * it is), a surname by every person who has it. Every look-up is complete for its key, so what a
 * document finds never depends on the documents before it. What look-ups made is kept between
 * documents up to a bound (`trimCaches`), least recently used dropped first.
 */
export class PeopleIndex {
  /** Persons made so far. */
  private readonly made = new Map<number, KeyedEntry>();
  /** Per row, the document it was last used in (a typed array: marking costs no allocation). */
  private readonly lastUsed: Int32Array;
  /** Rows the registers hold as entries of their own (curated persons): never dropped. */
  private readonly pinned = new Set<number>();
  /** Name forms by first word key (no persons in them but the hits of `generation`). */
  private readonly forms = new Map<string, FirstWordForms>();
  private formsHeld = 0;
  private readonly surnameLists = new Map<string, { list: { entry: AuthorityEntry; part: boolean }[]; rows: number[]; used: number }>();
  /** Counts the times persons were dropped: hits made before hold persons no longer in `made`. */
  private generation = 0;
  /** Counts documents (trimCaches calls): a list's persons are marked used once per document. */
  private document = 1;

  constructor(readonly source: PersonSource) {
    this.lastUsed = new Int32Array(source.count);
  }

  /** How many persons the index holds. */
  get size(): number {
    return this.source.count;
  }

  /** How many persons have been made into entries and are held (for tests and measurement). */
  get materialised(): number {
    return this.made.size;
  }

  entry(i: number): AuthorityEntry {
    return this.keyedEntry(i).entry;
  }

  keyedEntry(i: number): KeyedEntry {
    let e = this.made.get(i);
    if (!e) this.made.set(i, (e = this.source.load(i)));
    this.lastUsed[i] = this.document;
    return e;
  }

  /** Row i is this entry, made already (a curated person the registers hold): kept for good. */
  adopt(i: number, e: KeyedEntry): void {
    if (!this.made.has(i)) this.made.set(i, e);
    this.pinned.add(i);
  }

  /** Row i is one of the registers' own entries (the source gives it): never dropped. */
  pin(i: number): void {
    this.pinned.add(i);
  }

  /**
   * Between documents (never within one: within a document a person must stay one object): keeps
   * at most `maxPersons` persons beyond the pinned ones and the name forms of at most `maxForms`
   * forms, dropping those least recently used. The ones a batch's documents keep using stay made.
   */
  trimCaches(maxPersons: number, maxForms = DEFAULT_MAX_FORMS): void {
    this.document++;
    if (this.made.size > maxPersons) {
      const loose = [...this.made.keys()].filter((i) => !this.pinned.has(i));
      if (loose.length > maxPersons) {
        // down to 3/4 of the bound, so that a batch at the bound does not drop a few after every document
        loose.sort((x, y) => this.lastUsed[x]! - this.lastUsed[y]!);
        for (const i of loose.slice(0, loose.length - Math.floor(maxPersons * 0.75))) this.made.delete(i);
        this.generation++;
        this.surnameLists.clear();
      }
    }
    if (this.formsHeld > maxForms) {
      for (const [first, f] of [...this.forms].sort((x, y) => x[1].used - y[1].used)) {
        if (this.formsHeld <= maxForms * 0.75) break;
        this.forms.delete(first);
        this.formsHeld -= f.size;
      }
    }
  }

  /** The person of a POCOM id (any person of the index). */
  byPocom(id: string): AuthorityEntry | undefined {
    const i = this.source.pocomRow(id);
    return i === undefined ? undefined : this.entry(i);
  }

  /** Persons not curated with this folded surname (or surname word). */
  surnames(key: string): readonly { entry: AuthorityEntry; part: boolean }[] {
    const known = this.surnameLists.get(key);
    if (known) {
      if (known.used !== this.document) {
        known.used = this.document;
        for (const i of known.rows) this.keyedEntry(i); // used again: not dropped first
      }
      return known.list;
    }
    const rows = rowsOf(own(this.source.surnames, key));
    const list: { entry: AuthorityEntry; part: boolean }[] = [];
    for (const i of rows) {
      const { entry, keyed } = this.keyedEntry(i);
      const whole = keyed.some((f) => f.form.type === 'surname' && f.keys.join(' ') === key);
      list.push({ entry, part: !whole });
    }
    this.surnameLists.set(key, { list, rows, used: this.document });
    return list;
  }

  /** Persons not curated whose first forename is this folded word (`ali`: Ali Sastroamidjojo). */
  byForename(key: string): AuthorityEntry[] {
    // the persons of the one-word-or-more forms starting with it (refs: keys after, row, form index)
    const refs = this.source.formsStarting(key) ?? [];
    const rows = new Set<number>();
    for (let k = 1; k < refs.length; k += 3) rows.add(refs[k] as number);
    return [...rows].map((i) => this.entry(i)).filter((e) => e.forenames?.[0] === key);
  }

  hasSurname(key: string): boolean {
    return own(this.source.surnames, key) !== undefined;
  }

  /** The folded surnames of the index (curated persons' too) with this romanisation skeleton. */
  spelledLike(skeleton: string): string[] {
    const list = this.source.spellings ? own(this.source.spellings, skeleton) : undefined;
    return list ? list.split(',') : [];
  }

  /** The forms of a first word (kept, marked used), or undefined when no form starts with it. */
  private formsOf(first: string): FirstWordForms | undefined {
    let f = this.forms.get(first);
    if (!f) {
      const refs = this.source.formsStarting(first);
      if (!refs) return undefined;
      f = firstWordForms(refs);
      this.forms.set(first, f);
      this.formsHeld += f.size;
    }
    f.used = this.document;
    return f;
  }

  /**
   * Name forms of persons not curated starting at token i, longest first: the forms are matched by
   * their keys, and only the persons of the forms that match are made. The same matches, in the
   * same order, as a trie of all the persons' forms.
   */
  matchesAt(text: string, tokens: readonly Token[], i: number): TrieMatch<FormHit>[] {
    const forms = this.formsOf(tokens[i]!.key);
    if (!forms) return [];
    const out: TrieMatch<FormHit>[] = [];
    let rest = '';
    for (let j = i; j < tokens.length && j <= i + forms.depth; j++) {
      // as the trie: the words of a form are separated by spaces (or a stop after an initial)
      if (j > i) {
        if (!nameGapBetween(text, tokens[j - 1]!, tokens[j]!)) break;
        rest = j === i + 1 ? tokens[j]!.key : `${rest} ${tokens[j]!.key}`;
      }
      const at = forms.rest.get(rest);
      if (at) out.push({ from: i, to: j + 1, values: this.hitsOf(at) });
    }
    return out.reverse();
  }

  /** The values of a form match: made once (per generation of persons) and then the same objects. */
  private hitsOf(at: FormsAt): FormHit[] {
    if (at.hits && at.made === this.generation) {
      if (at.used !== this.document) {
        at.used = this.document;
        for (let n = 0; n < at.refs.length; n += 2) this.keyedEntry(at.refs[n]!); // used again: not dropped first
      }
      return at.hits;
    }
    const hits: FormHit[] = [];
    for (let n = 0; n < at.refs.length; n += 2) {
      const { entry, keyed } = this.keyedEntry(at.refs[n]!);
      hits.push({ entry, form: keyed[at.refs[n + 1]!]!.form, caseSensitive: false });
    }
    at.hits = hits;
    at.made = this.generation;
    at.used = this.document;
    return hits;
  }
}

/** Name forms kept by default: ~1/4 of the index's, the forms of the first words a batch keeps meeting. */
const DEFAULT_MAX_FORMS = 40_000;

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
