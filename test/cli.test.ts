/**
 * The command line as a newcomer meets it (dist/cli.js, built by `npm test`'s pretest): help for
 * every command, --version, a folder given to convert, entities and validate over many files and
 * folders, validate telling each kind of file we write and checking it against its own schema,
 * and batch printing which warnings there were. Everything is written to a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEEDS, repoRoot, seedPath, seedText, skipNote } from './helpers.js';

const cli = join(repoRoot, 'dist', 'cli.js');
const hasCli = existsSync(cli);

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: dir });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tt-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const suite = hasCli ? 'the command line' : skipNote('the command line', `${cli}: ${NEEDS.build}`);

describe.skipIf(!hasCli)(suite, () => {
  describe('help', () => {
    for (const command of ['convert', 'batch', 'validate', 'entities', 'eval']) {
      it(`${command} --help: its usage, options and an example, exit 0`, () => {
        const r = run(command, '--help');
        expect(r.status, r.stderr).toBe(0);
        expect(r.stderr).toBe('');
        expect(r.stdout).toMatch(new RegExp(`^Usage: telegram-tei ${command} `));
        expect(r.stdout).toMatch(new RegExp(`\\nExamples?:\\n {2}telegram-tei ${command} `));
        expect(r.stdout).toMatch(/Exit status/);
      });
    }

    it('-h and help <command> say the same (anywhere among the arguments)', () => {
      const help = run('validate', '--help').stdout;
      expect(run('validate', 'x.xml', '-h').stdout).toBe(help);
      expect(run('help', 'validate').stdout).toBe(help);
    });

    it('--help alone gives the overview (exit 0); no arguments the same, as a usage error (exit 2)', () => {
      const help = run('--help');
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(/telegram-tei <command> --help/);
      for (const c of ['convert', 'batch', 'validate', 'entities', 'eval']) expect(help.stdout).toContain(`telegram-tei ${c} `);
      expect(run().status).toBe(2);
    });

    it('--version prints the version of package.json', () => {
      const r = run('--version');
      expect(r.status).toBe(0);
      expect(r.stdout.trim()).toBe((JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version);
    });

    it('a wrong option names it, with the usage of that command (exit 2)', () => {
      const r = run('entities', '--frobnicate');
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/Unknown option '--frobnicate'/);
      expect(r.stderr).toMatch(/Usage: telegram-tei entities /);
    });
  });

  describe('convert', () => {
    it('given a folder, says that batch converts folders; writes nothing', () => {
      const folder = join(dir, 'corpus');
      mkdirSync(folder, { recursive: true });
      copyFileSync(seedPath, join(folder, 'smith.txt'));
      const r = run('convert', 'corpus', '--out', 'out-convert');
      expect(r.status).toBe(1);
      expect(r.stderr.trim()).toBe('corpus: error: is a folder; convert takes files: for every *.txt in it, run '
        + 'telegram-tei batch corpus --out out-convert [read/is-folder]');
      expect(existsSync(join(dir, 'out-convert', 'smith.tei.xml'))).toBe(false);
    });
  });

  describe('convert\'s warnings', () => {
    it('a warning about the TEI names the TEI file written and the line of the block concerned', () => {
      // two footnotes numbered 1: a warning from the parser (at the input's line) and one from the
      // TEI's rules (at the TEI's line: the second paragraph's, now that the TEI is indented)
      writeFileSync(join(dir, 'dup.txt'), seedText().replace('British Ambassador2', 'British Ambassador1').replace('  2. Sir Maurice', '  1. Sir Maurice'));
      const r = run('convert', 'dup.txt', '--out', 'out-dup');
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/^dup\.txt:13:1: warning: footnote number 1 occurs more than once/m);
      const tei = readFileSync(join(dir, 'out-dup', 'dup.tei.xml'), 'utf8').split('\n');
      const m = /^(.*dup\.tei\.xml):(\d+):\d+: warning: footnote number 1 is used twice/m.exec(r.stderr);
      expect(m?.[1]).toMatch(/out-dup\/dup\.tei\.xml$/);
      expect(tei[Number(m![2]) - 1]).toMatch(/^ +<p>2\. /);
    });
  });

  describe('a batch, then entities and validate over what it wrote', () => {
    const out = (): string => join(dir, 'out');
    beforeAll(() => {
      const input = join(dir, 'in');
      mkdirSync(join(input, 'sub'), { recursive: true });
      writeFileSync(join(input, 'smith.txt'), seedText());
      // five control characters: five warnings (read/control-character), and more from later stages
      const noisy = seedText().replace('recent visit', 'recent\u0001 visit').replace('Stalin Tank', 'Stalin\u0002 Tank')
        .replace('fur coat', 'fur\u0003 coat').replace('airport', 'air\u0004port').replace('dinner', 'din\u0005ner');
      writeFileSync(join(input, 'sub', 'noisy.txt'), noisy);
    });

    it('batch prints the first warnings of each input and where the rest are', () => {
      const r = run('batch', 'in', '--out', 'out', '--jobs', '0');
      expect(r.status, r.stderr).toBe(0);
      const lines = r.stderr.split('\n').filter((l) => l.includes('warning'));
      expect(lines.slice(0, 3)).toEqual([
        expect.stringMatching(/^in\/sub\/noisy\.txt:6:\d+: warning: control character U\+0001 cannot be stored in XML and was dropped \[read\/control-character\]$/),
        expect.stringMatching(/^in\/sub\/noisy\.txt:6:\d+: warning: control character U\+0002 /),
        expect.stringMatching(/^in\/sub\/noisy\.txt:6:\d+: warning: control character U\+0003 /),
      ]);
      const report = JSON.parse(readFileSync(join(out(), 'report.json'), 'utf8')) as {
        inputs: { input: string; messages: { severity: string }[]; documents: { messages: { severity: string }[] }[] }[];
      };
      const noisy = report.inputs.find((i) => i.input === 'sub/noisy.txt')!;
      const warnings = [...noisy.messages, ...noisy.documents.flatMap((d) => d.messages)].filter((m) => m.severity === 'warning');
      expect(warnings.length).toBeGreaterThanOrEqual(5);
      expect(r.stderr).toContain(`in/sub/noisy.txt: ${warnings.length - 3} more warning${warnings.length === 4 ? '' : 's'} in out/report.json\n`);
      // the clean input has none to print
      expect(r.stderr).not.toMatch(/^in\/smith\.txt:.*warning/m);
    });

    it('entities takes several files and folders, one list each, headed by its file', () => {
      const r = run('entities', 'out', 'out/smith.tei.xml', 'missing.tei.xml');
      expect(r.status).toBe(1); // the missing one
      expect(r.stderr.trim()).toBe('missing.tei.xml: error: no such file or folder [read/no-input]');
      const heads = r.stdout.split('\n').filter((l) => l.startsWith('== '));
      expect(heads).toEqual(['== out/smith.tei.xml', '== out/sub/noisy.tei.xml']);
      expect(r.stdout).toMatch(/== out\/smith\.tei\.xml\n(low|medium|high) \(\d+\)\n {2}\S+ +"/);
      expect(run('entities', 'out/smith.tei.xml').stdout).not.toContain('== ');
    });

    it('validate tells each kind of file the batch wrote and checks it against its schema', () => {
      const r = run('validate', 'out');
      expect(r.status, r.stdout + r.stderr).toBe(0);
      const valid = r.stdout.split('\n').filter((l) => l.includes(': valid ('));
      expect(valid).toEqual([
        'out/documents.jsonl: valid (documents.jsonl: schemas/documents-line.schema.json)',
        'out/registers.xml: valid (corpus registers: schemas/registers.rng)',
        'out/report.json: valid (batch report: schemas/report.schema.json)',
        'out/smith.json: valid (document JSON: schemas/document.schema.json)',
        'out/smith.tei.xml: valid (TEI document: schemas/telegram-tei.rng and the integrity rules)',
        'out/sub/noisy.json: valid (document JSON: schemas/document.schema.json)',
        'out/sub/noisy.tei.xml: valid (TEI document: schemas/telegram-tei.rng and the integrity rules)',
      ]);
      // and says plainly what it does not check
      const other = run('validate', 'out/index.html', 'out/registers.json');
      expect(other.status).toBe(1);
      expect(other.stdout).toMatch(/^out\/index\.html: error: not checked: no schema for this kind of file \(validate checks TEI documents/m);
      expect(other.stdout).toMatch(/^out\/registers\.json: error: not checked/m);
    });

    it('validate finds what is wrong in each kind, with its line', () => {
      const registers = readFileSync(join(out(), 'registers.xml'), 'utf8');
      const person = registers.indexOf('<persName>');
      // libxml2 reports it at the record whose content is wrong
      const line = registers.slice(0, registers.lastIndexOf('<person ', person)).split('\n').length;
      writeFileSync(join(dir, 'registers.xml'), registers.slice(0, person) + '<orgName>' + registers.slice(person + '<persName>'.length).replace('</persName>', '</orgName>'));
      const jsonl = readFileSync(join(out(), 'documents.jsonl'), 'utf8').split('\n');
      jsonl[1] = jsonl[1]!.replace('"stem":', '"stems":');
      writeFileSync(join(dir, 'documents.jsonl'), jsonl.join('\n'));
      const report = JSON.parse(readFileSync(join(out(), 'report.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(dir, 'report.json'), JSON.stringify({ ...report, format: 'telegram-tei-report/0' }));
      const r = run('validate', 'registers.xml', 'documents.jsonl', 'report.json');
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(new RegExp(`^registers\\.xml:${line}:\\d+: error: .*orgName`, 'm'));
      expect(r.stdout).toMatch(/^documents\.jsonl:2:1: error: \/: must NOT have additional properties \(stems\) \[json\/additionalProperties\]$/m);
      expect(r.stdout).toMatch(/^report\.json: error: \/format: must be equal to constant \[json\/const\]$/m);
      expect(readdirSync(dir)).not.toContain('out-convert');
    });
  });
});
