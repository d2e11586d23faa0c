/**
 * Data safety under faults (issue 15): inputs never overwritten, nothing written outside --out,
 * an unusable or busy --out refused up front, stale temporaries removed, validate refusing bytes
 * that are not UTF-8, a persons list checked against its own lines, long names shortened by bytes,
 * printable names, Ctrl-C during the corpus step. A full disk is in disk-full.test.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, link, mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutputRefusedError, runBatch, type BatchOptions } from '../src/batch/run.js';
import { identities, prepareOutputFolder, replacedInput } from '../src/write/guard.js';
import { lockFolder } from '../src/write/lock.js';
import { MAX_NAME_BYTES, safeStem, shortenName } from '../src/write/names.js';
import { decodeTeiBytes } from '../src/validate/decode.js';
import { validateTeiDocument } from '../src/validate/index.js';
import { personsListProblems } from '../src/annotate/persons-list.js';
import { formatMessage } from '../src/messages.js';
import { listFiles, NEEDS, repoRoot, seedPath, skipNote } from './helpers.js';

const cli = join(repoRoot, 'dist', 'cli.js');
const hasCli = existsSync(cli);
/** A test through the command line: its title, or why it is skipped. */
const cliTitle = (title: string): string => (hasCli ? title : skipNote(title, `${cli}: ${NEEDS.build}`));
const TIMEOUT = 120_000;
const SEED = readFileSync(seedPath);
/** The seed with CR LF line endings: its text output differs from it byte for byte. */
const SEED_CRLF = Buffer.from(SEED.toString('utf8').replace(/\n/g, '\r\n'));

let work: string;
let n = 0;

async function fresh(name: string): Promise<string> {
  const dir = join(work, `${name}-${++n}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

const tree = listFiles;

function run(args: string[], cwd = work) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd });
}

function batch(inputs: string[], out: string, extra: Partial<BatchOptions> = {}) {
  return runBatch({ inputs, out, jobs: 0, cwd: work, ...extra });
}

/** The pid of a process that has ended (for a stale lock). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'telegram-tei-safety-'));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe.skipIf(!hasCli)(cliTitle('1. an output never replaces an input'), () => {
  it('convert into the input\'s own folder is refused before anything is converted (exit 2)', async () => {
    const dir = await fresh('in');
    await writeFile(join(dir, 'x.txt'), SEED_CRLF);
    const r = run(['convert', join(dir, 'x.txt'), '--out', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/the output .*x\.txt would replace the input .*x\.txt; choose an --out that holds no input/);
    expect(readFileSync(join(dir, 'x.txt'))).toEqual(SEED_CRLF);
    expect(await readdir(dir)).toEqual(['x.txt']);
  });

  it('batch --out a symbolic link to the input folder is refused (exit 2), inputs untouched', async () => {
    const dir = await fresh('in');
    await writeFile(join(dir, 'a.txt'), SEED_CRLF);
    const link = join(work, `link-${n}`);
    await symlink(dir, link);
    const r = run(['batch', dir, '--out', link, '--jobs', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^telegram-tei: batch: --out .*link-\d+ \(it is .*\) is the input folder .*: outputs would replace inputs; choose an --out outside the inputs\n$/);
    expect(readFileSync(join(dir, 'a.txt'))).toEqual(SEED_CRLF);
    expect(await readdir(dir)).toEqual(['a.txt']);
  });

  it('an --out above the input folder is refused too', async () => {
    const dir = await fresh('around');
    await mkdir(join(dir, 'corpus'));
    await writeFile(join(dir, 'corpus', 'a.txt'), SEED);
    await expect(batch([join(dir, 'corpus')], dir)).rejects.toThrow(/holds the input folder/);
  });

  it('a second name of an input (a hard link) in --out is found by identity', async () => {
    const dir = await fresh('hard');
    await mkdir(join(dir, 'in'));
    await mkdir(join(dir, 'out'));
    await writeFile(join(dir, 'in', 'x.txt'), SEED);
    await link(join(dir, 'in', 'x.txt'), join(dir, 'out', 'x-002.txt'));
    const protect = await identities([join(dir, 'in', 'x.txt')]);
    expect(await replacedInput(join(dir, 'out'), ['x'], protect)).toEqual({ output: 'x-002.txt', input: join(dir, 'in', 'x.txt') });
    expect(await replacedInput(join(dir, 'out'), ['y'], protect)).toBeUndefined();
  });
});

describe('2. nothing is written outside --out', () => {
  it('a folder inside --out that links elsewhere gets nothing; its inputs fail, the others convert', async () => {
    const dir = await fresh('links');
    await mkdir(join(dir, 'in', 'sub'), { recursive: true });
    await mkdir(join(dir, 'out'));
    await mkdir(join(dir, 'elsewhere'));
    await writeFile(join(dir, 'in', 'sub', 'a.txt'), SEED);
    await writeFile(join(dir, 'in', 'b.txt'), SEED);
    await symlink(join(dir, 'elsewhere'), join(dir, 'out', 'sub'));
    const result = await batch([join(dir, 'in')], join(dir, 'out'));
    expect(result.exitCode).toBe(1);
    const a = result.report.inputs.find((r) => r.input === 'sub/a.txt')!;
    expect(a.status).toBe('failed');
    expect(a.messages[0]!.rule).toBe('write/failed');
    expect(a.messages[0]!.text).toMatch(/sub leads outside --out \(to .*elsewhere, through a symbolic link\); nothing is written there/);
    expect(result.report.inputs.find((r) => r.input === 'b.txt')!.status).toBe('converted');
    expect(await readdir(join(dir, 'elsewhere'))).toEqual([]);
  }, TIMEOUT);
});

describe('4. an unusable --out is refused up front, exit 2', () => {
  it('a file, or a path through a file: one line, before any input is converted', async () => {
    const dir = await fresh('unusable');
    await writeFile(join(dir, 'a.txt'), SEED);
    await writeFile(join(dir, 'file'), 'x');
    const events: string[] = [];
    await expect(batch([join(dir, 'a.txt')], join(dir, 'file'), { onEvent: (e) => events.push(e.kind) })).rejects.toThrow(OutputRefusedError);
    expect(events).toEqual([]);
    await expect(prepareOutputFolder(join(dir, 'file', 'sub'))).rejects.toThrow(/a part of the path is a file, not a folder \(ENOTDIR\)/);
    if (!hasCli) return;
    const b = run(['batch', join(dir, 'a.txt'), '--out', join(dir, 'file'), '--jobs', '0']);
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/^telegram-tei: batch: --out .*file: it is a file, not a folder\n$/);
    const c = run(['convert', join(dir, 'a.txt'), '--out', join(dir, 'file')]);
    expect(c.status).toBe(2);
    expect(c.stderr).toMatch(/^telegram-tei: --out .*file: it is a file, not a folder\n$/);
  }, TIMEOUT);

  it.skipIf(process.getuid?.() === 0)('a folder without write permission (skipped as root, who may write anywhere)', async () => {
    const dir = await fresh('readonly');
    await writeFile(join(dir, 'a.txt'), SEED);
    await mkdir(join(dir, 'ro'));
    await chmod(join(dir, 'ro'), 0o555);
    await expect(prepareOutputFolder(join(dir, 'ro'))).rejects.toThrow(/cannot write in it: permission denied \(EACCES\)/);
    await expect(prepareOutputFolder(join(dir, 'ro', 'out'))).rejects.toThrow(/cannot make the folder: permission denied \(EACCES\)/);
    await chmod(join(dir, 'ro'), 0o755);
  });

  it.skipIf(process.getuid?.() !== 0)('a read-only file system (a read-only tmpfs; as root only)', async (context) => {
    const dir = await fresh('rofs');
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', dir]);
    if (mount.status !== 0) context.skip(skipNote('a read-only file system', 'the right to mount a tmpfs (mount -t tmpfs failed here)'));
    try {
      await expect(prepareOutputFolder(dir)).rejects.toThrow(/cannot write in it: read-only file system \(EROFS\)/);
      await expect(prepareOutputFolder(join(dir, 'out'))).rejects.toThrow(/cannot make the folder: read-only file system \(EROFS\)/);
    } finally {
      spawnSync('umount', [dir]);
    }
  });
});

describe('5. stale temporaries of ours are removed by a later run', () => {
  it('removes *.tmp-<pid>-<8 hex> made before the run, anywhere in --out, and nothing else', async () => {
    const dir = await fresh('stale');
    await mkdir(join(dir, 'in'));
    await writeFile(join(dir, 'in', 'a.txt'), SEED);
    const out = join(dir, 'out');
    await mkdir(join(out, 'sub'), { recursive: true });
    const old = new Date(Date.now() - 3600_000);
    const ours = ['documents.jsonl.tmp-4242-0123abcd', '.telegram-tei-manifest.json.tmp-77-deadbeef', 'sub/x.html.tmp-99999-cafe0123'];
    const theirs = ['notes.tmp-1-xyz', 'sub/x.html.tmp-12-abc', 'keep.txt'];
    for (const f of [...ours, ...theirs]) {
      await writeFile(join(out, f), 'partial');
      await utimes(join(out, f), old, old);
    }
    const warnings: string[] = [];
    const result = await batch([join(dir, 'in')], out, { onEvent: (e) => e.kind === 'warning' && warnings.push(e.text) });
    expect(result.exitCode).toBe(0);
    expect(warnings).toContain('removed 3 temporary files left in --out by an earlier run that did not finish');
    const left = await tree(out);
    for (const f of ours) expect(left).not.toContain(f);
    for (const f of theirs) expect(left).toContain(f);
  }, TIMEOUT);

  it('leaves them while another run (a shard) holds the folder', async () => {
    const dir = await fresh('stale-shared');
    await mkdir(join(dir, 'in'));
    await writeFile(join(dir, 'in', 'a.txt'), SEED);
    const out = join(dir, 'out');
    await mkdir(out);
    const old = new Date(Date.now() - 3600_000);
    await writeFile(join(out, 'report.shard-2-of-2.json.tmp-4242-0123abcd'), 'partial');
    await utimes(join(out, 'report.shard-2-of-2.json.tmp-4242-0123abcd'), old, old);
    // Shard 2/2 is running (this process stands in for it).
    await writeFile(join(out, '.telegram-tei.shard-2-of-2.lock'), JSON.stringify({ pid: process.pid, host: hostname(), started: 'now', command: 'batch' }));
    await batch([join(dir, 'in')], out, { shard: { index: 1, count: 2 } });
    expect(await tree(out)).toContain('report.shard-2-of-2.json.tmp-4242-0123abcd');
  }, TIMEOUT);
});

describe('6. two runs on one --out', () => {
  it('the second is refused, naming the first one\'s pid; the lock is gone afterwards', async () => {
    const dir = await fresh('lock');
    await mkdir(join(dir, 'in'));
    await writeFile(join(dir, 'in', 'a.txt'), SEED);
    const out = join(dir, 'out');
    await mkdir(out);
    const held = await lockFolder(out, out);
    try {
      await expect(batch([join(dir, 'in')], out)).rejects.toThrow(
        new RegExp(`is in use by another telegram-tei run \\(pid ${process.pid}, started .*\\); wait for it to end, or remove .*\\.telegram-tei\\.lock if that run is gone`),
      );
      // A shard is refused while a whole run holds the folder.
      await expect(batch([join(dir, 'in')], out, { shard: { index: 1, count: 2 } })).rejects.toThrow(/in use by another telegram-tei run/);
    } finally {
      await held.release();
    }
    const result = await batch([join(dir, 'in')], out);
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(out, '.telegram-tei.lock'))).toBe(false);
  }, TIMEOUT);

  it('a lock left by a process that is gone is taken over', async () => {
    const dir = await fresh('stale-lock');
    await mkdir(join(dir, 'in'));
    await writeFile(join(dir, 'in', 'a.txt'), SEED);
    const out = join(dir, 'out');
    await mkdir(out);
    await writeFile(join(out, '.telegram-tei.lock'), JSON.stringify({ pid: deadPid(), host: hostname(), started: 'then', command: 'batch' }));
    const result = await batch([join(dir, 'in')], out);
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(out, '.telegram-tei.lock'))).toBe(false);
  }, TIMEOUT);

  it.skipIf(!hasCli)(cliTitle('through the command line: exit 2 and one line'), async () => {
    const dir = await fresh('lock-cli');
    await writeFile(join(dir, 'a.txt'), SEED);
    const out = join(dir, 'out');
    await mkdir(out);
    const held = await lockFolder(out, out);
    try {
      const b = run(['batch', join(dir, 'a.txt'), '--out', out, '--jobs', '0']);
      expect(b.status).toBe(2);
      expect(b.stderr).toMatch(new RegExp(`^telegram-tei: batch: --out .* is in use by another telegram-tei run \\(pid ${process.pid}, `));
      expect(b.stderr.trim().split('\n')).toHaveLength(1);
      const c = run(['convert', join(dir, 'a.txt'), '--out', out]);
      expect(c.status).toBe(2);
      expect(c.stderr).toMatch(/is in use by another telegram-tei run/);
    } finally {
      await held.release();
    }
  }, TIMEOUT);
});

describe('7. validate refuses bytes that are not UTF-8', () => {
  const xml = '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<p>Caf\u00e9</p></TEI>';
  it('names the line and column of the first bad byte', () => {
    const bytes = Buffer.from(xml.replace('Caf\u00e9', 'CafX'), 'utf8');
    bytes[bytes.indexOf('X'.charCodeAt(0))] = 0xe9; // Latin-1 é
    const decoded = decodeTeiBytes(bytes, 'bad.tei.xml');
    expect('error' in decoded && formatMessage(decoded.error)).toBe(
      'bad.tei.xml:2:7: error: input is not proper UTF-8: byte 0xE9 cannot start or continue a character here [tei/encoding]',
    );
    expect(decodeTeiBytes(Buffer.from(xml, 'utf8'), 'good.tei.xml')).toEqual({ text: xml });
    expect(decodeTeiBytes(Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from(xml)]), 'bom.tei.xml')).toEqual({ text: xml });
    const utf16 = decodeTeiBytes(Buffer.from([0xff, 0xfe, 0x3c, 0x00]), 'utf16.tei.xml');
    expect('error' in utf16 && utf16.error.text).toMatch(/UTF-16/);
  });

  it.skipIf(!hasCli)(cliTitle('through the command line: exit 1, never "valid"'), async () => {
    const dir = await fresh('utf8');
    const good = join(repoRoot, 'test', 'fixtures', 'seed-sample.tei.xml');
    const bytes = readFileSync(good);
    const at = bytes.indexOf('Montgomery');
    const bad = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]);
    await writeFile(join(dir, 'bad.tei.xml'), bad);
    const r = run(['validate', join(dir, 'bad.tei.xml')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/bad\.tei\.xml:\d+:\d+: error: input is not proper UTF-8: byte 0xFF/);
    expect(r.stdout).not.toMatch(/valid$/m);
  });
});

describe('8. a persons list with broken ids is refused at its own lines', () => {
  const list = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listPerson>',
    '  <person xml:id="p_SmithWB"><persName>Smith, Walter Bedell</persName></person>',
    '  <person xml:id="p_SmithWB"><persName>Smith, Walter</persName></person>',
    '  <person xml:id="2 Montgomery"><persName>Montgomery, Bernard Law</persName></person>',
    '</listPerson></body></text></TEI>',
  ].join('\n');

  it('TEI listPerson: duplicates and malformed ids, each with its line and column', () => {
    expect(personsListProblems(list, 'persons.xml').map(formatMessage)).toEqual([
      'persons.xml:4:3: error: xml:id "p_SmithWB" is used more than once (first at line 3) [persons/duplicate-id]',
      'persons.xml:5:3: error: xml:id "2 Montgomery" is not a valid XML name (a letter or _ first, then letters, digits, ".", "-", "_"; no spaces or colons) [persons/bad-id]',
    ]);
  });

  it('FRUS list: the id of each item\'s first persName', () => {
    const frus = '<div xml:id="persons"><list>\n<item><persName xml:id="p_A1">A, B</persName>, x</item>\n<item><persName xml:id="p_A1">A, C</persName></item>\n<item><persName xml:id="p:B">B</persName></item>\n</list></div>';
    expect(personsListProblems(frus, 'frus.xml').map((m) => `${m.line}:${m.column} ${m.rule}`)).toEqual(['3:7 persons/duplicate-id', '4:7 persons/bad-id']);
    expect(personsListProblems(frus.replace(/p_A1">A, C/, 'p_A2">A, C').replace('p:B', 'p_B'), 'frus.xml')).toEqual([]);
  });

  it.skipIf(!hasCli)(cliTitle('convert and batch: exit 2, the list\'s lines, nothing converted'), async () => {
    const dir = await fresh('persons');
    await writeFile(join(dir, 'persons.xml'), list);
    await writeFile(join(dir, 'a.txt'), SEED);
    for (const args of [['convert', 'a.txt', '--out', 'out'], ['batch', 'a.txt', '--out', 'out2', '--jobs', '0']]) {
      const r = run([...args, '--persons', 'persons.xml'], dir);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual([
        'persons.xml:4:3: error: xml:id "p_SmithWB" is used more than once (first at line 3) [persons/duplicate-id]',
        expect.stringMatching(/^persons\.xml:5:3: error: xml:id "2 Montgomery" is not a valid XML name/),
      ]);
      expect(await tree(join(dir, 'out'))).toEqual([]);
    }
  }, TIMEOUT);
});

describe('9. long names are shortened by bytes, and stay unique', () => {
  it('80 CJK characters (240 bytes) become at most MAX_NAME_BYTES bytes; two such names differ', () => {
    const a = '電'.repeat(80);
    const b = `${'電'.repeat(79)}報`;
    const sa = safeStem(`${a}.txt`);
    const sb = safeStem(`${b}.txt`);
    expect(Buffer.byteLength(sa)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(sa).not.toBe(sb);
    expect(sa.startsWith('電'.repeat(50))).toBe(true);
    // Short names are as they were.
    expect(safeStem('frus1947v05_d12.txt')).toBe('frus1947v05_d12');
    expect(shortenName('x'.repeat(MAX_NAME_BYTES))).toBe('x'.repeat(MAX_NAME_BYTES));
    // A cut never splits a character (4-byte emoji).
    expect(shortenName('😀'.repeat(60))).toMatch(/^(?:😀)+_[0-9a-f]{8}$/u);
  });

  it('batch converts inputs with long names in long-named folders', async () => {
    const dir = await fresh('long');
    const folder = join(dir, 'in', 'フォルダ'.repeat(20));
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, `${'電'.repeat(80)}.txt`), SEED);
    await writeFile(join(folder, `${'電'.repeat(79)}報.txt`), SEED);
    const result = await batch([join(dir, 'in')], join(dir, 'out'));
    expect(result.report.inputs.map((r) => r.status)).toEqual(['converted', 'converted']);
    const written = await tree(join(dir, 'out'));
    expect(written.filter((f) => f.endsWith('.tei.xml'))).toHaveLength(2);
    for (const f of written) for (const part of f.split('/')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(255);
  }, TIMEOUT);
});

describe('10. smaller cases', () => {
  it.skipIf(!hasCli)(cliTitle('a newline in a file name does not split convert\'s output line'), async () => {
    const dir = await fresh('newline');
    await writeFile(join(dir, 'a\nb.txt'), SEED);
    const r = run(['convert', 'a\nb.txt', '--out', 'out'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('a\\nb.txt: 1 document -> a_b.{tei.xml,html,txt,json}\n');
  });

  it('an interrupt during the corpus step stops it: report.json says interrupted, no temporaries, the next run makes the corpus files', async () => {
    const dir = await fresh('corpus-stop');
    await mkdir(join(dir, 'in'));
    for (let i = 1; i <= 3; i++) await writeFile(join(dir, 'in', `d${i}.txt`), SEED);
    const out = join(dir, 'out');
    const stop = new AbortController();
    const result = await batch([join(dir, 'in')], out, {
      signal: stop.signal,
      onEvent: (e) => {
        if (e.kind === 'corpus') stop.abort();
      },
    });
    expect(result.interrupted).toBe(true);
    expect(result.corpus).toBeUndefined();
    expect(JSON.parse(await readFile(join(out, 'report.json'), 'utf8')).interrupted).toBe(true);
    expect((await tree(out)).filter((f) => f.includes('.tmp-'))).toEqual([]);
    const again = await batch([join(dir, 'in')], out);
    expect(again.converted).toBe(0);
    expect(again.corpus?.written).toContain('documents.jsonl');
    expect(again.interrupted).toBe(false);
  }, TIMEOUT);

  it.skipIf(!hasCli)(cliTitle('three Ctrl-C during the corpus step (worker threads): exit 130, report says interrupted'), async () => {
    const dir = await fresh('sigint');
    await mkdir(join(dir, 'in'));
    for (let i = 1; i <= 2; i++) await writeFile(join(dir, 'in', `d${i}.txt`), SEED);
    const child = spawn(process.execPath, [cli, 'batch', 'in', '--out', 'out', '--jobs', '1'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!sent && stderr.includes('writing the corpus files')) {
        sent = true;
        for (let i = 0; i < 3; i++) setTimeout(() => child.kill('SIGINT'), 20 * i);
      }
    });
    const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
    expect(sent).toBe(true);
    expect(code).toBe(130);
    expect(stderr).toMatch(/SIGINT: stopping/);
    const report = JSON.parse(await readFile(join(dir, 'out', 'report.json'), 'utf8'));
    expect(report.interrupted).toBe(true);
    expect((await tree(join(dir, 'out'))).filter((f) => f.includes('.tmp-') || f.endsWith('.lock'))).toEqual([]);
  }, TIMEOUT);

  it('XInclude in validate: messages at the element, nothing at 1:0', () => {
    const xml = '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="/etc/passwd" parse="text"/></TEI>';
    const messages = validateTeiDocument(xml, 'x.tei.xml');
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(m.column, formatMessage(m)).toBeGreaterThan(0);
    expect(messages.some((m) => m.column === xml.indexOf('<xi:include') + 1)).toBe(true);
  });

  it.skipIf(!hasCli)(cliTitle('XInclude through the command line: no raw libxml2 line on stderr'), async () => {
    const dir = await fresh('xinclude');
    await writeFile(join(dir, 'x.tei.xml'), '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="/etc/passwd" parse="text"/></TEI>');
    const r = run(['validate', join(dir, 'x.tei.xml')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(/:1:0:/);
    expect(r.stdout).toMatch(/x\.tei\.xml:1:\d+: error: Did not expect element include there/);
  });
});
