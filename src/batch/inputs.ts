/**
 * batch inputs: command-line arguments (directories, files, globs) -> the sorted list of input
 * files, each with its path relative to the common input root; the shard a file belongs to; and
 * where its outputs go under --out (the relative folder mirrored, names made safe and unique).
 *
 * Globs are matched here (Node 20 has no fs.glob): `*` and `?` within one path segment, `**`
 * for any number of folders. A quoted glob is expanded by us; an unquoted one by the shell; an
 * argument naming an existing file or folder is never taken for a glob.
 * A directory is searched recursively for `*.txt`. Symbolic links to files are followed, to
 * folders not (no loops). Names starting with `.` are skipped unless named explicitly.
 */
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { safeName, safeStem, shortenName } from '../write/names.js';

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** The path as shown to the user (relative to the working folder when inside it). */
  display: string;
  /** Path relative to the common input root, with `/` separators: the manifest key. */
  rel: string;
}

export class InputError extends Error {
  override name = 'InputError';
}

const GLOB_CHARS = /[*?]/;

export function isGlob(arg: string): boolean {
  return GLOB_CHARS.test(arg);
}

/** A glob (with `/` separators) as a regular expression over paths relative to its base. */
export function globToRegExp(pattern: string): RegExp {
  const parts = pattern.split('/').filter((p) => p !== '' && p !== '.');
  let source = '';
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    if (part === '**') {
      source += last ? '(?:(?!\\.)[^/]*(?:/(?!\\.)[^/]*)*)?' : '(?:(?!\\.)[^/]+/)*';
      return;
    }
    let segment = part.startsWith('.') ? '' : '(?!\\.)';
    for (const ch of part) {
      if (ch === '*') segment += '[^/]*';
      else if (ch === '?') segment += '[^/]';
      else segment += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    source += segment + (last ? '' : '/');
  });
  return new RegExp(`^${source}$`, 'u');
}

/** Splits a glob into the folder before its first wildcard and the pattern after it. */
export function globBase(pattern: string): { base: string; rest: string } {
  const normal = pattern.split(sep).join('/');
  const parts = normal.split('/');
  const first = parts.findIndex((p) => isGlob(p));
  const baseParts = parts.slice(0, first);
  const base = baseParts.length === 0 ? '.' : baseParts.join('/') || '/';
  return { base, rest: parts.slice(first).join('/') };
}

async function walk(dir: string, maxDepth: number, visit: (path: string, relParts: string[]) => void, relParts: string[] = []): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new InputError(`${dir}: cannot read the folder (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    const parts = [...relParts, entry.name];
    if (entry.isDirectory()) {
      if (parts.length < maxDepth) await walk(path, maxDepth, visit, parts);
    } else if (entry.isFile()) {
      visit(path, parts);
    } else if (entry.isSymbolicLink()) {
      const target = await stat(path).catch(() => undefined);
      if (target?.isFile()) visit(path, parts);
    }
  }
}

export interface ExpandedInputs {
  files: InputFile[];
  /** The common input root (absolute): outputs mirror the folders below it. */
  root: string;
  /** The folder each argument names or lies in (a glob's folder before its first wildcard). */
  bases: string[];
}

/** Which files a folder gives (a file named on the command line is always taken). */
export interface InputKind {
  /** Whether a file found in a folder is an input. */
  accept: (path: string) => boolean;
  /** What the files are called in messages: `*.txt`. */
  name: string;
}

/** batch's inputs: raw texts. */
export const RAW_TEXTS: InputKind = { accept: (path) => /\.txt$/i.test(path), name: '*.txt' };

/**
 * Expands the arguments into input files, sorted by path, without duplicates. Throws InputError
 * for a path that does not exist or a glob that matches nothing. Folders give the files of
 * `kind` (default: raw texts, `*.txt`).
 */
export async function expandInputs(args: readonly string[], cwd = process.cwd(), kind: InputKind = RAW_TEXTS): Promise<ExpandedInputs> {
  if (args.length === 0) throw new InputError('name at least one input folder, file or glob');
  const found = new Map<string, true>();
  const bases: string[] = [];
  for (const arg of args) {
    // A name that exists is taken as it is, even with `*` or `?` in it.
    if (isGlob(arg) && !(await stat(resolve(cwd, arg)).catch(() => undefined))) {
      const { base, rest } = globBase(arg);
      const absBase = resolve(cwd, base);
      const regex = globToRegExp(rest);
      const depth = rest.split('/').includes('**') ? Infinity : rest.split('/').filter(Boolean).length;
      const baseStat = await stat(absBase).catch(() => undefined);
      let matched = 0;
      if (baseStat?.isDirectory()) {
        await walk(absBase, depth, (path, parts) => {
          if (regex.test(parts.join('/'))) {
            found.set(path, true);
            matched++;
          }
        });
      }
      if (matched === 0) throw new InputError(`${arg}: no file matches`);
      bases.push(absBase);
      continue;
    }
    const abs = resolve(cwd, arg);
    const info = await stat(abs).catch((err: NodeJS.ErrnoException) => {
      throw new InputError(`${arg}: ${err.code === 'ENOENT' ? 'no such file or folder' : `cannot read (${err.code ?? 'error'})`}`);
    });
    if (info.isDirectory()) {
      await walk(abs, Infinity, (path) => {
        if (kind.accept(path)) found.set(path, true);
      });
      bases.push(abs);
    } else {
      found.set(abs, true);
      bases.push(dirname(abs));
    }
  }
  const paths = [...found.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (paths.length === 0) throw new InputError(`no ${kind.name} file in ${args.join(', ')}`);
  const root = commonRoot(bases);
  const files = paths.map((path) => {
    const rel = relative(root, path).split(sep).join('/');
    const fromCwd = relative(cwd, path);
    const display = fromCwd && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : path;
    return { path, display, rel };
  });
  return { files, root, bases };
}

/** The deepest folder containing all the given absolute folders. */
export function commonRoot(dirs: readonly string[]): string {
  const split = dirs.map((d) => resolve(d).split(sep));
  const first = split[0] ?? [];
  let n = first.length;
  for (const parts of split) {
    let i = 0;
    while (i < n && i < parts.length && parts[i] === first[i]) i++;
    n = i;
  }
  const joined = first.slice(0, n).join(sep);
  return joined === '' ? sep : joined;
}

// ---------------------------------------------------------------------------------------------
// Shards

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) throw new InputError(`--shard takes I/N (e.g. 3/16), not "${text}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new InputError(`--shard ${text}: I must be between 1 and N`);
  return { index, count };
}

/**
 * The shard (1-based) an input belongs to: its relative path hashed (SHA-256, first 32 bits)
 * modulo N. It depends only on the path below the input root, so every machine of a job array
 * agrees, and a file keeps its shard when others are added to the corpus.
 */
export function shardOf(rel: string, count: number): number {
  const digest = createHash('sha256').update(rel, 'utf8').digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

// ---------------------------------------------------------------------------------------------
// Output names

/** Names at the top of --out that belong to the batch itself: inputs never get them. */
const RESERVED_STEMS = new Set(['index', 'report', 'registers', 'documents']);

/** A folder name made safe the way names.ts makes file stems safe (`..` cannot survive). */
export function safeSegment(name: string): string {
  return safeName(name) || '_';
}

export interface OutputPlan {
  /** Folder below --out, `/`-separated ('' for the top). */
  dir: string;
  /** The stem before the `-002` of multi-document files. */
  base: string;
}

/**
 * Where each input's outputs go: the input's folder below the root, mirrored (each segment made
 * safe), and its safe stem. Inputs whose names would still clash (two names cleaned to the same
 * stem, names differing only in case, `x` beside `x-001`, or a reserved name at the top) all get
 * a suffix from the hash of their relative path: deterministic, and independent of which other
 * inputs are in this run's shard.
 */
export function planOutputs(files: readonly InputFile[]): OutputPlan[] {
  const plans = files.map((f) => {
    const parts = f.rel.split('/');
    const name = parts.pop() ?? f.rel;
    return { dir: parts.map(safeSegment).join('/'), base: safeStem(name) };
  });
  const groups = new Map<string, number[]>();
  plans.forEach((p, i) => {
    const key = `${p.dir}/${p.base.replace(/-\d{3}$/, '')}`.toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  for (const [key, members] of groups) {
    const top = key.slice(key.lastIndexOf('/') + 1);
    const reserved = !key.slice(0, key.lastIndexOf('/')) && (RESERVED_STEMS.has(top) || top.startsWith('report.shard-'));
    if (members.length < 2 && !reserved) continue;
    for (const i of members) {
      const hash = createHash('sha256').update(files[i]!.rel, 'utf8').digest('hex').slice(0, 8);
      plans[i] = { dir: plans[i]!.dir, base: `${shortenName(plans[i]!.base, 170)}_${hash}` };
    }
  }
  return plans;
}

/** `<base>` for a file holding one document, `<base>-002` for the second of several (as names.ts). */
export function stemFor(base: string, index: number, count: number): string {
  return count === 1 ? base : `${base}-${String(index + 1).padStart(3, '0')}`;
}
