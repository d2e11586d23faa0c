#!/usr/bin/env node
/**
 * npm run bench: the batch converter's throughput, per-stage times and peak memory, over the
 * dev corpus (../shared/corpus/frus-dev/raw/*.txt) copied under distinct names until there are
 * --docs documents (default 500), converted with --jobs workers (default 2) by the real batch
 * code in dist/ (run `npm run build` first). Then, for comparison, the three document
 * stylesheets alone over the same TEI: SaxonJS warm in this thread, and Saxon-HE for Java
 * (Debian libsaxonhe-java) in a warm JVM through a small program compiled here with javac.
 *
 *   node scripts/bench.mjs [--docs N] [--jobs N] [--reps N] [--corpus DIR] [--worker-heap MB] [--no-java] [--keep]
 *
 * --docs 10000 checks that memory stays flat: peak RSS (the process's VmHWM, which covers the
 * worker threads too) is printed with the RSS at each tenth of the run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '500' },
    jobs: { type: 'string', default: '2' },
    reps: { type: 'string', default: '5' },
    'worker-heap': { type: 'string' },
    corpus: { type: 'string', default: resolve(root, '../shared/corpus/frus-dev/raw') },
    'no-java': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const docs = Number(values.docs);
const jobs = Number(values.jobs);
const reps = Number(values.reps);

function fail(text) {
  console.error(`bench: ${text}`);
  process.exit(1);
}

if (!existsSync(join(root, 'dist/batch/run.js'))) fail('dist/ is missing: run npm run build first');
if (!existsSync(values.corpus)) fail(`corpus not found: ${values.corpus}`);
const sources = readdirSync(values.corpus).filter((f) => f.endsWith('.txt')).sort();
if (sources.length === 0) fail(`no *.txt in ${values.corpus}`);

const { runBatch } = await import(pathToFileURL(join(root, 'dist/batch/run.js')).href);
const { STAGES } = await import(pathToFileURL(join(root, 'dist/batch/stages.js')).href);

// ---------------------------------------------------------------------------------------------
// Memory: the process's RSS (main thread and workers share it), sampled, and the kernel's peak.

function vm(field) {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
const mb = (bytes) => (bytes === undefined ? '?' : `${(bytes / 1048576).toFixed(0)} MB`);
let peakSampled = 0;
let phase = () => 'before the conversion';
let peakWhen = phase();
const sampler = setInterval(() => {
  const rss = process.memoryUsage().rss;
  if (rss > peakSampled) {
    peakSampled = rss;
    peakWhen = phase();
  }
}, 100);
sampler.unref();

// ---------------------------------------------------------------------------------------------
// The corpus, copied to distinct names (1,000 per folder).

const work = mkdtempSync(join(tmpdir(), 'telegram-tei-bench-'));
const inputDir = join(work, 'corpus');
const outDir = join(work, 'out');
for (let i = 0; i < docs; i++) {
  const source = sources[i % sources.length];
  const folder = join(inputDir, `part-${String(Math.floor(i / 1000)).padStart(3, '0')}`);
  if (i % 1000 === 0) mkdirSync(folder, { recursive: true });
  copyFileSync(join(values.corpus, source), join(folder, `r${String(Math.floor(i / sources.length)).padStart(4, '0')}-${source}`));
}
console.log(`bench: ${docs} inputs (${sources.length} dev documents repeated) in ${inputDir}, --jobs ${jobs}`);

// ---------------------------------------------------------------------------------------------
// The batch.

const elu0 = performance.eventLoopUtilization();
let started;
let lastDone = 0;
let corpusAt;
const rssAt = [];
const result = await runBatch({
  inputs: [inputDir],
  out: outDir,
  jobs,
  force: true,
  timings: true,
  ...(values['worker-heap'] !== undefined ? { workerHeapMb: Number(values['worker-heap']) } : {}),
  onEvent(event) {
    if (event.kind === 'start') {
      started = performance.now();
      phase = () => `at ${Math.round((lastDone / event.total) * 100)} % of the conversion`;
    }
    if (event.kind === 'corpus') {
      corpusAt = { rss: process.memoryUsage().rss, ms: performance.now() };
      phase = () => 'while the corpus files were written';
      process.stderr.write(`  corpus files for ${event.documents} documents: rss ${mb(corpusAt.rss)} as they start (conversion workers stopped)\n`);
    }
    if (event.kind !== 'input') return;
    const p = event.progress;
    const tenth = Math.floor((p.done / p.total) * 10);
    if (tenth > Math.floor((lastDone / p.total) * 10)) {
      const m = process.memoryUsage();
      rssAt.push(`${tenth * 10}%: ${mb(m.rss)}`);
      process.stderr.write(`  ${p.done}/${p.total} ${((p.documents * 1000) / p.elapsedMs).toFixed(1)} docs/s, rss ${mb(m.rss)} (main thread heap ${mb(m.heapUsed)})\n`);
    }
    lastDone = p.done;
  },
});
const ended = performance.now();
const wall = (ended - started) / 1000;
const elu = performance.eventLoopUtilization(elu0);
clearInterval(sampler);
const t = result.report.totals;
const converted = result.converted;

console.log('\n== telegram-tei batch (dist/, worker threads) ==');
console.log(`documents: ${converted} converted, ${t.failedDocuments} failed, ${t.failed} inputs failed`);
console.log(`wall time: ${wall.toFixed(1)} s (from the first input to the corpus files and report.json)`);
console.log(`throughput: ${(converted / wall).toFixed(1)} documents/s with ${jobs} worker${jobs === 1 ? '' : 's'}`);
console.log(`main thread event-loop utilisation: ${(elu.utilization * 100).toFixed(0)} %`);
console.log(`peak memory: ${mb(vm('VmHWM'))} (VmHWM: main thread + workers); largest sampled RSS ${mb(peakSampled)} (${peakWhen})`);
console.log(`RSS over the run: ${rssAt.join(', ')}`);
if (result.timings && converted > 0) {
  const total = STAGES.reduce((s, k) => s + result.timings[k], 0);
  console.log('\nper document, summed over the workers (ms; share of all stage time):');
  for (const stage of STAGES) {
    const ms = result.timings[stage];
    console.log(`  ${stage.padEnd(9)} ${(ms / converted).toFixed(2).padStart(8)} ms  ${((ms / total) * 100).toFixed(1).padStart(5)} %`);
  }
  console.log(`  ${'total'.padEnd(9)} ${(total / converted).toFixed(2).padStart(8)} ms`);
}
if (result.corpus) {
  console.log(`\ncorpus files: ${result.corpus.written.join(', ')} (${result.corpus.entities} entities)`
    + (corpusAt ? ` in ${((ended - corpusAt.ms) / 1000).toFixed(1)} s (with report.json), rss ${mb(corpusAt.rss)} as they started` : ''));
}
for (const w of result.warnings.slice(0, 5)) console.log(`warning: ${w}`);

// ---------------------------------------------------------------------------------------------
// The three stylesheets alone, over the TEI of the distinct documents: SaxonJS, Saxon-HE (Java).

const teiFiles = [];
const seen = new Set();
for (const input of result.report.inputs) {
  const original = basename(input.input).replace(/^r\d+-/, '');
  if (seen.has(original)) continue;
  for (const d of input.documents) if (d.ok && d.files) teiFiles.push(join(outDir, d.files.tei));
  seen.add(original);
}

const stylesheets = await import(pathToFileURL(join(root, 'dist/transform/stylesheets.js')).href);
const teiTexts = teiFiles.map((f) => readFileSync(f, 'utf8'));
const kb = teiTexts.reduce((s, x) => s + x.length, 0) / teiTexts.length / 1024;
const jsRuns = {
  html: (x) => stylesheets.renderHtml(x),
  text: (x) => stylesheets.renderText(x, 'raw'),
  json: (x) => stylesheets.renderJsonText(x),
};
console.log(`\n== the three stylesheets alone, ${teiTexts.length} TEI documents (mean ${kb.toFixed(1)} KB), one thread, after a warm-up of at least 3 passes and 3 s ==`);
const jsMs = {};
for (const [name, run] of Object.entries(jsRuns)) {
  // The same warm-up as Saxon-HE's below: at least 3 passes and 3 s.
  const warmUntil = performance.now() + 3000;
  for (let w = 0; w < 3 || performance.now() < warmUntil; w++) for (const x of teiTexts) run(x);
  const s = performance.now();
  for (let r = 0; r < reps; r++) for (const x of teiTexts) run(x);
  jsMs[name] = (performance.now() - s) / (reps * teiTexts.length);
}
console.log(`SaxonJS 2 (Node ${process.versions.node}):  html ${jsMs.html.toFixed(2)} ms, text ${jsMs.text.toFixed(2)} ms, json ${jsMs.json.toFixed(2)} ms per transform`);

function saxonJar() {
  try {
    const listed = execFileSync('dpkg', ['-L', 'libsaxonhe-java'], { encoding: 'utf8' }).split('\n');
    return listed.find((l) => /\/Saxon-HE\.jar$/.test(l)) ?? listed.find((l) => /Saxon-HE.*\.jar$/.test(l));
  } catch {
    return existsSync('/usr/share/java/Saxon-HE.jar') ? '/usr/share/java/Saxon-HE.jar' : undefined;
  }
}

const JAVA = `
import java.io.*;
import java.nio.file.*;
import java.util.*;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.s9api.*;

public class TeiBench {
  public static void main(String[] args) throws Exception {
    int reps = Integer.parseInt(args[0]);
    List<String> docs = new ArrayList<>();
    for (String line : Files.readAllLines(Paths.get(args[1]))) if (!line.isEmpty()) docs.add(new String(Files.readAllBytes(Paths.get(line)), "UTF-8"));
    Processor processor = new Processor(false);
    XsltCompiler compiler = processor.newXsltCompiler();
    for (int i = 2; i < args.length; i++) {
      String[] nameAndPath = args[i].split("=", 2);
      long c0 = System.nanoTime();
      XsltExecutable exec = compiler.compile(new StreamSource(new File(nameAndPath[1])));
      double compileMs = (System.nanoTime() - c0) / 1e6;
      Xslt30Transformer t = exec.load30();
      if (nameAndPath[0].equals("text")) {
        Map<QName, XdmValue> params = new HashMap<>();
        params.put(new QName("layout"), new XdmAtomicValue("raw"));
        t.setStylesheetParameters(params);
      }
      // Warm-up: at least 3 passes and 3 s, so that the JIT has compiled the hot paths (after a
      // single pass Saxon-HE still runs ~1.5x slower than it will).
      long warmUntil = System.nanoTime() + 3_000_000_000L;
      for (int w = 0; w < 3 || System.nanoTime() < warmUntil; w++) {
        for (String doc : docs) {
          StringWriter out = new StringWriter();
          t.transform(new StreamSource(new StringReader(doc)), processor.newSerializer(out));
        }
      }
      long start = System.nanoTime();
      for (int r = 0; r < reps; r++) {
        for (String doc : docs) {
          StringWriter out = new StringWriter();
          t.transform(new StreamSource(new StringReader(doc)), processor.newSerializer(out));
        }
      }
      double ms = (System.nanoTime() - start) / 1e6 / (reps * (double) docs.size());
      System.out.printf(Locale.ROOT, "%s %.3f %.0f%n", nameAndPath[0], ms, compileMs);
    }
  }
}
`;

if (values['no-java']) {
  console.log('Saxon-HE (Java): skipped (--no-java)');
} else {
  const jar = saxonJar();
  const haveJava = spawnSync('javac', ['-version']).status === 0 && spawnSync('java', ['-version']).status === 0;
  if (!haveJava) console.log('Saxon-HE (Java): skipped: java/javac not found (Debian: default-jdk-headless)');
  else if (!jar) console.log('Saxon-HE (Java): skipped: Saxon-HE.jar not found (Debian: libsaxonhe-java)');
  else {
    const javaDir = join(work, 'java');
    mkdirSync(javaDir, { recursive: true });
    writeFileSync(join(javaDir, 'TeiBench.java'), JAVA);
    writeFileSync(join(javaDir, 'docs.txt'), teiFiles.join('\n') + '\n');
    try {
      execFileSync('javac', ['-cp', jar, '-d', javaDir, join(javaDir, 'TeiBench.java')], { stdio: 'pipe' });
      const out = execFileSync(
        'java',
        ['-cp', `${javaDir}:${jar}`, 'TeiBench', String(reps), join(javaDir, 'docs.txt'),
          ...['html', 'text', 'json'].map((n) => `${n}=${join(root, 'xslt', `tei-to-${n}.xsl`)}`)],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 * 1024 * 1024 },
      );
      const ms = Object.fromEntries(out.trim().split('\n').map((l) => l.split(' ')).map(([n, m, c]) => [n, { ms: Number(m), compile: Number(c) }]));
      const version = spawnSync('java', ['-cp', jar, 'net.sf.saxon.Version'], { encoding: 'utf8' });
      const saxonVersion = `${version.stdout}${version.stderr}`.match(/Saxon-HE [\d.]+/)?.[0] ?? 'Saxon-HE';
      console.log(`${saxonVersion} (Java, warm JVM): html ${ms.html.ms.toFixed(2)} ms, text ${ms.text.ms.toFixed(2)} ms, json ${ms.json.ms.toFixed(2)} ms per transform`
        + ` (compiling the stylesheets: ${ms.html.compile}, ${ms.text.compile}, ${ms.json.compile} ms)`);
      console.log(`SaxonJS / Saxon-HE: html ${(jsMs.html / ms.html.ms).toFixed(1)}x, text ${(jsMs.text / ms.text.ms).toFixed(1)}x, json ${(jsMs.json / ms.json.ms).toFixed(1)}x`);
      // The issue's target: the whole pipeline (wall time per document, all stages, --jobs workers)
      // no slower than Saxon-HE running only the three stylesheets (one warm thread).
      const javaPerDoc = ms.html.ms + ms.text.ms + ms.json.ms;
      const pipelinePerDoc = (wall * 1000) / converted;
      console.log(`\ntarget: whole pipeline ${pipelinePerDoc.toFixed(1)} ms per document (wall, ${jobs} workers, conversion and corpus files)`
        + ` vs Saxon-HE's three stylesheets ${javaPerDoc.toFixed(1)} ms: `
        + (pipelinePerDoc <= javaPerDoc ? 'met' : `missed (${(pipelinePerDoc / javaPerDoc).toFixed(2)}x)`));
      if (result.timings && converted > 0) {
        // What the pipeline would take if the three transforms took no time at all.
        const other = STAGES.filter((k) => !['html', 'text', 'json'].includes(k)).reduce((sum, k) => sum + result.timings[k], 0) / converted;
        console.log(`  the stages other than the three transforms: ${other.toFixed(1)} ms per document summed over the workers,`
          + ` ${(other / Math.max(1, jobs)).toFixed(1)} ms wall at best with ${jobs} worker${jobs === 1 ? '' : 's'}`);
      }
    } catch (err) {
      const detail = `${err.stderr ?? ''}${err.stdout ?? ''}`.trim().split('\n').slice(0, 8).join('\n  ');
      console.log(`Saxon-HE (Java): failed: ${err.message.split('\n')[0]}\n  ${detail}`);
    }
  }
}

if (values.keep) console.log(`\nkept: ${work}`);
else rmSync(work, { recursive: true, force: true });
