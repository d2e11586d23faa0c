/**
 * The batch runner, through its library function (worker threads, --jobs 2) over small inputs
 * written here in a temporary folder: outputs, failure isolation, the report and its schema,
 * incremental re-runs, --force, shards, safe names, determinism, interruption, corpus files.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBatch, type BatchOptions, type BatchResult } from '../src/batch/run.js';
import { expandInputs, globToRegExp, parseShard, planOutputs, shardOf } from '../src/batch/inputs.js';
import { REPORT_SCHEMA_PATH } from '../src/batch/report.js';
import { convertBytesTimed } from '../src/batch/timed.js';
import { emptyTimings } from '../src/batch/stages.js';
import { progressLine } from '../src/batch/progress.js';
import { convertBytes } from '../src/index.js';
import { defaultRegisters } from '../src/annotate/index.js';
import { writeIndexPages, type EntityUse, type IndexDocument } from '../src/batch/corpus.js';
import { hasStylesheet } from '../src/transform/stylesheets.js';
import { listFiles } from './helpers.js';
import { DOCUMENTS_LINE_SCHEMA_PATH, validateDocumentsLine } from '../src/validate/json-schema.js';
import { NEEDS, skipNote } from './helpers.js';

const hasIndex = hasStylesheet('index');
/** A test of the index page: its title, or why it is skipped. */
const indexTitle = (title: string): string => (hasIndex ? title : skipNote(title, `build/xslt/tei-to-index.sef.json: ${NEEDS.build}`));

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLE = readFileSync(join(repoRoot, 'examples/smith-1947-01-14-montgomery-visit.txt'));

/** A short telegram in the history.state.gov layout, written for these tests. */
const TELEGRAM = `711.00/5–1248: Telegram

The Ambassador in France (Caffery) to the Secretary of State


Paris, May 12, 1948—6 p. m.

[Received May 12—3:10 p. m.]

2511. Foreign Office informs us that the Minister will reply to the note on Monday.1

Caffery

  1. The note of May 3; not printed.
`;

const TIMEOUT = 120_000;

let work: string;
let corpus: string;
/** Named explicitly (the folder walk skips names starting with a dot). */
let oddFile: string;
let run = 0;

const files = listFiles;

/**
 * Runs the batch over the test corpus. Worker threads (jobs 2) where the pool itself is under
 * test; elsewhere in this thread (jobs 0: the same code path but for the pool), which spares
 * each run the workers' start-up (loading SaxonJS, the schema and the registers).
 */
function batch(out: string, extra: Partial<BatchOptions> = {}): Promise<BatchResult> {
  return runBatch({ inputs: [corpus, oddFile], out, jobs: 0, cwd: work, ...extra });
}

function outDir(): string {
  return join(work, `out-${++run}`);
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'telegram-tei-batch-'));
  corpus = join(work, 'corpus');
  await mkdir(join(corpus, 'a'), { recursive: true });
  await mkdir(join(corpus, 'b'), { recursive: true });
  await mkdir(join(corpus, 'c'), { recursive: true });
  await mkdir(join(corpus, '..odd dir'), { recursive: true });
  await writeFile(join(corpus, 'a', 'telegram.txt'), TELEGRAM);
  // Same name in another folder: outputs must not clash.
  await writeFile(join(corpus, 'b', 'telegram.txt'), TELEGRAM.replace('Monday', 'Tuesday'));
  // The same bytes under the same name elsewhere: the same outputs.
  await writeFile(join(corpus, 'c', 'telegram.txt'), TELEGRAM);
  await writeFile(join(corpus, 'smith.txt'), EXAMPLE);
  // Broken inputs: empty, binary.
  await writeFile(join(corpus, 'empty.txt'), '');
  await writeFile(join(corpus, 'binary.txt'), Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x50, 0x4b, 0x03, 0x04, 0x00]));
  // Odd characters in names: spaces, shell metacharacters, a leading dash, a folder starting with dots.
  oddFile = join(corpus, '..odd dir', '-x $(rm) ;name*.txt');
  await writeFile(oddFile, TELEGRAM);
  await writeFile(join(corpus, 'Ünïcödé — telegram.txt'), TELEGRAM);
}, TIMEOUT);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('batch: inputs', () => {
  it('expands folders recursively to sorted *.txt, skipping names that start with a dot', async () => {
    const { files: found, root } = await expandInputs([corpus], work);
    expect(root).toBe(corpus);
    expect(found.map((f) => f.rel)).toEqual(['Ünïcödé — telegram.txt', 'a/telegram.txt', 'b/telegram.txt', 'binary.txt', 'c/telegram.txt', 'empty.txt', 'smith.txt'].sort());
  });

  it('expands globs with * and **, relative to the working folder', async () => {
    const { files: found } = await expandInputs(['corpus/**/telegram.txt'], work);
    expect(found.map((f) => f.rel)).toEqual(['a/telegram.txt', 'b/telegram.txt', 'c/telegram.txt']);
    const { files: top } = await expandInputs(['corpus/*.txt'], work);
    expect(top.map((f) => f.rel)).toEqual(['Ünïcödé — telegram.txt', 'binary.txt', 'empty.txt', 'smith.txt'].sort());
    expect(globToRegExp('**/*.txt').test('x/y/z.txt')).toBe(true);
    expect(globToRegExp('**/*.txt').test('z.txt')).toBe(true);
    expect(globToRegExp('*.txt').test('x/z.txt')).toBe(false);
    expect(globToRegExp('d4?.txt').test('d41.txt')).toBe(true);
    await expect(expandInputs(['corpus/*.nothing'], work)).rejects.toThrow(/no file matches/);
    await expect(expandInputs(['missing'], work)).rejects.toThrow(/no such file/);
  });

  it('takes an explicitly named file as it is (a dot in front, a * in its name)', async () => {
    const { files: found, root } = await expandInputs([oddFile], work);
    expect(found).toHaveLength(1);
    expect(root).toBe(join(corpus, '..odd dir'));
    const both = await expandInputs([corpus, oddFile], work);
    expect(both.root).toBe(corpus);
    expect(both.files[0]!.rel).toBe('..odd dir/-x $(rm) ;name*.txt');
  });

  it('plans output names that stay inside --out and never clash', () => {
    const plans = planOutputs([
      { path: '/c/x/d1.txt', display: 'x/d1.txt', rel: 'x/d1.txt' },
      { path: '/c/y/d1.txt', display: 'y/d1.txt', rel: 'y/d1.txt' },
      { path: '/c/../../etc/passwd', display: 'p', rel: '../../etc/../passwd' },
      { path: '/c/a b.txt', display: 'a b.txt', rel: 'a b.txt' },
      { path: '/c/a_b.txt', display: 'a_b.txt', rel: 'a_b.txt' },
      { path: '/c/index.txt', display: 'index.txt', rel: 'index.txt' },
    ]);
    expect(plans[0]).toEqual({ dir: 'x', base: 'd1' });
    expect(plans[1]).toEqual({ dir: 'y', base: 'd1' });
    expect(plans[2]!.dir.split('/')).not.toContain('..');
    expect(plans[2]!.dir.split('/').every((s) => !s.startsWith('.'))).toBe(true);
    expect(plans[3]!.base).not.toBe(plans[4]!.base);
    expect(plans[5]!.base).not.toBe('index');
  });

  it('splits a corpus into shards that partition it', () => {
    const rels = Array.from({ length: 200 }, (_, i) => `v${i % 7}/d${i}.txt`);
    const counts = [0, 0, 0];
    for (const r of rels) counts[shardOf(r, 3) - 1]!++;
    expect(counts.reduce((a, b) => a + b)).toBe(200);
    expect(Math.min(...counts)).toBeGreaterThan(40);
    expect(parseShard('2/16')).toEqual({ index: 2, count: 16 });
    expect(() => parseShard('0/4')).toThrow();
    expect(() => parseShard('5/4')).toThrow();
  });

  it('draws a progress line', () => {
    const line = progressLine({ done: 50, total: 200, documents: 50, converted: 50, failed: 1, elapsedMs: 10_000 }, 10);
    expect(line).toBe('[###-------] 50/200 (25%) 5.0 docs/s, ETA 30s, 1 failed');
  });
});

describe('batch: conversion', () => {
  let out: string;
  let first: BatchResult;

  beforeAll(async () => {
    out = outDir();
    first = await batch(out, { jobs: 2 });
  }, TIMEOUT);

  it('converts the good inputs, mirroring their folders, and reports the broken ones', async () => {
    expect(first.exitCode).toBe(1);
    const byInput = new Map(first.report.inputs.map((r) => [r.input, r]));
    expect(byInput.get('empty.txt')!.status).toBe('failed');
    expect(byInput.get('empty.txt')!.messages[0]!.rule).toBe('read/empty');
    expect(byInput.get('binary.txt')!.status).toBe('failed');
    expect(byInput.get('binary.txt')!.messages[0]!.rule).toBe('read/binary');
    for (const good of ['a/telegram.txt', 'b/telegram.txt', 'c/telegram.txt', 'smith.txt', 'Ünïcödé — telegram.txt', '..odd dir/-x $(rm) ;name*.txt']) {
      expect(byInput.get(good)!.status, good).toBe('converted');
    }
    const written = await files(out);
    for (const f of ['a/telegram.tei.xml', 'a/telegram.html', 'a/telegram.txt', 'a/telegram.json', 'b/telegram.tei.xml', 'smith.tei.xml', 'smith.json']) {
      expect(written, f).toContain(f);
    }
    expect(await readFile(join(out, 'b/telegram.txt'), 'utf8')).toContain('Tuesday');
    expect(first.report.totals).toMatchObject({ inputs: 8, converted: 6, failed: 2, pending: 0, unchanged: 0 });
    // No temporaries left.
    expect(written.filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('writes a report.json that validates against schemas/report.schema.json', async () => {
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as unknown;
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(REPORT_SCHEMA_PATH, 'utf8')) as object);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const doc = first.report.inputs.find((r) => r.input === 'smith.txt')!.documents[0]!;
    expect(doc).toMatchObject({ stem: 'smith', ok: true, files: { tei: 'smith.tei.xml', html: 'smith.html', text: 'smith.txt', json: 'smith.json' } });
    for (const m of first.report.inputs.flatMap((r) => [...r.messages, ...r.documents.flatMap((d) => d.messages)])) {
      expect(m.line).toBeGreaterThanOrEqual(0);
      expect(m.column).toBeGreaterThanOrEqual(0);
    }
  });

  it('writes the corpus files: documents.jsonl, registers.xml and registers.json', async () => {
    const lines = (await readFile(join(out, 'documents.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(6);
    const firstLine = JSON.parse(lines[0]!) as { input: string; html: string; document: { title: string } };
    expect(firstLine.input).toBe('..odd dir/-x $(rm) ;name*.txt');
    expect(firstLine.html).toBe('_odd_dir/-x_rm_name_.html');
    expect(firstLine.document.title).toContain('Caffery');
    // every line fits schemas/documents-line.schema.json (paths, and the document by its own
    // schema), its keys in the schema's order
    const lineSchema = JSON.parse(readFileSync(DOCUMENTS_LINE_SCHEMA_PATH, 'utf8')) as { properties: object };
    for (const line of lines) {
      const value = JSON.parse(line) as Record<string, unknown>;
      expect(validateDocumentsLine(value, 'documents.jsonl')).toEqual([]);
      expect(Object.keys(value)).toEqual(Object.keys(lineSchema.properties));
      expect(Object.keys(value['document'] as object).slice(0, 2)).toEqual(['schemaVersion', 'id']);
    }
    expect(validateDocumentsLine({ ...JSON.parse(lines[0]!) as object, tei: 'x.xml' }, 'documents.jsonl')[0]?.text).toMatch(/^\/tei: must match pattern/);
    const xml = await readFile(join(out, 'registers.xml'), 'utf8');
    const parser = new SaxesParser({ xmlns: true });
    expect(() => parser.write(xml).close()).not.toThrow();
    const jsonText = await readFile(join(out, 'registers.json'), 'utf8');
    const json = JSON.parse(jsonText) as { documents: number; persons: unknown[]; places: unknown[]; orgs: unknown[] };
    expect(json.documents).toBe(6);
    expect(Array.isArray(json.persons)).toBe(true);
    expect(json.persons.length + json.places.length + json.orgs.length).toBeGreaterThan(0);
    // Both registers are streamed a record at a time: the JSON is laid out exactly as
    // JSON.stringify(…, null, 2) would, and the XML is the same records.
    expect(jsonText).toBe(JSON.stringify(json, null, 2) + '\n');
    expect(xml.match(/<(person|place|org) xml:id=/g)).toHaveLength(json.persons.length + json.places.length + json.orgs.length);
  });

  it('writes a registers.xml that tei_all accepts (jing; skipped without it)', async (context) => {
    const jing = '/usr/share/java/jing.jar';
    const teiAll = resolve(repoRoot, '../shared/schemas/tei_all.rng');
    if (!existsSync(jing)) context.skip(skipNote('registers.xml against tei_all with jing', NEEDS.jing));
    if (!existsSync(teiAll)) context.skip(skipNote('registers.xml against tei_all with jing', NEEDS.teiAll));
    const xml = await readFile(join(out, 'registers.xml'), 'utf8');
    expect(xml).toMatch(/<listPerson>|<listPlace>|<listOrg>/);
    const result = spawnSync('java', ['-jar', jing, teiAll, join(out, 'registers.xml')], { encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`).toBe('');
    expect(result.status).toBe(0);
  }, TIMEOUT);

  it('writes nothing outside --out, whatever the input names', async () => {
    const outside = (await files(work)).filter((f) => !f.startsWith('corpus/') && !f.startsWith('out-'));
    expect(outside).toEqual([]);
    for (const r of first.report.inputs) {
      for (const d of r.documents) {
        for (const f of Object.values(d.files ?? {})) expect(resolve(out, f).startsWith(out + sep)).toBe(true);
      }
    }
    const odd = first.report.inputs.find((r) => r.input.startsWith('..odd dir/'))!;
    expect(odd.status).toBe('converted');
    expect(odd.documents[0]!.files!.tei).toMatch(/^_odd_dir\/-x_rm_name_\.tei\.xml$/);
  });

  it('does no work on a second run, and --force redoes everything', async () => {
    const before = (await stat(join(out, 'smith.tei.xml'))).mtimeMs;
    const second = await batch(out);
    expect(second.converted).toBe(0);
    expect(second.report.inputs.every((r) => r.reused)).toBe(true);
    expect(second.report.totals).toMatchObject({ converted: 0, unchanged: 6, failed: 2 });
    expect(second.exitCode).toBe(1);
    expect(second.corpus?.unchanged).toBe(true);
    expect((await stat(join(out, 'smith.tei.xml'))).mtimeMs).toBe(before);

    const forced = await batch(out, { force: true });
    expect(forced.report.inputs.every((r) => !r.reused)).toBe(true);
    expect(forced.report.totals).toMatchObject({ converted: 6, failed: 2 });
  }, TIMEOUT);

  it('converts an input again when it changed, and only that one', async () => {
    const path = join(corpus, 'a', 'telegram.txt');
    const original = await readFile(path);
    await writeFile(path, TELEGRAM.replace('Monday', 'Wednesday'));
    try {
      const again = await batch(out);
      const changed = again.report.inputs.filter((r) => !r.reused).map((r) => r.input);
      expect(changed).toEqual(['a/telegram.txt']);
      expect(await readFile(join(out, 'a/telegram.txt'), 'utf8')).toContain('Wednesday');
    } finally {
      await writeFile(path, original);
      await batch(out);
    }
  }, TIMEOUT);

  it('gives the same bytes for the same input, from workers or not', async () => {
    const other = outDir();
    await batch(other);
    for (const f of (await files(out)).filter((f) => /\.(tei\.xml|html|txt|json|jsonl)$/.test(f) && !f.startsWith('report') && !f.startsWith('.'))) {
      expect(await readFile(join(other, f), 'utf8'), f).toBe(await readFile(join(out, f), 'utf8'));
    }
    // Two inputs with the same name and bytes in different folders: the same outputs.
    for (const ext of ['tei.xml', 'html', 'txt', 'json']) {
      expect(await readFile(join(out, `c/telegram.${ext}`), 'utf8')).toBe(await readFile(join(out, `a/telegram.${ext}`), 'utf8'));
    }
    expect(await readFile(join(out, 'Ünïcödé_telegram.tei.xml'), 'utf8')).toContain('Caffery');
  }, TIMEOUT);
});

describe('batch: shards, interruption, stage timings', () => {
  it('shards 1/2 and 2/2 partition the inputs', async () => {
    const out = outDir();
    const one = await batch(out, { shard: { index: 1, count: 2 }, jobs: 2 });
    const two = await batch(out, { shard: { index: 2, count: 2 } });
    const a = one.report.inputs.map((r) => r.input);
    const b = two.report.inputs.map((r) => r.input);
    expect(a.filter((x) => b.includes(x))).toEqual([]);
    expect([...a, ...b].sort()).toEqual((await expandInputs([corpus, oddFile], work)).files.map((f) => f.rel).sort());
    expect(existsSync(join(out, 'report.shard-1-of-2.json'))).toBe(true);
    expect(existsSync(join(out, 'report.shard-2-of-2.json'))).toBe(true);
    expect(existsSync(join(out, 'documents.jsonl'))).toBe(false);
    // The whole run afterwards merges: nothing to convert, one report, the corpus files.
    const merged = await batch(out);
    expect(merged.converted).toBe(0);
    expect(merged.report.inputs).toHaveLength(8);
    expect(existsSync(join(out, 'documents.jsonl'))).toBe(true);
  }, TIMEOUT);

  it('stops taking work when interrupted, writes manifest and report, and resumes', async () => {
    const out = outDir();
    const stop = new AbortController();
    const interrupted = await batch(out, {
      signal: stop.signal,
      onEvent: (e) => {
        if (e.kind === 'input') stop.abort();
      },
    });
    expect(interrupted.interrupted).toBe(true);
    expect(interrupted.report.totals.pending).toBeGreaterThan(0);
    expect(existsSync(join(out, 'report.json'))).toBe(true);
    expect(existsSync(join(out, '.telegram-tei-manifest.json'))).toBe(true);
    expect((await files(out)).filter((f) => f.includes('.tmp-'))).toEqual([]);
    const done = interrupted.report.inputs.filter((r) => r.status !== 'pending').map((r) => r.input);
    const resumed = await batch(out);
    expect(resumed.report.totals.pending).toBe(0);
    // What was finished before the interruption is not done again; the rest is.
    for (const r of resumed.report.inputs) expect(r.reused, r.input).toBe(done.includes(r.input));
  }, TIMEOUT);

  it('discards the work in flight on a second interrupt', async () => {
    const out = outDir();
    const stop = new AbortController();
    stop.abort();
    const result = await batch(out, { signal: stop.signal, discard: stop.signal });
    expect(result.report.totals.pending).toBe(8);
    expect((await files(out)).filter((f) => !f.startsWith('report') && !f.startsWith('.telegram'))).toEqual([]);
  }, TIMEOUT);

  it('times each stage when asked, with the same outputs as convertBytes', async () => {
    const options = { file: 'smith.txt', annotate: { registers: defaultRegisters() }, textLayout: 'raw' as const };
    const timings = emptyTimings();
    const timed = convertBytesTimed(EXAMPLE, options, timings);
    const plain = convertBytes(EXAMPLE, options);
    expect(timed.documents.map((d) => [d.tei?.xml, d.outputs])).toEqual(plain.documents.map((d) => [d.tei?.xml, d.outputs]));
    expect(timings.parse).toBeGreaterThan(0);
    expect(timings.html).toBeGreaterThan(0);
    const out = outDir();
    const result = await batch(out, { timings: true, jobs: 1, inputs: [join(corpus, 'smith.txt')] });
    expect(result.timings!.write).toBeGreaterThan(0);
    expect(result.timings!.json).toBeGreaterThan(0);
  }, TIMEOUT);
});

describe('the index of a large corpus, a page at a time', () => {
  // Five documents in pages of two: index.html, index-002.html, index-003.html.
  const docs: IndexDocument[] = [
    { href: 'e.html', date: '', title: 'Undated', from: '', to: '' },
    { href: 'd.html', date: '1948-02-01', title: 'beta', from: 'B', to: 'C' },
    { href: 'c.html', date: '1947-01-14', title: 'Smith to Marshall', from: 'Smith', to: 'Marshall' },
    { href: 'b.html', date: '1948-02-01', title: 'Alpha', from: 'A', to: 'C' },
    { href: 'a.html', date: '1942-06-09', title: 'First', from: 'X', to: 'Y' },
  ];
  const montgomery: EntityUse = {
    record: { id: 'per-montgomery', kind: 'person', name: 'Bernard Law Montgomery', description: 'Field Marshal.' },
    firstIn: 'c.tei.xml',
    in: new Map(docs.map((d, i) => [d.href, { tei: d.href, html: d.href, stem: d.href, count: i + 1 }])),
  };
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'telegram-tei-index-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(!hasIndex)(indexTitle('orders the whole list, splits it into linked pages, and keeps the registers on the first'), async () => {
    await writeFile(join(dir, 'index-009.html'), 'left from a larger run');
    const result = await writeIndexPages(dir, docs, [montgomery], 2);
    expect(result.written).toEqual(['index.html', 'index-002.html', 'index-003.html']);
    expect(await files(dir)).toEqual(['index-002.html', 'index-003.html', 'index.html']);
    const pages = await Promise.all(result.written!.map((f) => readFile(join(dir, f), 'utf8')));
    const rows = pages.map((html) => [...html.matchAll(/<td class="title"><a href="([^"]+)"/g)].map((m) => m[1]));
    // dated first, by date, then by title regardless of case; undated last
    expect(rows).toEqual([['a.html', 'c.html'], ['b.html', 'd.html'], ['e.html']]);
    expect(pages[1]).toContain('<span aria-current="page">2</span>');
    expect(pages[1]).toContain('<a href="index.html">1</a>');
    expect(pages[1]).toContain('<a href="index-003.html">3</a>');
    expect(pages[1]).toContain('Documents 3–4 of 5.');
    for (const html of pages) expect(html).toContain('5 documents');
    // the registers: on index.html only, each use with its document's title and date
    expect(pages[0]).toContain('<a href="d.html#reg-per-montgomery">beta</a>');
    expect(pages[0]).toContain('(February 1, 1948, 2 mentions)');
    expect(pages[1]).not.toContain('reg-per-montgomery');
    expect(pages[2]).toContain('<a href="index.html">Index and registers</a>');
  }, TIMEOUT);

  it.skipIf(!hasIndex)(indexTitle('says how many more documents an entity occurs in than it lists'), async () => {
    const many: EntityUse = { ...montgomery, in: new Map() };
    for (let i = 0; i < 30; i++) many.in.set(`x${i}.html`, { tei: `x${i}.tei.xml`, html: `x${i}.html`, stem: `x${i}`, count: i % 4 });
    const result = await writeIndexPages(dir, docs, [many]);
    expect(result.written).toEqual(['index.html']);
    const html = await readFile(join(dir, 'index.html'), 'utf8');
    expect(html.match(/class="reg-in"/g)).toHaveLength(25);
    expect(html).toContain('5 more documents (all in registers.xml)');
    // one page again: the pages of the earlier, larger run are gone
    expect(await files(dir)).toEqual(['index.html']);
  }, TIMEOUT);
});
