#!/usr/bin/env node
/**
 * npm run bench: in one run, everything the speed issue measures, over the dev corpus
 * (../shared/corpus/frus-dev/raw/*.txt) copied under distinct names until there are --docs
 * documents (default 500), converted with --jobs workers (default 2) by the real batch code in dist/
 * (run `npm run build` first):
 *
 *   1. the batch: documents/s, time per stage per document, CPU per document by thread (the
 *      conversion workers, V8's GC and JIT threads, the main thread, the corpus worker), peak RSS
 *      (VmHWM, workers included);
 *   2. the stylesheets alone, warm, per transform: SaxonJS in this thread and Saxon-HE for Java
 *      (Debian libsaxonhe-java) in a warm JVM, with and without the entity markup, and an identity
 *      transform as the floor of what any stylesheet costs in each;
 *   3. batch throughput against Saxon-HE running only the three stylesheets over the same TEI files,
 *      one JVM per stylesheet, start-up included;
 *   4. the cold start of `telegram-tei convert` of the example, and where its time goes.
 *
 *   node scripts/bench.mjs [--docs N] [--jobs N] [--reps N] [--corpus DIR] [--worker-heap MB] [--no-java] [--keep]
 *
 * --docs 10000 checks that memory stays flat: peak RSS is printed with the RSS at each tenth of the run.
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

// CPU of each thread of the process (Linux: /proc/self/task), sampled, since threads that end take
// their counters with them. Which thread does what: the main thread; the threads there before the
// conversion starts (V8's platform threads: concurrent and parallel GC, JIT compilation; libuv);
// the conversion workers (the threads that appear during the conversion); the corpus worker.
const CLOCK_TICK_MS = 10;
const threadCpu = new Map();
function sampleThreads() {
  let tids;
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threadCpu.set(tid, { ms: (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS, group: threadCpu.get(tid)?.group ?? threadGroup });
    } catch {
      // the thread has just ended
    }
  }
}
let threadGroup = 'before';
const threadSampler = setInterval(sampleThreads, 100);
threadSampler.unref();

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
// CPU of the whole process (main thread, workers, GC): on a shared machine a steadier figure than wall time.
const cpu0 = process.cpuUsage();
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
      sampleThreads();
      threadGroup = 'conversion';
      started = performance.now();
      phase = () => `at ${Math.round((lastDone / event.total) * 100)} % of the conversion`;
    }
    if (event.kind === 'corpus') {
      sampleThreads();
      threadGroup = 'corpus';
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
sampleThreads();
clearInterval(threadSampler);
const batchCpu = ((u) => (u.user + u.system) / 1e6)(process.cpuUsage(cpu0));
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
if (threadCpu.size > 0 && converted > 0) {
  const sum = (group) => [...threadCpu.entries()].filter(([tid, t]) => t.group === group && tid !== String(process.pid)).reduce((s, [, t]) => s + t.ms, 0);
  const mainMs = threadCpu.get(String(process.pid))?.ms ?? 0;
  const parts = [['conversion workers (their JS threads)', sum('conversion')], ["V8's and libuv's threads (concurrent/parallel GC, JIT)", sum('before')],
    ['main thread (reading, hashing, writing, report; and this benchmark)', mainMs], ['corpus worker', sum('corpus')]];
  const all = parts.reduce((s, [, ms]) => s + ms, 0);
  console.log(`\nCPU per document by thread (sampled from /proc/self/task; ${(all / converted).toFixed(0)} ms in all):`);
  for (const [label, ms] of parts) console.log(`  ${(ms / converted).toFixed(1).padStart(6)} ms  ${((ms / all) * 100).toFixed(0).padStart(3)} %  ${label}`);
}
if (result.corpus) {
  console.log(`\ncorpus files: ${result.corpus.written.join(', ')} (${result.corpus.entities} entities)`
    + (corpusAt ? ` in ${((ended - corpusAt.ms) / 1000).toFixed(1)} s (with report.json), rss ${mb(corpusAt.rss)} as they started` : ''));
}
for (const w of result.warnings.slice(0, 5)) console.log(`warning: ${w}`);

// ---------------------------------------------------------------------------------------------
// The stylesheets alone, over the TEI of the distinct documents: SaxonJS and Saxon-HE (Java), warm,
// per transform; with and without the entity markup; and an identity transform, the floor of what
// any stylesheet costs in each processor.

const teiFiles = [];
const allTeiFiles = [];
const seen = new Set();
for (const input of result.report.inputs) {
  const original = basename(input.input).replace(/^r\d+-/, '');
  for (const d of input.documents) if (d.ok && d.files) allTeiFiles.push(join(outDir, d.files.tei));
  if (seen.has(original)) continue;
  for (const d of input.documents) if (d.ok && d.files) teiFiles.push(join(outDir, d.files.tei));
  seen.add(original);
}

/**
 * The TEI without its machine-made annotations: every element inside <text> that carries @resp
 * (persName, placeName, orgName, date, gloss …) is unwrapped, its content kept. Our TEI is one line
 * of XML written by our own builder, so a tag scanner is exact here.
 */
function withoutEntityMarkup(xml) {
  const start = xml.indexOf('<text');
  const end = xml.lastIndexOf('</text>');
  if (start < 0 || end < 0) return xml;
  const stack = [];
  const body = xml.slice(start, end).replace(/<(\/?)([A-Za-z][\w:.-]*)((?:\s[^>]*?)?)(\/?)>/g, (tag, close, name, attributes, empty) => {
    if (close) return stack.pop() ? '' : tag;
    const unwrap = /\sresp="/.test(attributes);
    if (!empty) stack.push(unwrap);
    return unwrap ? '' : tag;
  });
  return xml.slice(0, start) + body + xml.slice(end);
}

const IDENTITY_XSL = `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:mode on-no-match="shallow-copy"/>
</xsl:stylesheet>
`;
const floorDir = join(work, 'floor');
mkdirSync(floorDir, { recursive: true });
const identityXsl = join(floorDir, 'identity.xsl');
writeFileSync(identityXsl, IDENTITY_XSL);
const identitySef = join(floorDir, 'identity.sef.json');
execFileSync(process.execPath, [join(root, 'node_modules/xslt3/xslt3.js'), `-xsl:${identityXsl}`, `-export:${identitySef}`, '-relocate:on', '-nogo'], { stdio: 'pipe' });

const teiTexts = teiFiles.map((f) => readFileSync(f, 'utf8'));
const plainTexts = teiTexts.map(withoutEntityMarkup);
const plainFiles = plainTexts.map((x, i) => {
  const path = join(floorDir, `plain-${i}.tei.xml`);
  writeFileSync(path, x);
  return path;
});
const kb = teiTexts.reduce((s, x) => s + x.length, 0) / teiTexts.length / 1024;
const stylesheets = await import(pathToFileURL(join(root, 'dist/transform/stylesheets.js')).href);
const { saxon } = await import(pathToFileURL(join(root, 'dist/transform/saxon.js')).href);
const identityInternal = JSON.parse(readFileSync(identitySef, 'utf8'));
const NAMES = ['html', 'text', 'json', 'identity'];
const jsRuns = {
  html: (x) => stylesheets.renderHtml(x),
  text: (x) => stylesheets.renderText(x, 'raw'),
  json: (x) => stylesheets.renderJsonText(x),
  identity: (x) => saxon().transform({ stylesheetInternal: identityInternal, sourceText: x, destination: 'serialized' }, 'sync').principalResult,
};

/**
 * Milliseconds per transform, wall and CPU (the process's, GC included), after a warm-up of at
 * least 3 passes and 3 s (Saxon-HE gets the same).
 */
function timeSaxonJS(run, texts) {
  const warmUntil = performance.now() + 3000;
  for (let w = 0; w < 3 || performance.now() < warmUntil; w++) for (const x of texts) run(x);
  const s = performance.now();
  const c = process.cpuUsage();
  for (let r = 0; r < reps; r++) for (const x of texts) run(x);
  const cpu = process.cpuUsage(c);
  return { ms: (performance.now() - s) / (reps * texts.length), cpu: (cpu.user + cpu.system) / 1000 / (reps * texts.length) };
}

const js = { full: {}, plain: {} };
for (const name of NAMES) {
  js.full[name] = timeSaxonJS(jsRuns[name], teiTexts);
  js.plain[name] = timeSaxonJS(jsRuns[name], plainTexts);
}

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
import java.lang.management.ManagementFactory;
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
      com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpu0 = os.getProcessCpuTime();
      long start = System.nanoTime();
      for (int r = 0; r < reps; r++) {
        for (String doc : docs) {
          StringWriter out = new StringWriter();
          t.transform(new StreamSource(new StringReader(doc)), processor.newSerializer(out));
        }
      }
      double ms = (System.nanoTime() - start) / 1e6 / (reps * (double) docs.size());
      double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6 / (reps * (double) docs.size());
      System.out.printf(Locale.ROOT, "%s %.3f %.0f %.3f%n", nameAndPath[0], ms, compileMs, cpuMs);
    }
  }
}
`;

const stylesheetPaths = { html: join(root, 'xslt/tei-to-html.xsl'), text: join(root, 'xslt/tei-to-text.xsl'), json: join(root, 'xslt/tei-to-json.xsl'), identity: identityXsl };
let java;
let javaNote;
let javaBatch;
if (values['no-java']) javaNote = 'skipped (--no-java)';
else {
  const jar = saxonJar();
  const haveJava = spawnSync('javac', ['-version']).status === 0 && spawnSync('java', ['-version']).status === 0;
  if (!haveJava) javaNote = 'skipped: java/javac not found (Debian: default-jdk-headless)';
  else if (!jar) javaNote = 'skipped: Saxon-HE.jar not found (Debian: libsaxonhe-java)';
  else {
    const javaDir = join(work, 'java');
    mkdirSync(javaDir, { recursive: true });
    writeFileSync(join(javaDir, 'TeiBench.java'), JAVA);
    try {
      execFileSync('javac', ['-cp', jar, '-d', javaDir, join(javaDir, 'TeiBench.java')], { stdio: 'pipe' });
      const warm = (files) => {
        const list = join(javaDir, `docs-${files === teiFiles ? 'full' : 'plain'}.txt`);
        writeFileSync(list, files.join('\n') + '\n');
        const out = execFileSync('java', ['-cp', `${javaDir}:${jar}`, 'TeiBench', String(reps), list, ...NAMES.map((n) => `${n}=${stylesheetPaths[n]}`)],
          { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 * 1024 * 1024 });
        return Object.fromEntries(out.trim().split('\n').map((l) => l.split(' ')).map(([n, m, c, u]) => [n, { ms: Number(m), compile: Number(c), cpu: Number(u) }]));
      };
      java = { full: warm(teiFiles), plain: warm(plainFiles) };
      const version = spawnSync('java', ['-cp', jar, 'net.sf.saxon.Version'], { encoding: 'utf8' });
      javaNote = `${version.stdout}${version.stderr}`.match(/Saxon-HE [\d.]+/)?.[0] ?? 'Saxon-HE';

      // The issue's batch comparison: Saxon-HE running only the three stylesheets over every TEI
      // file of the batch, one JVM per stylesheet (Saxon's command line over a folder), start-up
      // included, one after another.
      const teiDir = join(work, 'tei-only');
      mkdirSync(teiDir, { recursive: true });
      allTeiFiles.forEach((f, i) => copyFileSync(f, join(teiDir, `${String(i).padStart(6, '0')}.xml`)));
      const t0 = performance.now();
      const perStylesheet = {};
      let cpuSeconds = 0;
      const haveTime = existsSync('/usr/bin/time');
      for (const name of ['html', 'text', 'json']) {
        const s = performance.now();
        const javaOut = join(work, `java-${name}`);
        mkdirSync(javaOut, { recursive: true });
        const args = ['-cp', jar, 'net.sf.saxon.Transform', `-s:${teiDir}`, `-xsl:${stylesheetPaths[name]}`, `-o:${javaOut}`, ...(name === 'text' ? ['layout=raw'] : [])];
        const run = spawnSync(haveTime ? '/usr/bin/time' : 'java', haveTime ? ['-f', '%U %S', 'java', ...args] : args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        if (run.status !== 0) throw Object.assign(new Error(`Saxon-HE over the TEI files failed (${name})`), { stderr: run.stderr });
        if (haveTime) cpuSeconds += run.stderr.trim().split('\n').pop().split(' ').reduce((sum, x) => sum + Number(x), 0);
        perStylesheet[name] = (performance.now() - s) / 1000;
      }
      javaBatch = { seconds: (performance.now() - t0) / 1000, files: allTeiFiles.length, perStylesheet, cpuSeconds: haveTime ? cpuSeconds : undefined };
    } catch (err) {
      const detail = `${err.stderr ?? ''}${err.stdout ?? ''}`.trim().split('\n').slice(0, 8).join('\n  ');
      javaNote = `failed: ${err.message.split('\n')[0]}\n  ${detail}`;
    }
  }
}

console.log(`\n== the stylesheets alone: ${teiTexts.length} distinct TEI documents (mean ${kb.toFixed(1)} KB), one thread, warm (at least 3 passes and 3 s) ==`);
console.log(`ms per transform; "plain": the same TEI without the entity markup (the elements in <text> with @resp unwrapped);`);
console.log(`identity: a stylesheet that copies every node (xsl:mode on-no-match="shallow-copy"), the floor of any transform.`);
console.log(`SaxonJS 2 on Node ${process.versions.node}; ${java ? `${javaNote} for Java, warm JVM` : `Saxon-HE: ${javaNote}`}`);
const f = (x) => (x === undefined ? '    -' : x.toFixed(2).padStart(6));
const r = (a, b) => (a === undefined || b === undefined ? '    -' : `${(a / b).toFixed(1).padStart(4)}x`);
for (const [label, key] of [['wall', 'ms'], ['CPU (the process: GC, and the JVM\'s compiler threads, included)', 'cpu']]) {
  console.log(`\n${label}, ms per transform:`);
  console.log('| stylesheet | SaxonJS | Saxon-HE | ratio | SaxonJS plain | Saxon-HE plain | ratio plain | SaxonJS markup cost |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const name of NAMES) {
    const a = js.full[name][key];
    const b = java?.full[name]?.[key];
    const c = js.plain[name][key];
    const d = java?.plain[name]?.[key];
    console.log(`| ${name} | ${f(a)} | ${f(b)} | ${r(a, b)} | ${f(c)} | ${f(d)} | ${r(c, d)} | ${r(a, c)} |`);
  }
}
if (java) {
  for (const [label, key] of [['wall', 'ms'], ['CPU', 'cpu']]) {
    const jsSum = js.full.html[key] + js.full.text[key] + js.full.json[key];
    const javaSum = java.full.html[key] + java.full.text[key] + java.full.json[key];
    console.log(`three stylesheets (${label}): SaxonJS ${jsSum.toFixed(1)} ms, Saxon-HE ${javaSum.toFixed(1)} ms per document: ${(jsSum / javaSum).toFixed(1)}x (target 2x);`
      + ` less three identity transforms (our templates' own work): SaxonJS ${(jsSum - 3 * js.full.identity[key]).toFixed(1)} ms, Saxon-HE ${(javaSum - 3 * java.full.identity[key]).toFixed(1)} ms`);
  }
  // Warm pipeline per document vs Saxon-HE's three warm stylesheets (the figure earlier sessions reported).
  const javaSum = java.full.html.ms + java.full.text.ms + java.full.json.ms;
  const pipelinePerDoc = (wall * 1000) / converted;
  console.log(`whole pipeline ${pipelinePerDoc.toFixed(1)} ms per document (wall, ${jobs} workers, conversion and corpus files) vs Saxon-HE's three warm stylesheets ${javaSum.toFixed(1)} ms:`
    + ` ${(pipelinePerDoc / javaSum).toFixed(2)}x`);
  if (result.timings && converted > 0) {
    const other = STAGES.filter((k) => !['html', 'text', 'json'].includes(k)).reduce((sum, k) => sum + result.timings[k], 0) / converted;
    console.log(`  the stages other than the three transforms: ${other.toFixed(1)} ms per document summed over the workers,`
      + ` ${(other / Math.max(1, jobs)).toFixed(1)} ms wall at best with ${jobs} worker${jobs === 1 ? '' : 's'}`);
  }
}
if (javaBatch) {
  const ours = converted / wall;
  const theirs = javaBatch.files / javaBatch.seconds;
  console.log(`\n== batch throughput, start-up included: ${converted} documents ==`);
  console.log(`telegram-tei batch --jobs ${jobs} (whole pipeline and corpus files): ${wall.toFixed(1)} s, ${ours.toFixed(1)} documents/s; CPU ${batchCpu.toFixed(1)} s`);
  console.log(`Saxon-HE, the three stylesheets only, one JVM per stylesheet over the ${javaBatch.files} TEI files: ${javaBatch.seconds.toFixed(1)} s`
    + ` (html ${javaBatch.perStylesheet.html.toFixed(1)}, text ${javaBatch.perStylesheet.text.toFixed(1)}, json ${javaBatch.perStylesheet.json.toFixed(1)} s), ${theirs.toFixed(1)} documents/s`
    + (javaBatch.cpuSeconds !== undefined ? `; CPU ${javaBatch.cpuSeconds.toFixed(1)} s` : ''));
  console.log(`target (at least as fast as Saxon-HE): ${ours >= theirs ? 'met' : 'missed'}: ${(ours / theirs).toFixed(2)}x Saxon-HE's throughput`
    + (javaBatch.cpuSeconds !== undefined ? `; CPU per document ${((batchCpu * 1000) / converted).toFixed(0)} ms vs ${((javaBatch.cpuSeconds * 1000) / javaBatch.files).toFixed(0)} ms (${(batchCpu / converted / (javaBatch.cpuSeconds / javaBatch.files)).toFixed(2)}x)` : ''));
}

// ---------------------------------------------------------------------------------------------
// Cold start: `telegram-tei convert` of the example, a fresh process each time.

const COLD_PHASES = `
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const root = process.argv[1];
const phases = {};
let last = cpu();
const mark = (name) => { const now = cpu(); phases[name] = now - last; last = now; };
const { readFileSync } = await import('node:fs');
const index = await import(root + '/dist/index.js');
const annotate = await import(root + '/dist/annotate/index.js');
const stylesheets = await import(root + '/dist/transform/stylesheets.js');
const saxonModule = await import(root + '/dist/transform/saxon.js');
mark('modules');
const registers = annotate.defaultRegisters();
phases.prebuilt = (await import(root + '/dist/annotate/register-store.js')).defaultRegistersPrebuilt();
mark('registers');
saxonModule.saxon();
phases.codeCache = saxonModule.saxonFromCodeCache();
mark('saxon');
const timings = { read: 0, parse: 0, annotate: 0, build: 0, validate: 0, html: 0, text: 0, json: 0, write: 0 };
const file = root + '/examples/smith-1947-01-14-montgomery-visit.txt';
index.convertBytes(readFileSync(file), { file, annotate: { registers }, timings });
mark('convert');
phases.stages = timings;
phases.cpu = cpu();
console.log(JSON.stringify(phases));
`;
const example = join(root, 'examples/smith-1947-01-14-montgomery-visit.txt');
const coldRuns = [];
const haveTime = existsSync('/usr/bin/time');
for (let i = 0; i < 5; i++) {
  const s = performance.now();
  const run = spawnSync(haveTime ? '/usr/bin/time' : process.execPath,
    [...(haveTime ? ['-f', '%U %S', process.execPath] : []), join(root, 'dist/cli.js'), 'convert', example, '--out', join(work, 'cold')], { encoding: 'utf8' });
  const ms = performance.now() - s;
  const cpu = haveTime ? run.stderr.trim().split('\n').pop().split(' ').reduce((sum, x) => sum + Number(x) * 1000, 0) : undefined;
  coldRuns.push({ ms, cpu });
}
const phaseRun = spawnSync(process.execPath, ['--input-type=module', '-e', COLD_PHASES, root], { encoding: 'utf8' });
const byMs = [...coldRuns].sort((a, b) => a.ms - b.ms);
console.log(`\n== cold start: telegram-tei convert examples/smith-1947-01-14-montgomery-visit.txt, a fresh process, 5 runs ==`);
console.log(`wall ${(byMs[0].ms / 1000).toFixed(2)} s min, ${(byMs[2].ms / 1000).toFixed(2)} s median`
  + (haveTime ? `; CPU (user+sys, all threads) ${(Math.min(...coldRuns.map((c) => c.cpu)) / 1000).toFixed(2)} s min` : '') + '; target: under 1 s wall');
try {
  const p = JSON.parse(phaseRun.stdout.trim().split('\n').pop());
  const ms = (x) => `${Math.round(x)} ms`;
  const t = p.stages;
  console.log(`where the CPU goes, in one more process with every stage in one thread (convert runs validation and the transforms in a second`
    + ` thread, started first: src/transform/tei-thread.ts) (CPU of all threads, so GC included): ${ms(p.cpu)} in all: node and the modules ${ms(p.modules)},`
    + ` registers ${ms(p.registers)} (prebuilt: ${p.prebuilt ? 'yes' : 'no'}), loading SaxonJS ${ms(p.saxon)} (code cache: ${p.codeCache ? 'yes' : 'no'}), converting the document ${ms(p.convert)}`);
  console.log(`  the conversion's stages (wall): read+parse ${ms(t.read + t.parse)}, annotate ${ms(t.annotate)}, build ${ms(t.build)}, validate ${ms(t.validate)},`
    + ` first transforms html ${ms(t.html)}, text ${ms(t.text)}, json ${ms(t.json)}`);
} catch {
  console.log(`(the breakdown failed: ${phaseRun.stderr.trim().split('\n')[0]})`);
}

if (values.keep) console.log(`\nkept: ${work}`);
else rmSync(work, { recursive: true, force: true });
