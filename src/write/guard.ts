/**
 * write: the output folder's safety, checked before anything is written and again as files are.
 *
 * - The --out folder is made (or found) and proved writable up front, so that a run that cannot
 *   write does not convert first and fail at the end.
 * - An output never replaces an input: inputs are known by their real path and by their identity
 *   (device and inode, so a second name, a bind mount or a hard link is caught as well).
 * - Nothing is written outside the real --out: a folder below it that is a symbolic link to
 *   somewhere else is refused, before any folder is made through it.
 * - Temporaries (`<name>.tmp-<pid>-<8 hex>`) left by a run that died are recognised by that name.
 */
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { lstat, mkdir, readdir, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

/** The output folder cannot be used (not a folder, not writable, would replace inputs, in use): nothing was done. */
export class OutputRefusedError extends Error {
  override name = 'OutputRefusedError';
}

/** A file or folder's identity: the same for every name it has. */
export function identityOf(info: Pick<Stats, 'dev' | 'ino'>): string {
  return `${info.dev}:${info.ino}`;
}

/** Whether `path` is `root` or below it (both absolute and resolved). */
export function isWithin(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** The suffix of every temporary we make: `.tmp-<pid>-<8 hex>`. */
export const TEMPORARY_PATTERN = /\.tmp-(\d+)-[0-9a-f]{8}$/;

/** A temporary name beside `path`, in the one pattern a later run recognises as ours. */
export function temporaryPath(path: string): string {
  return `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'it is a file, not a folder',
  ENAMETOOLONG: 'the name is too long',
};

/** Why outputs could not be written, in words: our own refusals as they are, errno codes as words. */
export function writeFailureReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'EOUTSIDE' || code === 'EINPUT' ? (err as Error).message : errorReason(err);
}

/** An errno code as words (the code kept in brackets). */
export function errorReason(err: unknown): string {
  // An error from a worker thread arrives without its code, which starts its message.
  const code = (err as NodeJS.ErrnoException).code ?? /^([A-Z][A-Z0-9]+): /.exec((err as Error).message ?? '')?.[1];
  return code && REASONS[code] ? `${REASONS[code]} (${code})` : code ?? (err as Error).message ?? String(err);
}

/**
 * Makes --out if needed and proves it writable (a probe file written and removed). Returns its
 * real path, below which everything is written. Throws OutputRefusedError with one line.
 */
export async function prepareOutputFolder(out: string, cwd = process.cwd()): Promise<string> {
  const path = resolve(cwd, out);
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err))).catch((err: unknown) => {
    throw new OutputRefusedError(`--out ${out}: cannot use it: ${errorReason(err)}`);
  });
  if (info && !info.isDirectory()) throw new OutputRefusedError(`--out ${out}: it is a file, not a folder`);
  if (!info) {
    try {
      await mkdir(path, { recursive: true });
    } catch (err) {
      throw new OutputRefusedError(`--out ${out}: cannot make the folder: ${errorReason(await mkdirFailure(path, err))}`);
    }
  }
  const real = await realpath(path);
  const probe = temporaryPath(join(real, '.telegram-tei-probe'));
  try {
    await writeFile(probe, '');
  } catch (err) {
    throw new OutputRefusedError(`--out ${out}: cannot write in it: ${errorReason(err)}`);
  } finally {
    await rm(probe, { force: true });
  }
  return real;
}

/**
 * mkdir -p reports ENOENT when a missing folder cannot be made (on a read-only file system, say):
 * making the first missing one alone gives the real reason.
 */
async function mkdirFailure(path: string, err: unknown): Promise<unknown> {
  if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return err;
  let missing = path;
  while (dirname(missing) !== missing && !(await exists(dirname(missing)))) missing = dirname(missing);
  return mkdir(missing).then(() => err, (first: unknown) => first);
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(() => true, () => false);
}

/** The identities of the given files (unreadable ones left out): identity -> path. */
export async function identities(paths: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const CHUNK = 256;
  for (let i = 0; i < paths.length; i += CHUNK) {
    const infos = await Promise.all(paths.slice(i, i + CHUNK).map((p) => stat(p).catch(() => undefined)));
    infos.forEach((info, j) => {
      if (info) out.set(identityOf(info), paths[i + j]!);
    });
  }
  return out;
}

/** Real paths of the given files, in order (a file that cannot be resolved keeps its own path). */
export async function realPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const CHUNK = 256;
  for (let i = 0; i < paths.length; i += CHUNK) {
    const chunk = paths.slice(i, i + CHUNK);
    out.push(...(await Promise.all(chunk.map((p) => realpath(p).catch(() => p)))));
  }
  return out;
}

const OUTPUT_NAME = /^(.*?)(?:-\d{3,})?(?:\.tei\.xml|\.html|\.txt|\.json)$/;

/**
 * Which file already in the (flat) output folder `realOut` an output of one of `stems` would
 * replace that is one of the `protect`ed inputs, if any: `<stem>.txt`, `<stem>-002.json`, … are
 * compared with the inputs by identity. For `convert` into an input's own folder, before anything
 * is converted.
 */
export async function replacedInput(realOut: string, stems: Iterable<string>, protect: ReadonlyMap<string, string>): Promise<{ output: string; input: string } | undefined> {
  const wanted = new Set(stems);
  const names = await readdir(realOut).catch(() => [] as string[]);
  for (const name of names) {
    const full = OUTPUT_NAME.exec(name);
    const bare = name.replace(/(?:\.tei\.xml|\.html|\.txt|\.json)$/, '');
    if (!full || !(wanted.has(full[1]!) || wanted.has(bare))) continue;
    const info = await stat(join(realOut, name)).catch(() => undefined);
    const input = info ? protect.get(identityOf(info)) : undefined;
    if (input !== undefined) return { output: name, input };
  }
  return undefined;
}

/**
 * Throws when `dir` (which may not exist yet) would lie outside `realRoot` once symbolic links
 * are followed: its deepest existing folder is resolved before anything is made below it.
 */
export async function assertFolderWithin(dir: string, realRoot: string): Promise<void> {
  let existing = dir;
  while (!(await exists(existing))) {
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  const real = await realpath(existing).catch(() => existing);
  if (!isWithin(real, realRoot)) {
    const err = new Error(`${existing} leads outside --out (to ${real}, through a symbolic link); nothing is written there`) as NodeJS.ErrnoException;
    err.code = 'EOUTSIDE';
    throw err;
  }
}

/**
 * Throws when writing `path` would replace one of the `protect`ed files (an input): by identity,
 * which catches a second name of the same file.
 */
export async function assertNotProtected(path: string, protect: ReadonlyMap<string, string>): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  const input = info ? protect.get(identityOf(info)) : undefined;
  if (input !== undefined) {
    const err = new Error(`${path} is the input ${input}: an output never replaces an input`) as NodeJS.ErrnoException;
    err.code = 'EINPUT';
    throw err;
  }
}

/** Removes a file below `realRoot` only if its folder, followed through links, is still below it. */
export async function removeWithin(path: string, realRoot: string): Promise<void> {
  const dir = await realpath(dirname(path)).catch(() => undefined);
  if (dir && isWithin(dir, realRoot)) await rm(path, { force: true });
}

/**
 * Removes our temporaries (`*.tmp-<pid>-<8 hex>`) left below `realRoot` by runs that died, made
 * before `before` (ms since 1970), down to `depth` folders (1: the top only), and only those of
 * process `pid` if given. Folders reached through symbolic links are not entered. Call it only
 * while holding the folder alone (see lock.ts), or for this process's own. Returns how many were
 * removed.
 */
export async function sweepTemporaries(realRoot: string, before: number, depth = Infinity, pid?: number): Promise<number> {
  let removed = 0;
  const visit = async (dir: string, level: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (level < depth) await visit(path, level + 1);
      } else if (e.isFile() && TEMPORARY_PATTERN.test(e.name) && (pid === undefined || TEMPORARY_PATTERN.exec(e.name)![1] === String(pid))) {
        const info = await lstat(path).catch(() => undefined);
        if (info && info.mtimeMs < before) {
          await rm(path, { force: true });
          removed++;
        }
      }
    }
  };
  await visit(realRoot, 1);
  return removed;
}
