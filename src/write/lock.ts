/**
 * write: a lock on the output folder, so that two runs never write one --out at once (the second
 * would overwrite the first's manifest, and outputs of the same name).
 *
 * A whole run (and `convert`) holds `.telegram-tei.lock`; a shard holds
 * `.telegram-tei.shard-I-of-N.lock`, so that the shards of a job array can share one --out
 * (they write different files) while a whole run excludes every other. Each lock file says which
 * process holds it (pid, host, start time, command). A lock left by a process that is gone (on
 * this host) is taken over; one held by a live process, or by a process on another host (whose
 * life cannot be checked from here), is a refusal naming it.
 *
 * The lock file appears complete or not at all: written to a temporary, then linked into place
 * (link fails when the name exists, atomically, also over NFS). Taking over a stale lock is a
 * remove and a link: two runs that start within the same few milliseconds over a stale lock could
 * both succeed (not guarded against; the usual case, a run started while another is running, is).
 */
import { link, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { OutputRefusedError, temporaryPath } from './guard.js';

export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  started: string;
  command: string;
}

export interface FolderLock {
  readonly path: string;
  /** When the lock was taken (ms since 1970). */
  readonly since: number;
  /** Whether no other run (a shard) holds a lock on the folder besides this one. */
  alone(): Promise<boolean>;
  release(): Promise<void>;
}

const WHOLE = '.telegram-tei.lock';
const LOCK_PATTERN = /^\.telegram-tei(?:\.shard-\d+-of-\d+)?\.lock$/;

export function lockName(shard?: { index: number; count: number }): string {
  return shard ? `.telegram-tei.shard-${shard.index}-of-${shard.count}.lock` : WHOLE;
}

function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(path: string): Promise<LockHolder | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as LockHolder;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function describe(holder: LockHolder, path: string, out: string): string {
  const where = holder.host === hostname() ? '' : ` on ${holder.host}`;
  return `--out ${out} is in use by another telegram-tei run (pid ${holder.pid}${where}, started ${holder.started}: ${holder.command}); `
    + `wait for it to end, or remove ${path} if that run is gone`;
}

/** Lock files held by live runs in `dir`, other than `except`. */
async function liveLocks(dir: string, except: string): Promise<{ path: string; holder: LockHolder }[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => LOCK_PATTERN.test(n) && n !== except);
  const out: { path: string; holder: LockHolder }[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const holder = await readHolder(path);
    if (holder && isAlive(holder)) out.push({ path, holder });
  }
  return out;
}

/**
 * Takes the lock on `realOut` (`out` is how the user named it, for messages). Throws
 * OutputRefusedError naming the run that holds it.
 */
export async function lockFolder(realOut: string, out: string, shard?: { index: number; count: number }): Promise<FolderLock> {
  const name = lockName(shard);
  const path = join(realOut, name);
  const since = Date.now();
  const holder: LockHolder = { pid: process.pid, host: hostname(), started: new Date(since).toISOString(), command: process.argv.slice(2).join(' ') || 'telegram-tei' };
  const tmp = temporaryPath(path);
  await writeFile(tmp, JSON.stringify(holder) + '\n');
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(tmp, path);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw err;
      }
      const other = await readHolder(path);
      if (other && isAlive(other)) throw new OutputRefusedError(describe(other, path, out));
      // Left by a run that is gone (or unreadable: a lock file is complete when it exists, so one
      // that is not was not made by us): take it over.
      await rm(path, { force: true });
    }
  } catch (err) {
    if (err instanceof OutputRefusedError) throw err;
    throw new OutputRefusedError(`--out ${out}: cannot take the lock ${path}: ${(err as Error).message}`);
  } finally {
    await rm(tmp, { force: true });
  }
  const lock: FolderLock = {
    path,
    since,
    async alone() {
      return (await liveLocks(realOut, name)).length === 0;
    },
    async release() {
      await rm(path, { force: true });
    },
  };
  // A whole run excludes shards, and a shard a whole run (shards share the folder).
  const others = (await liveLocks(realOut, name)).filter((l) => !shard || l.path.endsWith(WHOLE));
  if (others.length > 0) {
    await lock.release();
    throw new OutputRefusedError(describe(others[0]!.holder, others[0]!.path, out));
  }
  return lock;
}
