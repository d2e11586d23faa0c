/**
 * `convert` with worker threads: the same output files, lines and exit status as in one thread,
 * for many files and for one file holding many documents (cut into shares across the workers).
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { POOL_MIN_DOCUMENTS, sharesOf, threadsFor } from '../src/batch/convert-files.js';
import { hostileCases } from './fixtures/hostile.js';
import { NEEDS, repoRoot, seedText, skipNote } from './helpers.js';

const cli = join(repoRoot, 'dist', 'cli.js');

describe('how convert shares its documents', () => {
  it('uses workers from POOL_MIN_DOCUMENTS documents on, on more than one core, unless told', () => {
    expect(threadsFor(1, undefined, 8)).toBe(0);
    expect(threadsFor(POOL_MIN_DOCUMENTS - 1, undefined, 8)).toBe(0);
    expect(threadsFor(POOL_MIN_DOCUMENTS, undefined, 2)).toBe(2);
    expect(threadsFor(600, undefined, 1)).toBe(0);
    expect(threadsFor(3, 4, 8)).toBe(3); // never more workers than documents
    expect(threadsFor(600, 0, 8)).toBe(0);
  });

  it('cuts a file into shares that hold every document once, in order', () => {
    expect(sharesOf(600, 0)).toBeUndefined();
    expect(sharesOf(1, 2)).toBeUndefined();
    for (const [documents, threads] of [[5, 2], [600, 2], [41, 3], [2, 2]] as const) {
      const shares = sharesOf(documents, threads)!;
      const indices = shares.flatMap(({ from, to }) => Array.from({ length: to - from }, (_, k) => from + k));
      expect(indices).toEqual(Array.from({ length: documents }, (_, k) => k));
      expect(shares.length).toBeGreaterThanOrEqual(Math.min(documents, threads));
      expect(Math.max(...shares.map((s) => s.to - s.from))).toBeLessThanOrEqual(20);
    }
  });
});

const poolSuite = 'convert in worker threads and in one thread';
describe.skipIf(!existsSync(cli))(existsSync(cli) ? poolSuite : skipNote(poolSuite, `${cli}: ${NEEDS.build}`), () => {
  let dir: string;
  let inputs: string[];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tt-convert-pool-'));
    // One file holding five documents, the seed and some broken or odd inputs, and a missing file.
    const seed = seedText();
    writeFileSync(join(dir, 'five.txt'), Array.from({ length: 5 }, () => seed.trimEnd()).join('\n\n\n') + '\n');
    writeFileSync(join(dir, 'seed.txt'), seed);
    const odd = hostileCases().slice(0, 6);
    for (const c of odd) writeFileSync(join(dir, `${c.name.replace(/\W+/g, '-')}.txt`), c.bytes);
    inputs = [join(dir, 'five.txt'), ...odd.map((c) => join(dir, `${c.name.replace(/\W+/g, '-')}.txt`)), join(dir, 'missing.txt'), join(dir, 'seed.txt')];
  });

  const run = (jobs: number, out: string) =>
    spawnSync(process.execPath, [cli, 'convert', ...inputs, '--out', join(dir, out), '--jobs', String(jobs)], { encoding: 'utf8' });
  const files = (out: string): Record<string, string> =>
    Object.fromEntries(readdirSync(join(dir, out)).sort().map((f) => [f, readFileSync(join(dir, out, f), 'utf8')]));

  it('writes the same files and prints the same lines', () => {
    const one = run(0, 'one');
    const two = run(2, 'two');
    expect(two.status).toBe(one.status);
    expect(one.status).toBe(1); // the missing file and the broken inputs
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
    expect(one.stdout).toMatch(/five\.txt: 5 documents -> five-001\.\{tei\.xml,html,txt,json\}/);
    expect(one.stderr).toMatch(/missing\.txt: error: no such file \[read\/unreadable\]/);
    const written = files('one');
    expect(Object.keys(written)).toContain('five-005.json');
    expect(files('two')).toEqual(written);
  }, 120_000);
});
