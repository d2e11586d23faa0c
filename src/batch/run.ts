/**
 * The batch runner (library API of `telegram-tei batch`): inputs -> worker pool -> atomic
 * writes -> manifest -> corpus files -> report.json. It never prints and never exits: events
 * go to `onEvent`, and the result says what happened; batch/command.ts does the talking.
 *
 *   expand inputs (sorted) -> shard -> for each input, in order:
 *     read, hash; unchanged since the manifest's entry? reuse it : convert in a worker
 *   -> the main thread writes each result atomically and records it in the manifest
 *   -> (whole runs) documents.jsonl, registers.xml/json, index.html -> report.json
 *
 * Interrupting (`signal`): no new input is started; inputs in flight finish and are written
 * (they take tens of milliseconds); then the manifest and the report are written. `discard`:
 * inputs in flight are abandoned instead (nothing of theirs is written; they stay pending).
 */
import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { TextLayout } from '../transform/stylesheets.js';
import { message, type Message } from '../messages.js';
import { outputPath, type OutputKind } from '../write/names.js';
import { writeFilesAtomically, type OutputFile } from '../write/atomic.js';
import {
  errorReason,
  identities,
  identityOf,
  isWithin,
  OutputRefusedError,
  prepareOutputFolder,
  realPaths,
  removeWithin,
  sweepTemporaries,
  writeFailureReason,
} from '../write/guard.js';
import { lockFolder, type FolderLock } from '../write/lock.js';
import { personsListProblems, personsListRefusal } from '../annotate/persons-list.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { expandInputs, InputError, planOutputs, shardOf, stemFor, type InputFile, type OutputPlan, type Shard } from './inputs.js';
import { Manifest, manifestName, settingsKey, type ManifestEntry } from './manifest.js';
import { createConverter, DEFAULT_WORKER_HEAP_MB, runInWorker, type Converter } from './pool.js';
import type { TaskOutput, ThreadSettings } from './task.js';
import {
  REPORT_FORMAT,
  reportMessages,
  totals,
  validateReport,
  type BatchReport,
  type ReportDocument,
  type ReportInput,
} from './report.js';
import { writeCorpus, type CorpusDocument, type CorpusResult } from './corpus.js';
import type { ProgressState } from './progress.js';
import { addTimings, emptyTimings, type StageTimings } from './stages.js';

export { InputError } from './inputs.js';

export interface BatchOptions {
  /** Folders (searched recursively for *.txt), files and globs. */
  inputs: string[];
  out: string;
  /** Worker threads; default os.availableParallelism(); 0 converts in this thread. */
  jobs?: number;
  /** Ignore the manifest: convert everything again. */
  force?: boolean;
  shard?: Shard;
  /** A FRUS persons list (TEI) for the annotator, as `convert --persons`. */
  persons?: string;
  textLayout?: TextLayout;
  /** Abort to stop taking new inputs (in-flight ones finish and are written). */
  signal?: AbortSignal;
  /** Abort to abandon the inputs in flight as well (nothing more is written but the manifest and report). */
  discard?: AbortSignal;
  /** Heap cap per worker thread in MB (default 256; 0: V8's default, ~15 % faster but ~250 MB more with 2 workers). */
  workerHeapMb?: number;
  /** Time each stage (slower bookkeeping; for the benchmark). */
  timings?: boolean;
  /** Write documents.jsonl, registers and index.html (default: yes, unless sharded). */
  corpus?: boolean;
  /** Resolve relative paths from here (default: process.cwd()). */
  cwd?: string;
  onEvent?: (event: BatchEvent) => void;
}

export type BatchEvent =
  | { kind: 'start'; total: number; root: string; jobs: number }
  | { kind: 'input'; record: ReportInput; progress: ProgressState; messages: Message[] }
  | { kind: 'warning'; text: string }
  /** The corpus files are being made (after the last input; over a large corpus it takes a while). */
  | { kind: 'corpus'; documents: number };

export interface BatchResult {
  report: BatchReport;
  reportPath: string;
  /** False when report.json could not be written (`failures` says why). */
  reportWritten: boolean;
  manifestPath: string;
  interrupted: boolean;
  /** 0: every input converted; 1: some input failed, or a file of the run could not be written; (130/143 are the command's, on a signal). */
  exitCode: 0 | 1;
  /** Files of the run itself (report, manifest, corpus files) that could not be written, one line each. */
  failures: string[];
  corpus?: CorpusResult;
  warnings: string[];
  /** Per-stage milliseconds summed over all documents converted (with `timings`). */
  timings?: StageTimings;
  /** Documents converted by this run (not reused). */
  converted: number;
  elapsedMs: number;
}

/** A --persons list that cannot be read or is not a persons list, a bad input argument. */
export class BatchUsageError extends Error {
  override name = 'BatchUsageError';
}

/** Nothing was done: the --persons list has broken ids (the message: a line per problem, at its line in the list). */
export class PersonsListError extends Error {
  override name = 'PersonsListError';
}

/** Nothing was done: --out cannot be used (see write/guard.ts and write/lock.ts). */
export { OutputRefusedError } from '../write/guard.js';

const KINDS: OutputKind[] = ['tei', 'html', 'text', 'json'];

/** Heap cap of the thread that writes the corpus files (MB): room for large corpora, yet a cap. */
const CORPUS_HEAP_MB = 512;

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function posixJoin(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

function filesOf(plan: OutputPlan, stem: string): ReportDocument['files'] & object {
  const base = posixJoin(plan.dir, stem);
  return { tei: `${base}.tei.xml`, html: `${base}.html`, text: `${base}.txt`, json: `${base}.json` };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Reads the persons list in the main thread once, to refuse a broken one before any work. */
async function loadPersons(path: string | undefined, cwd: string): Promise<{ settings?: ThreadSettings['persons']; hash: string | null }> {
  if (!path) return { hash: null };
  let bytes: Buffer;
  try {
    bytes = await readFile(resolve(cwd, path));
  } catch {
    throw new BatchUsageError(`${path}: cannot read the persons list`);
  }
  const xml = bytes.toString('utf8');
  const problems = personsListProblems(xml, path);
  if (problems.length > 0) throw new PersonsListError(personsListRefusal(problems));
  const { loadUserPersons } = await import('../annotate/index.js');
  const loaded = loadUserPersons(xml, path);
  if ('error' in loaded) throw new BatchUsageError(loaded.error);
  return { settings: { xml, file: basename(path) }, hash: sha256(bytes) };
}

export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const outDir = resolve(cwd, options.out);
  const shard = options.shard && options.shard.count > 1 ? options.shard : undefined;
  const emit = options.onEvent ?? (() => undefined);
  const warnings: string[] = [];
  const warn = (text: string) => {
    warnings.push(text);
    emit({ kind: 'warning', text });
  };

  // Inputs: everything, in order; outputs planned over all of them (so shards agree); then our shard.
  let expanded;
  try {
    expanded = await expandInputs(options.inputs, cwd);
  } catch (err) {
    if (err instanceof InputError) throw new BatchUsageError(err.message);
    throw err;
  }
  const textLayout = options.textLayout ?? 'raw';
  const persons = await loadPersons(options.persons, cwd);
  const settings: ThreadSettings = { textLayout, ...(persons.settings ? { persons: persons.settings } : {}) };
  const key = await settingsKey({ textLayout, persons: persons.hash });

  // --out must not hold an input folder (its outputs would replace the inputs): by real path and
  // identity, before anything is made.
  await refuseOutAroundInputs(outDir, options.out, expanded.bases, cwd);
  const realOut = await prepareOutputFolder(options.out, cwd).catch((err: unknown) => {
    if (err instanceof OutputRefusedError) throw err;
    throw new OutputRefusedError(`--out ${options.out}: ${errorReason(err)}`);
  });
  // Files inside --out (outputs of an earlier run, found by walking a folder around it) are never inputs.
  const reals = await realPaths(expanded.files.map((f) => f.path));
  const all = expanded.files.filter((f, i) => !isWithin(f.path, outDir) && !isWithin(reals[i]!, realOut));
  if (all.length < expanded.files.length) warn(`${expanded.files.length - all.length} file(s) inside --out ${options.out} left out of the inputs`);
  if (all.length === 0) throw new BatchUsageError('no input files (all of them are inside --out)');

  const lock = await lockFolder(realOut, options.out, shard);
  try {
    return await runLocked({ ...options, cwd, shard }, { started, outDir, realOut, lock, expanded, all, shard, settings, key, warn, warnings, emit });
  } finally {
    await lock.release();
  }
}

/** What runBatch found out before taking the lock. */
interface Prepared {
  started: number;
  outDir: string;
  realOut: string;
  lock: FolderLock;
  expanded: Awaited<ReturnType<typeof expandInputs>>;
  all: InputFile[];
  shard: Shard | undefined;
  settings: ThreadSettings;
  key: string;
  warn: (text: string) => void;
  warnings: string[];
  emit: (event: BatchEvent) => void;
}

/**
 * Refuses an --out that is an input folder, or a folder above one (its outputs could replace
 * inputs): by real path, and by identity (a bind mount has another real path).
 */
async function refuseOutAroundInputs(outDir: string, out: string, bases: readonly string[], cwd: string): Promise<void> {
  const realOut = await realpath(outDir).catch(() => undefined);
  if (!realOut) return; // it does not exist yet, so it holds nothing
  const outIdentity = identityOf(await stat(realOut));
  for (const base of bases) {
    const realBase = await realpath(base).catch(() => base);
    let around = isWithin(realBase, realOut);
    for (let dir = realBase; !around; dir = dirname(dir)) {
      const info = await stat(dir).catch(() => undefined);
      if (info && identityOf(info) === outIdentity) around = true;
      if (dirname(dir) === dir) break;
    }
    if (around) {
      const shown = relative(cwd, base) || '.';
      const via = realOut !== outDir ? ` (it is ${realOut})` : '';
      throw new OutputRefusedError(`--out ${out}${via} ${realBase === realOut ? 'is the input folder' : 'holds the input folder'} ${shown}: outputs would replace inputs; choose an --out outside the inputs`);
    }
  }
}

async function runLocked(options: BatchOptions & { cwd: string }, prepared: Prepared): Promise<BatchResult> {
  const { started, outDir, realOut, lock, expanded, all, shard, settings, key, warn, warnings, emit } = prepared;
  const cwd = options.cwd;
  const jobs = options.jobs ?? availableParallelism();
  const failures: string[] = [];
  // Temporaries of runs that died (SIGKILL, a power cut): ours by name, and nobody else holds the folder.
  if (await lock.alone()) {
    const swept = await sweepTemporaries(realOut, lock.since);
    if (swept > 0) warn(`removed ${swept} temporary file${swept === 1 ? '' : 's'} left in --out by an earlier run that did not finish`);
  }
  // An output never replaces an input, whatever its name: the inputs by identity.
  const protect = await identities(all.map((f) => f.path));
  const guard = { root: realOut, protect };
  const plans = planOutputs(all);
  const chosen: { file: InputFile; plan: OutputPlan }[] = [];
  all.forEach((file, i) => {
    if (!shard || shardOf(file.rel, shard.count) === shard.index) chosen.push({ file, plan: plans[i]! });
  });

  const manifest = new Manifest(outDir, manifestName(shard));
  /** Why the manifest's last write failed, if it did (a later write that succeeds clears it). */
  let manifestFailure: string | undefined;
  const flushManifest = () =>
    manifest.flush().then(
      () => {
        manifestFailure = undefined;
      },
      (err: unknown) => {
        manifestFailure = `cannot write the manifest ${manifest.path}: ${errorReason(err)}`;
      },
    );
  await manifest.load();
  manifest.warnings.forEach(warn);
  // A whole run's manifest takes in what shards (or older runs) recorded: it is the merged one.
  if (!shard) manifest.adopt(manifest.known.keys());

  const records: ReportInput[] = chosen.map(({ file }) => ({
    input: file.rel,
    path: file.display,
    status: 'pending',
    reused: false,
    sha256: null,
    timeMs: 0,
    messages: [],
    documents: [],
  }));
  const claimed = new Map<string, string>();
  const stageTimings = options.timings ? emptyTimings() : undefined;
  const progress: ProgressState = { done: 0, total: chosen.length, documents: 0, converted: 0, failed: 0, elapsedMs: 0 };
  let firstStart: number | undefined;
  const tick = (record: ReportInput, msgs: Message[]) => {
    progress.done++;
    if (record.status === 'failed') progress.failed++;
    if (!record.reused) {
      progress.converted++;
      progress.documents += record.documents.length;
    }
    progress.elapsedMs = firstStart === undefined ? 0 : performance.now() - firstStart;
    emit({ kind: 'input', record, progress: { ...progress }, messages: msgs });
  };

  let converter: Converter | undefined;
  const discarded = () => options.discard?.aborted === true;
  const stopped = () => options.signal?.aborted === true || discarded();

  emit({ kind: 'start', total: chosen.length, root: relative(cwd, expanded.root) || '.', jobs });

  /** Whether an earlier result for this input still stands. */
  const reusable = async (entry: ManifestEntry | undefined, hash: string, output: string): Promise<boolean> => {
    if (options.force || !entry || entry.sha256 !== hash || entry.settings !== key || entry.output !== output) return false;
    for (const d of entry.documents) {
      if (!d.files) continue;
      for (const f of Object.values(d.files)) if (!(await exists(join(outDir, f)))) return false;
    }
    return true;
  };

  /** The main thread's half of an input: write what the worker made, record it. */
  const finish = async (i: number, out: TaskOutput, hash: string, readMs: number, old: ManifestEntry | undefined) => {
    const { file, plan } = chosen[i]!;
    const record = records[i]!;
    const writeStart = performance.now();
    const messages: Message[] = [...out.messages];
    const toWrite: OutputFile[] = [];
    const docs: ReportDocument[] = [];
    for (const d of out.documents) {
      const stem = stemFor(plan.base, d.index, d.count);
      const docMessages = [...d.messages];
      let ok = d.ok && d.outputs !== undefined;
      const files = filesOf(plan, stem);
      const claim = files.tei.toLowerCase();
      if (ok && claimed.has(claim) && claimed.get(claim) !== file.rel) {
        docMessages.push(message('error', 'write/name-clash', `its outputs would overwrite those of ${claimed.get(claim)} (${stem})`, file.rel));
        ok = false;
      }
      if (ok) {
        claimed.set(claim, file.rel);
        const dir = join(outDir, ...plan.dir.split('/').filter(Boolean));
        for (const kind of KINDS) {
          const path = outputPath(dir, stem, kind);
          // outputPath keeps it inside the folder; the folder itself is inside --out.
          if (!path.startsWith(outDir + sep)) throw new Error(`refusing to write outside ${outDir}: ${path}`);
          toWrite.push({ path, content: d.outputs![kind] });
        }
      }
      docs.push({ stem, ok, files: ok ? files : null, messages: reportMessages(docMessages) });
      messages.push(...docMessages);
    }
    let writeFailed = false;
    try {
      if (toWrite.length > 0) await writeFilesAtomically(toWrite, guard);
    } catch (err) {
      writeFailed = true;
      const m = message('error', 'write/failed', `cannot write the outputs: ${writeFailureReason(err)}`, file.rel);
      record.messages.push(...reportMessages([m]));
      messages.push(m);
      docs.forEach((d) => {
        d.ok = false;
        d.files = null;
      });
    }
    // Outputs an earlier version of this input had and this one has not (fewer documents, a failure).
    if (old && !writeFailed) {
      const keep = new Set(docs.flatMap((d) => (d.files ? Object.values(d.files) : [])));
      const stale = old.documents.flatMap((d) => (d.files ? Object.values(d.files) : [])).filter((f) => !keep.has(f));
      await Promise.all(stale.map((f) => {
        const path = resolve(outDir, f);
        return path.startsWith(outDir + sep) ? removeWithin(path, realOut) : undefined;
      }));
    }
    const writeMs = performance.now() - writeStart;
    record.sha256 = hash;
    record.messages.unshift(...reportMessages(out.messages));
    record.documents = docs;
    record.status = !writeFailed && docs.length > 0 && docs.every((d) => d.ok) && !out.messages.some((m) => m.severity === 'error') ? 'converted' : 'failed';
    record.timeMs = Math.round((readMs + out.ms + writeMs) * 10) / 10;
    if (stageTimings) {
      if (out.timings) addTimings(stageTimings, out.timings);
      stageTimings.read += readMs;
      stageTimings.write += writeMs;
    }
    if (writeFailed) {
      manifest.delete(file.rel);
    } else {
      manifest.set(file.rel, {
        sha256: hash,
        settings: key,
        output: posixJoin(plan.dir, plan.base),
        status: record.status === 'converted' ? 'converted' : 'failed',
        finishedAt: Date.now(),
        timeMs: record.timeMs,
        messages: record.messages,
        documents: record.documents,
      });
    }
    tick(record, messages);
  };

  /** An input that failed outside the pipeline: reported, not recorded (the next run tries again). */
  const failInput = (i: number, hash: string, rule: string, text: string) => {
    const record = records[i]!;
    const m = message('error', rule, text, chosen[i]!.file.rel);
    Object.assign(record, { status: 'failed', sha256: hash, messages: reportMessages([m]), documents: [] });
    manifest.delete(chosen[i]!.file.rel);
    tick(record, [m]);
  };

  const inFlight = new Set<Promise<void>>();
  const limit = Math.max(1, jobs) * 2;
  let discardWait: Promise<void> | undefined;
  const whenDiscarded = () =>
    (discardWait ??= new Promise<void>((done) => {
      if (!options.discard) return;
      if (options.discard.aborted) done();
      else options.discard.addEventListener('abort', () => done(), { once: true });
    }));

  try {
    for (let i = 0; i < chosen.length; i++) {
      if (stopped()) break;
      const { file, plan } = chosen[i]!;
      const record = records[i]!;
      const readStart = performance.now();
      let bytes: Buffer;
      try {
        bytes = await readFile(file.path);
      } catch (err) {
        const m = message('error', 'read/unreadable', `cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'unknown error'})`, file.rel);
        record.status = 'failed';
        record.messages = reportMessages([m]);
        tick(record, [m]);
        continue;
      }
      const hash = sha256(bytes);
      const readMs = performance.now() - readStart;
      const old = manifest.known.get(file.rel);
      if (await reusable(old, hash, posixJoin(plan.dir, plan.base))) {
        const entry = old!;
        Object.assign(record, { status: entry.status, reused: true, sha256: hash, timeMs: 0, messages: entry.messages, documents: entry.documents });
        manifest.adopt([file.rel]);
        tick(record, []);
        continue;
      }
      converter ??= createConverter(jobs, settings, options.workerHeapMb);
      if (converter.failure) break;
      firstStart ??= performance.now();
      const task = converter
        .run({ bytes, file: basename(file.path), timings: options.timings === true })
        .then(
          (out) =>
            discarded()
              ? undefined
              : finish(i, out, hash, readMs, old).catch((err: unknown) => {
                  // Writing or recording it went wrong in a way finish() did not foresee: this input only.
                  failInput(i, hash, 'batch/internal-error', `recording the result failed: ${(err as Error).message ?? String(err)}`);
                }),
          (err: unknown) => {
            if (discarded() || converter?.failure) return;
            // The worker died (out of memory, say): this input fails, the pool replaces the worker.
            const oom = (err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
            failInput(i, hash, 'batch/worker-failed', oom
              ? `the worker converting it ran out of memory (--worker-heap ${options.workerHeapMb ?? DEFAULT_WORKER_HEAP_MB} MB): try a larger --worker-heap, or 0 for no cap`
              : `the worker converting it failed: ${(err as Error).message ?? String(err)}`);
          },
        )
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
      if (inFlight.size >= limit) await Promise.race([...inFlight, whenDiscarded()]);
    }
    await Promise.race([Promise.all(inFlight), whenDiscarded()]);
  } finally {
    if (converter) await converter.destroy().catch(() => undefined);
    await flushManifest();
  }
  if (converter?.failure) throw new Error(`the worker threads cannot run: ${converter.failure.message}`);

  let interrupted = records.some((r) => r.status === 'pending');
  let corpus: CorpusResult | undefined;
  const wantCorpus = options.corpus ?? !shard;
  // Interrupted after the last input: the corpus files are not made (the next run makes them).
  if (wantCorpus && !interrupted && stopped()) interrupted = true;
  if (wantCorpus && !interrupted) {
    const docs: CorpusDocument[] = [];
    for (const r of records) for (const d of r.documents) if (d.ok && d.files) docs.push({ input: r.input, stem: d.stem, files: d.files });
    // Made from exactly these outputs before? Then they are as they would be made now.
    const stampKey = createHash('sha256')
      .update(JSON.stringify([key, docs, records.map((r) => r.sha256)]))
      .digest('hex');
    const stamp = manifest.corpus;
    const unchanged = !options.force && stamp?.key === stampKey
      && (await Promise.all(stamp.written.map((f) => exists(join(outDir, f))))).every(Boolean);
    if (unchanged) {
      corpus = { documents: docs.length, entities: 0, written: stamp.written, warnings: [], unchanged: true };
    } else {
      emit({ kind: 'corpus', documents: docs.length });
      try {
        // In a worker with a capped heap when workers are allowed (see corpus-worker.ts); an
        // interrupt stops it (the worker at once, this thread between documents).
        corpus = jobs > 0
          ? await runInWorker<CorpusResult>('corpus-worker', { outDir, docs }, options.workerHeapMb === 0 ? 0 : CORPUS_HEAP_MB, options.signal)
          : await writeCorpus(outDir, docs, options.signal);
        corpus.warnings.forEach(warn);
        manifest.setCorpus({ key: stampKey, written: corpus.written });
      } catch (err) {
        manifest.setCorpus(undefined);
        corpus = undefined;
        if (stopped()) interrupted = true;
        else failures.push(`corpus files not written: ${errorReason(err)}`);
        // A stopped worker leaves its temporaries: ours, in the top folder.
        await sweepTemporaries(realOut, Date.now() + 1, 1, process.pid).catch(() => undefined);
      }
      await flushManifest();
    }
  }
  if (manifestFailure) failures.unshift(manifestFailure);

  const elapsedMs = Math.round(performance.now() - started);
  const report: BatchReport = {
    format: REPORT_FORMAT,
    tool: TOOL_NAME,
    version: TOOL_VERSION,
    root: relative(cwd, expanded.root) || '.',
    out: options.out,
    shard: shard ? { index: shard.index, count: shard.count } : null,
    jobs: Math.max(0, jobs),
    force: options.force === true,
    interrupted,
    elapsedMs,
    totals: totals(records),
    inputs: records,
  };
  const problems = validateReport(report);
  if (problems.length > 0) warn(`report.json does not match schemas/report.schema.json: ${problems.slice(0, 3).join('; ')}`);
  const reportPath = join(outDir, reportFileName(shard));
  const reportWritten = await writeFilesAtomically([{ path: reportPath, content: JSON.stringify(report, null, 2) + '\n' }], { root: realOut }).then(
    () => true,
    (err: unknown) => {
      failures.push(`cannot write ${reportPath}: ${errorReason(err)}`);
      return false;
    },
  );
  return {
    report,
    reportPath,
    reportWritten,
    manifestPath: manifest.path,
    interrupted,
    exitCode: report.totals.failed > 0 || failures.length > 0 ? 1 : 0,
    failures,
    corpus,
    warnings,
    timings: stageTimings,
    converted: progress.documents,
    elapsedMs,
  };
}

/** report.json, or report.shard-I-of-N.json for a shard. */
export function reportFileName(shard: { index: number; count: number } | undefined): string {
  return shard ? `report.shard-${shard.index}-of-${shard.count}.json` : 'report.json';
}
