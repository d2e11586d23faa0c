/**
 * Hostile and broken input: every case gives valid TEI with warnings, or one clear error naming
 * the file with a non-zero exit and no output left behind.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertBytes } from '../src/index.js';
import { defaultRegisters } from '../src/annotate/index.js';
import { hostileCases } from './fixtures/hostile.js';
import { NEEDS, repoRoot, skipNote } from './helpers.js';

const squash = (s: string): string => s.replace(/\s+/g, '');
const cli = join(repoRoot, 'dist', 'cli.js');

describe('hostile input through the library', () => {
  const registers = defaultRegisters();
  for (const c of hostileCases()) {
    it(c.name, () => {
      const result = convertBytes(c.bytes, { file: `in/${c.name.replace(/\W+/g, '-')}.txt`, annotate: { registers } });
      const all = [...result.messages, ...result.documents.flatMap((d) => d.messages)];
      if ('error' in c.expect) {
        expect(result.ok).toBe(false);
        const errors = all.filter((m) => m.severity === 'error');
        expect(errors[0]?.rule).toBe(c.expect.error);
        expect(errors[0]?.file).toContain('in/');
        return;
      }
      const errors = all.filter((m) => m.severity === 'error');
      expect(errors).toEqual([]);
      expect(result.ok).toBe(true);
      for (const rule of c.expect.warnings) expect(all.map((m) => m.rule)).toContain(rule);
      for (const w of all) expect(w.line, `${w.rule} has a line`).toBeGreaterThanOrEqual(0);
      // Nothing lost: the text output gives the input back, ignoring white space.
      const text = result.documents.map((d) => d.outputs!.text).join('\n');
      if (c.roundTrip !== false) {
        const input = c.roundTrip ?? new TextDecoder().decode(c.bytes);
        expect(squash(text)).toBe(squash(input));
      }
      // Markup from the input stays text in the HTML.
      for (const d of result.documents) {
        expect(d.outputs!.html).not.toMatch(/<script>alert|<b>Bold<\/b>|<!-- comment -->/);
      }
    });
  }
});

const cliSuite = 'hostile input through the command line';
describe.skipIf(!existsSync(cli))(existsSync(cli) ? cliSuite : skipNote(cliSuite, `${cli}: ${NEEDS.build}`), () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tt-hostile-'));
    for (const c of hostileCases().slice(0, 8)) writeFileSync(join(dir, `${c.name.replace(/\W+/g, '-')}.txt`), c.bytes);
  });

  it('prints one clear line per failed input, exits non-zero, writes nothing for it', () => {
    const inputs = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => join(dir, f));
    const out = join(dir, 'out');
    const run = spawnSync(process.execPath, [cli, 'convert', ...inputs, '--out', out], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    const errorLines = run.stderr.split('\n').filter((l) => l.includes(': error: '));
    const failing = hostileCases().slice(0, 8).filter((c) => 'error' in c.expect);
    expect(errorLines).toHaveLength(failing.length);
    for (const c of failing) {
      const name = `${c.name.replace(/\W+/g, '-')}`;
      expect(errorLines.some((l) => l.startsWith(join(dir, `${name}.txt`)))).toBe(true);
      expect(existsSync(join(out, `${name}.tei.xml`))).toBe(false);
    }
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const written = readdirSync(out);
    expect(written.filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(written).toContain('UTF-16-with-a-BOM.tei.xml');
  });

  it('refuses a missing file with a clear line', () => {
    const run = spawnSync(process.execPath, [cli, 'convert', join(dir, 'nope.txt'), '--out', join(dir, 'o2')], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/nope\.txt: error: no such file \[read\/unreadable\]/);
  });

  it('says how to use it when the arguments are wrong', () => {
    const run = spawnSync(process.execPath, [cli, 'convert', 'x.txt'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--out <dir> is required/);
    void execFileSync;
  });
});
