/**
 * A full disk (ENOSPC) during a batch: the inputs whose outputs cannot be written are reported,
 * the corpus files' failure too, report.json is written when it can be, the run ends with status 1,
 * and no temporary is left. The file system fails on demand here (writes through node:fs and
 * node:fs/promises are wrapped), so it runs anywhere; as root, a small tmpfs makes a real full disk
 * for the command line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listFiles, NEEDS, repoRoot, seedPath, skipNote } from './helpers.js';

/** Which writes fail: paths matching it get ENOSPC. */
const disk = vi.hoisted(() => ({ full: undefined as RegExp | undefined }));

function enospc(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
}

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const writeFile: typeof real.writeFile = (async (path: Parameters<typeof real.writeFile>[0], ...rest: unknown[]) => {
    // The temporary is made (as on a real disk), then the write fails.
    if (disk.full?.test(String(path))) {
      await (real.writeFile as (...a: unknown[]) => Promise<void>)(path, '');
      throw enospc(String(path));
    }
    return (real.writeFile as (...a: unknown[]) => Promise<void>)(path, ...rest);
  }) as typeof real.writeFile;
  return { ...real, default: { ...real, writeFile }, writeFile };
});

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const createWriteStream = ((path: string, options?: unknown) => {
    const full = disk.full?.test(String(path)) === true;
    // A large buffer: writes return at once, so the failure arrives while nobody waits on the
    // stream (between documents), as it does on a real disk.
    const stream = real.createWriteStream(path, { ...(options as object), ...(full ? { highWaterMark: 64 << 20 } : {}) });
    if (full) {
      // The stream fails as a real one does on a full disk: an 'error' event some time after a write.
      const write = stream.write.bind(stream);
      let failed = false;
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        if (!failed) {
          failed = true;
          setImmediate(() => stream.destroy(enospc(path)));
        }
        return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
    }
    return stream;
  }) as typeof real.createWriteStream;
  return { ...real, default: { ...real, createWriteStream }, createWriteStream };
});

const { runBatch } = await import('../src/batch/run.js');

const SEED = readFileSync(seedPath);
const TIMEOUT = 120_000;
let work: string;

const tree = listFiles;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'telegram-tei-full-'));
  await mkdir(join(work, 'in'));
  for (const name of ['a', 'b', 'c']) await writeFile(join(work, 'in', `${name}.txt`), SEED);
});

afterAll(async () => {
  disk.full = undefined;
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a full disk during a batch', () => {
  it('an input whose outputs cannot be written fails alone; report.json says so; exit status 1; no temporaries', async () => {
    const out = join(work, 'out-1');
    disk.full = /[/\\]b\.html\.tmp-/;
    try {
      const result = await runBatch({ inputs: [join(work, 'in')], out, jobs: 0, cwd: work });
      expect(result.exitCode).toBe(1);
      const b = result.report.inputs.find((r) => r.input === 'b.txt')!;
      expect(b.status).toBe('failed');
      expect(b.messages[0]).toMatchObject({ rule: 'write/failed', text: 'cannot write the outputs: no space left on the device (ENOSPC)' });
      expect(result.report.inputs.filter((r) => r.status === 'converted').map((r) => r.input)).toEqual(['a.txt', 'c.txt']);
      expect(JSON.parse(await readFile(join(out, 'report.json'), 'utf8')).totals.failed).toBe(1);
      const files = await tree(out);
      expect(files.filter((f) => f.includes('.tmp-'))).toEqual([]);
      expect(files.filter((f) => f.startsWith('b.'))).toEqual([]);
    } finally {
      disk.full = undefined;
    }
  }, TIMEOUT);

  it('the streamed corpus file failing: reported, exit status 1, report.json written, no temporaries; the next run recovers', async () => {
    const out = join(work, 'out-2');
    disk.full = /documents\.jsonl\.tmp-/;
    try {
      const result = await runBatch({ inputs: [join(work, 'in')], out, jobs: 0, cwd: work });
      expect(result.exitCode).toBe(1);
      expect(result.report.totals.failed).toBe(0);
      expect(result.failures).toEqual(['corpus files not written: no space left on the device (ENOSPC)']);
      expect(result.reportWritten).toBe(true);
      expect(existsSync(join(out, 'report.json'))).toBe(true);
      expect((await tree(out)).filter((f) => f.includes('.tmp-'))).toEqual([]);
    } finally {
      disk.full = undefined;
    }
    const again = await runBatch({ inputs: [join(work, 'in')], out, jobs: 0, cwd: work });
    expect(again.exitCode).toBe(0);
    expect(again.converted).toBe(0);
    expect(again.corpus?.written).toContain('documents.jsonl');
  }, TIMEOUT);

  it('report.json itself failing: the run says so and ends with status 1', async () => {
    const out = join(work, 'out-3');
    disk.full = /report\.json\.tmp-/;
    try {
      const result = await runBatch({ inputs: [join(work, 'in')], out, jobs: 0, cwd: work });
      expect(result.exitCode).toBe(1);
      expect(result.reportWritten).toBe(false);
      expect(result.failures).toEqual([`cannot write ${join(out, 'report.json')}: no space left on the device (ENOSPC)`]);
      expect((await tree(out)).filter((f) => f.includes('.tmp-') || f === 'report.json')).toEqual([]);
    } finally {
      disk.full = undefined;
    }
  }, TIMEOUT);
});

const cli = join(repoRoot, 'dist', 'cli.js');
const root = process.getuid?.() === 0;

const fullDisk = 'a real full disk (a 1 MB tmpfs; as root only)';
describe.skipIf(!root || !existsSync(cli))(!existsSync(cli) ? skipNote(fullDisk, `${cli}: ${NEEDS.build}`) : fullDisk, () => {
  it('batch: failed inputs named, exit 1, no internal error, no temporaries', async (context) => {
    const mountPoint = join(work, 'tmpfs');
    await mkdir(mountPoint);
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1300k', 'tmpfs', mountPoint]).status !== 0) context.skip(skipNote(fullDisk, 'the right to mount a tmpfs (mount -t tmpfs failed here)'));
    try {
      for (let i = 0; i < 9; i++) await writeFile(join(work, 'in', `more-${i}.txt`), SEED);
      const r = spawnSync(process.execPath, [cli, 'batch', join(work, 'in'), '--out', join(mountPoint, 'out'), '--jobs', '0'], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/: error: cannot write the outputs: no space left on the device \(ENOSPC\) \[write\/failed\]/);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect((await tree(mountPoint)).filter((f) => f.includes('.tmp-'))).toEqual([]);
    } finally {
      spawnSync('umount', [mountPoint]);
    }
  }, TIMEOUT);
});
