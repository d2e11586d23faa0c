/**
 * The registers prebuilt at build time (`npm run build`: scripts/unpack-registers.mjs), so that a
 * start reads what it needs instead of parsing the XML registers and the whole persons index. In
 * build/registers/:
 *
 *   registers.json    the look-up tables: for the registers' own entries (places, organisations,
 *                     curated persons) their ids, the first word of each name form and the surnames;
 *                     for the people index, surname -> rows, first word -> its line of forms, POCOM
 *                     id -> row, and its office tables; where each line starts in the files below;
 *   entries.jsonl     one line per entry of the registers (entry and the folded keys of its forms);
 *   persons.jsonl     one line per person of the index (the same);
 *   person-forms.jsonl one line per first word of the index's name forms: the keys after it, the
 *                     row and the form of each (person-index.ts FormRefs), so that a name in the text
 *                     makes only the persons whose forms it matches;
 *   fingerprint.json  what they were made from: the registers in tei/ and the annotator's own code,
 *                     each with its size, modification time and SHA-256.
 *
 * A line is read (one pread) and made into an entry when a document's words first ask for it: the
 * trie is filled one first word at a time, entries and surnames are Maps that make their values on
 * first use. The answers are those of the registers read whole (test/register-store.test.ts).
 *
 * tei/ stays the source of truth. The prebuilt form is used only while all it was made from is
 * unchanged (same sizes and times, or else the same SHA-256s); otherwise the registers are read
 * from tei/ (`readRegisters`: slower, same result).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Message } from '../messages.js';
import {
  keyedForms, newAuthority, readRegisters, type AuthorityEntry, type FormHit, type KeyedForm, type Period, type Registers,
} from './registers.js';
import { TokenTrie } from './trie.js';
import {
  formRefsOf, officesOf, parseIndex, PeopleIndex, type FormRefs, type IndexFile, type KeyedEntry, type PersonSource,
} from './person-index.js';

const FORMAT = 'telegram-tei prebuilt registers 3';

/** The package root (this module is src/annotate/*.ts or dist/annotate/*.js). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where the registers and their prebuilt form are, under a package root. */
const storePaths = (root: string) => {
  const dir = join(root, 'build', 'registers');
  return {
    dir, head: join(dir, 'registers.json'), entries: join(dir, 'entries.jsonl'), persons: join(dir, 'persons.jsonl'), forms: join(dir, 'person-forms.jsonl'),
    fingerprint: join(dir, 'fingerprint.json'),
  };
};

/** The registers readRegisters reads from tei/ (any may be missing). */
const SOURCES = ['tei/persons-index.json.gz', 'tei/persons.xml', 'tei/places.xml', 'tei/orgs.xml'];
/** The annotator's code, as source and as compiled: what makes entries of the registers. */
const CODE = [{ dir: 'src/annotate', ext: '.ts' }, { dir: 'dist/annotate', ext: '.js' }];
/** The folder of the code running now, relative to the root (`src/annotate` or `dist/annotate`). */
const RUNNING_CODE = relative(PACKAGE_ROOT, dirname(fileURLToPath(import.meta.url))).split(sep).join('/');

// ---------------------------------------------------------------------------------------------
// Fingerprint

type FileState = { path: string; size: number; mtimeMs: number; sha256: string } | { path: string; missing: true };

interface Fingerprint {
  format: string;
  sources: FileState[];
  /** Per code folder (`src/annotate`, `dist/annotate`): its files. */
  code: Record<string, FileState[]>;
}

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

function fileState(root: string, rel: string): FileState {
  const path = join(root, rel);
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return { path: rel, missing: true };
  return { path: rel, size: st.size, mtimeMs: st.mtimeMs, sha256: sha256(path) };
}

/** The code files of a folder and its subfolders (`src/annotate/persons/…`), sorted. */
function codeFiles(root: string, dir: string, ext: string): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  const entries = readdirSync(abs, { recursive: true, encoding: 'utf8' });
  return entries.filter((f) => f.endsWith(ext) && !f.endsWith('.d.ts')).map((f) => `${dir}/${f.split(sep).join('/')}`).sort();
}

function fingerprintNow(root: string): Fingerprint {
  const code: Record<string, FileState[]> = {};
  for (const { dir, ext } of CODE) {
    const files = codeFiles(root, dir, ext);
    if (files.length > 0) code[dir] = files.map((f) => fileState(root, f));
  }
  return { format: FORMAT, sources: SOURCES.map((f) => fileState(root, f)), code };
}

/** `same`: sizes and times match; `same-content`: only the SHA-256s do (a checkout, a rebuild); else `changed`. */
function compare(root: string, kept: FileState): 'same' | 'same-content' | 'changed' {
  const path = join(root, kept.path);
  const st = statSync(path, { throwIfNoEntry: false });
  if ('missing' in kept) return st ? 'changed' : 'same';
  if (!st || st.size !== kept.size) return 'changed';
  if (st.mtimeMs === kept.mtimeMs) return 'same';
  return sha256(path) === kept.sha256 ? 'same-content' : 'changed';
}

/** Whether the prebuilt registers were made from the registers and the code as they are now. */
function check(root: string, fp: Fingerprint, codeDirs: readonly string[]): 'same' | 'same-content' | 'changed' {
  if (fp.format !== FORMAT) return 'changed';
  const kept: FileState[] = [...fp.sources];
  for (const dir of codeDirs) {
    const files = fp.code[dir];
    const ext = CODE.find((c) => c.dir === dir)?.ext;
    if (!files || !ext || codeFiles(root, dir, ext).join('\n') !== files.map((f) => f.path).join('\n')) return 'changed';
    kept.push(...files);
  }
  let result: 'same' | 'same-content' = 'same';
  for (const f of kept) {
    const c = compare(root, f);
    if (c === 'changed') return c;
    if (c === 'same-content') result = c;
  }
  return result;
}

function readFingerprint(root: string): Fingerprint | undefined {
  try {
    return JSON.parse(readFileSync(storePaths(root).fingerprint, 'utf8')) as Fingerprint;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// The stored form of an entry

/** An entry as JSON: its sets as arrays (key order kept). */
type StoredEntry = Omit<AuthorityEntry, 'contextWords' | 'periods'> & { contextWords: string[]; periods: (Omit<Period, 'words'> & { words: string[] })[] };
/** [the form's index in entry.forms, its keys joined by spaces, case-sensitive 1/0]. */
type StoredForm = [number, string, 0 | 1];
type StoredKeyed = [StoredEntry, StoredForm[]];

function storedEntry({ entry, keyed }: KeyedEntry): StoredKeyed {
  const e: StoredEntry = { ...entry, contextWords: [...entry.contextWords], periods: entry.periods.map((p) => ({ ...p, words: [...p.words] })) };
  const forms = keyed.map((k): StoredForm => {
    const at = entry.forms.indexOf(k.form);
    if (at < 0) throw new Error(`register entry ${entry.id}: a keyed form is not one of its forms`);
    return [at, k.keys.join(' '), k.caseSensitive ? 1 : 0];
  });
  return [e, forms];
}

function revived([stored, forms]: StoredKeyed): KeyedEntry {
  // in place, so that the entry's keys keep their order
  const entry = stored as unknown as AuthorityEntry & { contextWords: unknown; periods: { words: unknown }[] };
  entry.contextWords = new Set(stored.contextWords);
  for (const p of entry.periods) p.words = new Set(p.words as unknown as string[]);
  const keyed = forms.map(([at, keys, cs]): KeyedForm => ({ form: entry.forms[at]!, keys: keys.split(' '), caseSensitive: cs === 1 }));
  return { entry, keyed };
}

interface StoredPeople {
  count: number;
  /** Where each person's line starts in persons.jsonl, and the file's length last. */
  offsets: number[];
  surnames: Record<string, string>;
  /** First word key -> its line in person-forms.jsonl (the forms starting with it: FormRefs); where each line starts. */
  forms: { lines: Record<string, number>; offsets: number[] };
  spellings?: Record<string, string>;
  pocom: Record<string, number>;
  offices: IndexFile['offices'];
}

/** The registers' own entries (places, organisations, curated persons), each made when first used. */
interface StoredEntries {
  /** Where each entry's line starts in entries.jsonl (in the order readRegisters adds them), and the file's length last. */
  offsets: number[];
  ids: string[];
  /** The people index's row of a person (-1: none). */
  rows: number[];
  /** First word key of a form -> the entries with forms starting with it (`3,17`): the trie is filled one first word at a time. */
  firstKeys: Record<string, string>;
  /** Folded surname -> `entry:part` (`3:0,17:1`), as addKeyedEntry lists them. */
  surnames: Record<string, string>;
  forenames: string[];
  /** The most words of a form. */
  depth: number;
}

interface Head {
  format: string;
  entries: StoredEntries;
  /** readRegisters' messages; with `true`, the message's file is relative to the package root. */
  messages: [Message, boolean][];
  people?: StoredPeople;
}

// ---------------------------------------------------------------------------------------------
// Writing (at build time)

const inRoot = (root: string, m: Message): [Message, boolean] => (m.file.startsWith(root) ? [{ ...m, file: relative(root, m.file) }, true] : [m, false]);

function writeAtomic(path: string, data: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** Reads the registers from tei/ and writes their prebuilt form (under the package root, or `root`). */
export function writeRegisterStore(root = PACKAGE_ROOT): { entries: number; persons: number } {
  const paths = storePaths(root);
  const fingerprint = fingerprintNow(root);
  const regs = readRegisters(join(root, 'tei'));
  const people = regs.people;
  const rowOf = new Map<AuthorityEntry, number>();
  let persons = '';
  let forms = '';
  let stored: StoredPeople | undefined;
  if (people) {
    const offsets: number[] = [];
    const lines: string[] = [];
    let at = 0;
    for (let i = 0; i < people.size; i++) {
      const keyed = people.keyedEntry(i);
      rowOf.set(keyed.entry, i);
      const line = `${JSON.stringify(storedEntry(keyed))}\n`;
      offsets.push(at);
      at += Buffer.byteLength(line);
      lines.push(line);
    }
    offsets.push(at);
    persons = lines.join('');
    const gz = parseIndex(readFileSync(join(root, 'tei', 'persons-index.json.gz')));
    if ('error' in gz) throw new Error(`tei/persons-index.json.gz: ${gz.error}`);
    const pocom: Record<string, number> = {};
    for (const [i, r] of gz.persons.entries()) if (r[11]) pocom[r[11]] = i;
    // the name forms by first word, so that a look-up makes only the persons whose forms match
    const formLines: Record<string, number> = {};
    const formOffsets: number[] = [];
    const formText: string[] = [];
    let formAt = 0;
    for (const [first, list] of Object.entries(gz.firstWords)) {
      const line = `${JSON.stringify(formRefsOf(first, list.split(',').map(Number), (row) => people.keyedEntry(row).keyed))}\n`;
      formLines[first] = formText.length;
      formOffsets.push(formAt);
      formAt += Buffer.byteLength(line);
      formText.push(line);
    }
    formOffsets.push(formAt);
    forms = formText.join('');
    stored = {
      count: people.size, offsets, surnames: gz.surnames, forms: { lines: formLines, offsets: formOffsets },
      ...(gz.spellings ? { spellings: gz.spellings } : {}), pocom, offices: gz.offices,
    };
  }
  const own = [...regs.entries.values()];
  const indexOf = new Map(own.map((e, i) => [e, i]));
  const entryLines: string[] = [];
  const entryOffsets: number[] = [];
  const firstKeys = new Map<string, number[]>();
  let at = 0;
  let depth = 0;
  own.forEach((entry, i) => {
    const row = rowOf.get(entry);
    // a person of the index was added with the keyed forms the index keeps; others with their own
    const keyed = row !== undefined && people ? people.keyedEntry(row).keyed : keyedForms(entry);
    for (const k of keyed) {
      const list = firstKeys.get(k.keys[0]!) ?? [];
      if (list[list.length - 1] !== i) list.push(i);
      firstKeys.set(k.keys[0]!, list);
      depth = Math.max(depth, k.keys.length);
    }
    const line = `${JSON.stringify(storedEntry({ entry, keyed }))}\n`;
    entryOffsets.push(at);
    at += Buffer.byteLength(line);
    entryLines.push(line);
  });
  entryOffsets.push(at);
  const head: Head = {
    format: FORMAT,
    entries: {
      offsets: entryOffsets,
      ids: own.map((e) => e.id),
      rows: own.map((e) => rowOf.get(e) ?? -1),
      firstKeys: Object.fromEntries([...firstKeys].map(([k, list]) => [k, list.join(',')])),
      surnames: Object.fromEntries([...regs.surnames].map(([k, list]) => [k, list.map((x) => `${indexOf.get(x.entry)}:${x.part ? 1 : 0}`).join(',')])),
      forenames: [...regs.forenames],
      depth,
    },
    messages: regs.messages.map((m) => inRoot(root, m)),
    ...(stored ? { people: stored } : {}),
  };
  mkdirSync(paths.dir, { recursive: true });
  writeAtomic(paths.entries, entryLines.join(''));
  writeAtomic(paths.persons, persons);
  writeAtomic(paths.forms, forms);
  writeAtomic(paths.head, JSON.stringify(head));
  writeAtomic(paths.fingerprint, JSON.stringify(fingerprint, null, 1) + '\n');
  return { entries: own.length, persons: stored?.count ?? 0 };
}

/**
 * For `--if-stale`: `fresh` when the prebuilt registers match tei/ and the code (their recorded
 * times are brought up to date when only the times changed), else `stale`.
 */
export function registerStoreState(root = PACKAGE_ROOT): 'fresh' | 'stale' {
  const paths = storePaths(root);
  const fp = readFingerprint(root);
  if (!fp || !existsSync(paths.head) || !existsSync(paths.entries) || !existsSync(paths.persons)) return 'stale';
  const state = check(root, fp, Object.keys(fp.code));
  if (state === 'changed') return 'stale';
  const now = fingerprintNow(root);
  if (Object.keys(now.code).join() !== Object.keys(fp.code).join()) return 'stale';
  if (state === 'same-content') writeAtomic(paths.fingerprint, JSON.stringify(now, null, 1) + '\n');
  return 'fresh';
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Lines of a JSON-lines file, each read (one pread) and parsed when asked for. */
class StoredLines {
  private fd: number | undefined;
  private buffer = Buffer.alloc(1 << 16);

  constructor(
    private readonly path: string,
    private readonly offsets: readonly number[],
  ) {}

  /** Whether the file is as long as its offsets say (else it is not the one they were written with). */
  whole(): boolean {
    return statSync(this.path, { throwIfNoEntry: false })?.size === this.offsets[this.offsets.length - 1];
  }

  read(i: number): unknown {
    const start = this.offsets[i]!;
    const length = this.offsets[i + 1]! - start;
    if (this.buffer.length < length) this.buffer = Buffer.alloc(length);
    try {
      this.fd ??= openSync(this.path, 'r');
      if (readSync(this.fd, this.buffer, 0, length, start) !== length) throw new Error('the file is shorter than its index says');
    } catch (e) {
      throw new Error(`the prebuilt register ${this.path} cannot be read (${(e as Error).message}): run npm run build`);
    }
    return JSON.parse(this.buffer.toString('utf8', 0, length));
  }
}

/** The registers' own entries, each made once, when first used. */
class StoredEntryList {
  private readonly made: (KeyedEntry | undefined)[] = [];

  constructor(private readonly lines: StoredLines) {}

  get(i: number): KeyedEntry {
    return (this.made[i] ??= revived(this.lines.read(i) as StoredKeyed));
  }
}

/**
 * A Map whose values are made on first use (the prebuilt registers' entries and surnames): all its
 * keys are known at once, so has, size and iteration answer as the full Map would.
 */
class LazyMap<K, V, S> extends Map<K, V> {
  private readonly known: Map<K, S | undefined>;

  constructor(
    keys: Iterable<readonly [K, S]>,
    private readonly make: (source: S) => V,
  ) {
    super();
    this.known = new Map(keys);
  }

  override has(key: K): boolean {
    return this.known.has(key);
  }

  override get(key: K): V | undefined {
    if (super.has(key) || !this.known.has(key)) return super.get(key);
    const value = this.make(this.known.get(key)!);
    super.set(key, value);
    return value;
  }

  override set(key: K, value: V): this {
    if (!this.known.has(key)) this.known.set(key, undefined);
    super.set(key, value);
    return this;
  }

  override delete(key: K): boolean {
    super.delete(key);
    return this.known.delete(key);
  }

  override clear(): void {
    super.clear();
    this.known.clear();
  }

  override get size(): number {
    return this.known.size;
  }

  override keys(): MapIterator<K> {
    return this.known.keys();
  }

  override values(): MapIterator<V> {
    return [...this.known.keys()].map((k) => this.get(k)!).values();
  }

  override entries(): MapIterator<[K, V]> {
    return [...this.known.keys()].map((k): [K, V] => [k, this.get(k)!]).values();
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) callback.call(thisArg, v, k, this);
  }
}

/** The people index's persons, each read from persons.jsonl when first asked for (a curated one: the registers' entry). */
class StoredPersons implements PersonSource {
  readonly count: number;
  readonly surnames: Record<string, string>;
  readonly spellings?: Record<string, string>;

  constructor(
    private readonly people: StoredPeople,
    private readonly lines: StoredLines,
    private readonly formLines: StoredLines,
    /** Row -> the registers' own entry of the person (curated persons). */
    private readonly own: ReadonlyMap<number, () => KeyedEntry>,
  ) {
    this.count = people.count;
    this.surnames = people.surnames;
    if (people.spellings) this.spellings = people.spellings;
  }

  pocomRow(id: string): number | undefined {
    return Object.hasOwn(this.people.pocom, id) ? this.people.pocom[id] : undefined;
  }

  load(i: number): KeyedEntry {
    return this.own.get(i)?.() ?? revived(this.lines.read(i) as StoredKeyed);
  }

  formsStarting(first: string): FormRefs | undefined {
    const lines = this.people.forms.lines;
    return Object.hasOwn(lines, first) ? (this.formLines.read(lines[first]!) as FormRefs) : undefined;
  }
}

const listOf = (list: string): number[] => (list ? list.split(',').map(Number) : []);

/** The registers from their prebuilt form, when it matches tei/ and the code running now (else undefined). */
export function readRegisterStore(root = PACKAGE_ROOT): Registers | undefined {
  const paths = storePaths(root);
  const fp = readFingerprint(root);
  if (!fp || check(root, fp, [RUNNING_CODE]) === 'changed') return undefined;
  let head: Head;
  try {
    head = JSON.parse(readFileSync(paths.head, 'utf8')) as Head;
  } catch {
    return undefined;
  }
  if (head.format !== FORMAT) return undefined;
  const stored = head.entries;
  const entryLines = new StoredLines(paths.entries, stored.offsets);
  const personLines = head.people ? new StoredLines(paths.persons, head.people.offsets) : undefined;
  const formLines = head.people ? new StoredLines(paths.forms, head.people.forms.offsets) : undefined;
  if (!entryLines.whole() || (personLines && !personLines.whole()) || (formLines && !formLines.whole())) return undefined;
  const own = new StoredEntryList(entryLines);

  const regs = newAuthority();
  regs.entries = new LazyMap(stored.ids.map((id, i) => [id, i] as const), (i) => own.get(i).entry);
  regs.trie = new TokenTrie<FormHit>((trie, first) => {
    for (const i of listOf(Object.hasOwn(stored.firstKeys, first) ? stored.firstKeys[first]! : '')) {
      const { entry, keyed } = own.get(i);
      for (const { form, keys, caseSensitive } of keyed) if (keys[0] === first) trie.insert(keys, { entry, form, caseSensitive });
    }
  }, stored.depth);
  regs.surnames = new LazyMap(Object.entries(stored.surnames), (list) => list.split(',').map((x) => {
    const [i, part] = x.split(':');
    return { entry: own.get(Number(i)).entry, part: part === '1' };
  }));
  regs.forenames = new Set(stored.forenames);
  regs.messages = head.messages.map(([m, rooted]) => (rooted ? { ...m, file: join(root, m.file) } : m));
  if (head.people && personLines && formLines) {
    const rows = new Map<number, () => KeyedEntry>();
    stored.rows.forEach((row, i) => {
      if (row >= 0) rows.set(row, () => own.get(i));
    });
    const people = new PeopleIndex(new StoredPersons(head.people, personLines, formLines, rows));
    for (const row of rows.keys()) people.pin(row);
    regs.people = people;
    regs.offices = officesOf(head.people, people);
  }
  return regs;
}

let defaults: Registers | undefined;
let defaultsPrebuilt = false;

/** The project's own registers (`tei/` beside `src/` or `dist/`), read once per thread and shared. */
export function defaultRegisters(): Registers {
  if (defaults) return defaults;
  const stored = readRegisterStore();
  defaultsPrebuilt = stored !== undefined;
  defaults = stored ?? readRegisters(join(PACKAGE_ROOT, 'tei'));
  return defaults;
}

/** Whether this thread's default registers came from their prebuilt form (for the benchmark). */
export function defaultRegistersPrebuilt(): boolean {
  defaultRegisters();
  return defaultsPrebuilt;
}
