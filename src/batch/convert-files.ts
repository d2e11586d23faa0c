/**
 * The conversions behind `telegram-tei convert`: its input files, each converted in this thread
 * or, when the invocation holds many documents (many files, or one file holding many), by the
 * batch's worker pool (pool.ts) on every core. Either way each file comes back, in the order given,
 * as the same TaskOutput (task.ts): the CLI prints and writes from it alike.
 *
 * A worker pays the cold start again (SaxonJS, registers: ~1 s of CPU), so below
 * POOL_MIN_DOCUMENTS documents one thread is faster. A file holding many documents is cut into
 * shares of consecutive documents, so that its documents, too, are spread over the workers.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { decodeInput } from '../read/decode.js';
import { splitDocuments } from '../read/split.js';
import { message } from '../messages.js';
import { createConverter } from './pool.js';
import type { TaskInput, TaskOutput, ThreadSettings } from './task.js';
import type { TeiThread } from '../transform/tei-thread.js';

/** From this many documents in one invocation, `convert` uses worker threads (when not told). */
export const POOL_MIN_DOCUMENTS = 8;

/** At most this many documents of one file per task (smaller shares balance the workers' ends). */
const MAX_SHARE = 20;

export interface ConvertFilesOptions {
  settings: ThreadSettings;
  /**
   * Worker threads. Absent: the cores when the inputs hold at least POOL_MIN_DOCUMENTS documents
   * (and there is more than one core), else none. 0: none, everything in this thread.
   */
  jobs?: number;
  /**
   * Validation and the transforms in a thread of their own, started early by the caller (a cold
   * start: transform/tei-thread.ts), for when the documents are converted in this thread; closed
   * here either way.
   */
  teiThread?: TeiThread;
}

export type FileConversion =
  | { file: string; unreadable: string }
  | { file: string; output: TaskOutput };

interface ReadFile {
  file: string;
  bytes: Uint8Array;
  /** How many documents the file holds (1 when it cannot be decoded: the task says why). */
  documents: number;
}

/** The number of documents in a file: decoded and split as the pipeline will (cheap: no parsing). */
function documentCount(bytes: Uint8Array, file: string): number {
  const decoded = decodeInput(bytes, file);
  return decoded.ok ? splitDocuments(decoded.source.text, file).length : 1;
}

/** How many worker threads to use for this many documents (0: this thread). */
export function threadsFor(documents: number, jobs: number | undefined, cores = availableParallelism()): number {
  if (jobs !== undefined) return Math.max(0, Math.min(jobs, documents));
  return documents >= POOL_MIN_DOCUMENTS && cores > 1 ? Math.min(cores, documents) : 0;
}

/** A file's tasks: the whole file, or shares of consecutive documents when there are workers to share. */
export function sharesOf(documents: number, threads: number): { from: number; to: number }[] | undefined {
  if (threads <= 1 || documents <= 1) return undefined;
  const size = Math.max(1, Math.min(MAX_SHARE, Math.ceil(documents / (threads * 2))));
  if (size >= documents) return undefined;
  const shares = [];
  for (let from = 0; from < documents; from += size) shares.push({ from, to: Math.min(documents, from + size) });
  return shares;
}

/** One file's results from its shares: the file's own messages (every share repeats them) once. */
function merge(outputs: TaskOutput[]): TaskOutput {
  if (outputs.length === 1) return outputs[0]!;
  const seen = new Set<string>();
  return {
    messages: outputs.flatMap((o) => o.messages).filter((m) => {
      const key = JSON.stringify(m);
      return !seen.has(key) && seen.add(key) !== undefined;
    }),
    documents: outputs.flatMap((o) => o.documents),
    ms: outputs.reduce((sum, o) => sum + o.ms, 0),
  };
}

/**
 * Converts the files, yielding each one's result in the order given. Every file is read first
 * (its document count decides whether and how to share the work).
 */
export async function* convertFiles(files: readonly string[], options: ConvertFilesOptions): AsyncGenerator<FileConversion> {
  const read: (ReadFile | { file: string; unreadable: string })[] = [];
  for (const file of files) {
    try {
      const bytes = await readFile(file);
      read.push({ file, bytes, documents: documentCount(bytes, file) });
    } catch (err) {
      read.push({ file, unreadable: (err as NodeJS.ErrnoException).code ?? 'unknown error' });
    }
  }
  const total = read.reduce((sum, r) => sum + ('bytes' in r ? r.documents : 0), 0);
  const threads = threadsFor(total, options.jobs);
  if (threads > 0) options.teiThread?.close();
  const converter = createConverter(threads, options.settings, undefined, threads > 0 ? undefined : options.teiThread);

  // Every task in order, run a few ahead of the one awaited (results wait in order for the CLI).
  const tasks: { file: number; input: TaskInput }[] = [];
  read.forEach((r, i) => {
    if (!('bytes' in r)) return;
    const shares = sharesOf(r.documents, threads);
    if (!shares) tasks.push({ file: i, input: { bytes: r.bytes, file: r.file, timings: false } });
    else for (const documents of shares) tasks.push({ file: i, input: { bytes: r.bytes, file: r.file, timings: false, documents } });
  });
  const ahead = Math.max(1, threads * 2);
  const running = new Map<number, Promise<TaskOutput>>();
  let launched = 0;
  const start = (k: number) => {
    for (; launched < Math.min(tasks.length, k + ahead); launched++) {
      const { input } = tasks[launched]!;
      // A worker that dies (heap cap) fails its task: that file fails, the others go on.
      running.set(launched, converter.run(input).catch((err: unknown) => ({
        messages: [message('error', 'convert/worker-failed', `conversion failed in a worker thread: ${(err as Error).message ?? String(err)}`, input.file)],
        documents: [],
        ms: 0,
      })));
    }
  };

  try {
    let k = 0;
    for (let i = 0; i < read.length; i++) {
      const r = read[i]!;
      if (!('bytes' in r)) {
        yield r;
        continue;
      }
      const outputs: TaskOutput[] = [];
      while (k < tasks.length && tasks[k]!.file === i) {
        start(k);
        outputs.push(await running.get(k)!);
        running.delete(k);
        k++;
      }
      yield { file: r.file, output: merge(outputs) };
    }
  } finally {
    options.teiThread?.close();
    await converter.destroy();
  }
}
