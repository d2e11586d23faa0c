/**
 * write: files appear whole or not at all. Each output goes to a temporary file beside its
 * target and is renamed into place (rename is atomic on one file system); a document's outputs
 * are all written to temporaries first, so a failure leaves none of them half-done.
 *
 * Cheap in the main thread of a batch: the temporaries are written in parallel, then renamed in
 * parallel (two waits on the thread pool instead of one per file system call: each wait costs
 * a turn of an event loop that shares the cores with the workers), and each folder is made once
 * per process rather than once per file (made again if it has gone missing meanwhile).
 *
 * With `root` (the real --out), each new folder is checked to lie below it once symbolic links
 * are followed; with `protect` (the inputs' identities), no output may replace an input.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { assertFolderWithin, assertNotProtected, temporaryPath } from './guard.js';

export interface OutputFile {
  path: string;
  content: string;
}

export interface WriteGuard {
  /** The real path of --out: no folder is made or written through that leads outside it. */
  root?: string;
  /** Identities (identityOf) of the inputs: an output that would replace one fails instead. */
  protect?: ReadonlyMap<string, string>;
}

/** Folders this process has made (or found), so that writing into them needs no mkdir. */
const madeDirs = new Set<string>();

async function makeDir(dir: string, root: string | undefined): Promise<void> {
  if (madeDirs.has(dir)) return;
  if (root) await assertFolderWithin(dir, root);
  await mkdir(dir, { recursive: true });
  madeDirs.add(dir);
}

async function writeTemporary(tmp: string, content: string, root: string | undefined): Promise<void> {
  try {
    await writeFile(tmp, content, 'utf8');
  } catch (err) {
    // The folder was made earlier in this process but has been removed since: make it again.
    const dir = dirname(tmp);
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !madeDirs.has(dir)) throw err;
    madeDirs.delete(dir);
    await makeDir(dir, root);
    await writeFile(tmp, content, 'utf8');
  }
}

/** Waits for all of them (none is left running), then throws the first failure if any. */
async function settleAll(work: Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(work);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

export async function writeFilesAtomically(files: readonly OutputFile[], guard: WriteGuard = {}): Promise<void> {
  const staged = files.map((f) => ({ tmp: temporaryPath(f.path), path: f.path, content: f.content }));
  try {
    await settleAll([...new Set(staged.map((s) => dirname(s.path)))].map((dir) => makeDir(dir, guard.root)));
    await settleAll(staged.map((s) => writeTemporary(s.tmp, s.content, guard.root)));
    if (guard.protect && guard.protect.size > 0) await settleAll(staged.map((s) => assertNotProtected(s.path, guard.protect!)));
    await settleAll(staged.map((s) => rename(s.tmp, s.path)));
  } catch (err) {
    await Promise.all(staged.map((s) => rm(s.tmp, { force: true })));
    throw err;
  }
}
