/**
 * The registers prebuilt at build time (`npm run build`: scripts/unpack-registers.mjs), so that a
 * start reads what it needs instead of parsing the XML registers and the whole persons index. In
 * build/registers/:
 *
 *   registers.json    the entries loaded at once (places, organisations, curated persons) with the
 *                     folded keys of their name forms; the people index's look-up tables (surname and
 *                     first word -> rows, POCOM id -> row), its office tables, and where each
 *                     person's line starts in persons.jsonl;
 *   persons.jsonl     one line per person of the index (entry and keyed forms), read when a
 *                     document's words first ask for that person;
 *   fingerprint.json  what they were made from: the registers in tei/ and the annotator's own code,
 *                     each with its size, modification time and SHA-256.
 *
 * tei/ stays the source of truth. The prebuilt form is used only while all it was made from is
 * unchanged (same sizes and times, or else the same SHA-256s); otherwise the registers are read
 * from tei/ (`readRegisters`: slower, same result).
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Message } from '../messages.js';
import {
  addKeyedEntry, keyedForms, newAuthority, readRegisters, type AuthorityEntry, type KeyedForm, type Period, type Registers,
} from './registers.js';
import { officesOf, parseIndex, PeopleIndex, type IndexFile, type KeyedEntry, type PersonSource } from './person-index.js';

const FORMAT = 'telegram-tei prebuilt registers 1';

/** The package root (this module is src/annotate/*.ts or dist/annotate/*.js). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where the registers and their prebuilt form are, under a package root. */
const storePaths = (root: string) => {
  const dir = join(root, 'build', 'registers');
  return { dir, head: join(dir, 'registers.json'), persons: join(dir, 'persons.jsonl'), fingerprint: join(dir, 'fingerprint.json') };
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
  firstWords: Record<string, string>;
  spellings?: Record<string, string>;
  pocom: Record<string, number>;
  offices: IndexFile['offices'];
}

interface Head {
  format: string;
  /** Entries in the order readRegisters adds them, with the people index's row of a person (-1: none). */
  eager: [...StoredKeyed, number][];
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
    stored = {
      count: people.size, offsets, surnames: gz.surnames, firstWords: gz.firstWords, ...(gz.spellings ? { spellings: gz.spellings } : {}), pocom, offices: gz.offices,
    };
  }
  const head: Head = {
    format: FORMAT,
    eager: [...regs.entries.values()].map((entry) => {
      const row = rowOf.get(entry);
      // a person of the index was added with the keyed forms the index keeps; others with their own
      const keyed = row !== undefined && people ? people.keyedEntry(row).keyed : keyedForms(entry);
      return [...storedEntry({ entry, keyed }), row ?? -1];
    }),
    messages: regs.messages.map((m) => inRoot(root, m)),
    ...(stored ? { people: stored } : {}),
  };
  mkdirSync(paths.dir, { recursive: true });
  writeAtomic(paths.persons, persons);
  writeAtomic(paths.head, JSON.stringify(head));
  writeAtomic(paths.fingerprint, JSON.stringify(fingerprint, null, 1) + '\n');
  return { entries: head.eager.length, persons: stored?.count ?? 0 };
}

/**
 * For `--if-stale`: `fresh` when the prebuilt registers match tei/ and the code (their recorded
 * times are brought up to date when only the times changed), else `stale`.
 */
export function registerStoreState(root = PACKAGE_ROOT): 'fresh' | 'stale' {
  const paths = storePaths(root);
  const fp = readFingerprint(root);
  if (!fp || !existsSync(paths.head) || !existsSync(paths.persons)) return 'stale';
  const state = check(root, fp, Object.keys(fp.code));
  if (state === 'changed') return 'stale';
  const now = fingerprintNow(root);
  if (Object.keys(now.code).join() !== Object.keys(fp.code).join()) return 'stale';
  if (state === 'same-content') writeAtomic(paths.fingerprint, JSON.stringify(now, null, 1) + '\n');
  return 'fresh';
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The people index's persons, each read from persons.jsonl when first asked for. */
class StoredPersons implements PersonSource {
  readonly count: number;
  readonly surnames: Record<string, string>;
  readonly firstWords: Record<string, string>;
  readonly spellings?: Record<string, string>;
  private fd: number | undefined;
  private buffer = Buffer.alloc(1 << 16);

  constructor(
    private readonly people: StoredPeople,
    private readonly path: string,
  ) {
    this.count = people.count;
    this.surnames = people.surnames;
    this.firstWords = people.firstWords;
    if (people.spellings) this.spellings = people.spellings;
  }

  pocomRow(id: string): number | undefined {
    return Object.hasOwn(this.people.pocom, id) ? this.people.pocom[id] : undefined;
  }

  load(i: number): KeyedEntry {
    const start = this.people.offsets[i]!;
    const length = this.people.offsets[i + 1]! - start;
    if (this.buffer.length < length) this.buffer = Buffer.alloc(length);
    try {
      this.fd ??= openSync(this.path, 'r');
      if (readSync(this.fd, this.buffer, 0, length, start) !== length) throw new Error('the file is shorter than its index says');
    } catch (e) {
      throw new Error(`the prebuilt persons register ${this.path} cannot be read (${(e as Error).message}): run npm run build`);
    }
    return revived(JSON.parse(this.buffer.toString('utf8', 0, length)) as StoredKeyed);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

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
  if (head.people && statSync(paths.persons, { throwIfNoEntry: false })?.size !== head.people.offsets[head.people.count]) return undefined;
  const regs = newAuthority();
  const people = head.people ? new PeopleIndex(new StoredPersons(head.people, paths.persons)) : undefined;
  for (const [stored, forms, row] of head.eager) {
    const keyed = revived([stored, forms]);
    addKeyedEntry(regs, keyed.entry, keyed.keyed);
    if (people && row >= 0) people.adopt(row, keyed);
  }
  regs.messages = head.messages.map(([m, rooted]) => (rooted ? { ...m, file: join(root, m.file) } : m));
  if (people && head.people) {
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
