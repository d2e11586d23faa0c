/**
 * Where batch tasks run: a tinypool of worker threads (one task at a time per worker), or, with
 * jobs = 0, the main thread itself (for profiling with `node --cpu-prof`, and for debugging).
 *
 * Workers return the outputs as strings and the main thread writes them (write/atomic.ts):
 * one place decides names, checks that nothing leaves --out, updates the manifest in step with
 * the files on disk, and on Ctrl-C knows exactly which results are written and which are
 * discarded. Copying ~100 KB of strings per document between threads costs far less than a
 * millisecond; the conversion itself takes tens.
 */
import Tinypool from 'tinypool';
import type { TeiStages } from '../transform/tei-stages.js';
import { moduleBeside } from '../worker-entry.js';
import type { TaskInput, TaskOutput, ThreadSettings } from './task.js';

/** A worker thread's entry: the module `name` of this folder. */
const workerEntry = (name: string): string => moduleBeside(import.meta.url, name);

export interface Converter {
  readonly threads: number;
  /** Why the workers cannot run (one failed to start): every task is refused after it. */
  readonly failure: Error | undefined;
  run(task: TaskInput): Promise<TaskOutput>;
  /** Stops the workers (tasks still running are abandoned). */
  destroy(): Promise<void>;
}

/**
 * Runs one task in a worker thread of its own (module `<name>`), with an old-generation heap cap
 * in MB (0: none), and stops the thread. Aborting `signal` stops the thread at once (the task
 * rejects with an AbortError).
 */
export async function runInWorker<T>(name: string, task: unknown, heapMb: number, signal?: AbortSignal): Promise<T> {
  const pool = new Tinypool({
    filename: workerEntry(name),
    minThreads: 1,
    maxThreads: 1,
    ...(heapMb > 0 ? { resourceLimits: { maxOldGenerationSizeMb: heapMb } } : {}),
  });
  let failure: ((err: Error) => void) | undefined;
  pool.on('error', (err: Error) => failure?.(err));
  try {
    return await new Promise<T>((done, fail) => {
      failure = fail;
      (pool.run(task, signal ? { signal } : {}) as Promise<T>).then(done, fail);
    });
  } finally {
    await pool.destroy();
  }
}

/**
 * Old-generation heap cap for each worker, in MB (0: V8's default). Any cap makes V8 collect
 * sooner: measured over the dev corpus with two workers, peak RSS ~450 MB instead of ~700 MB,
 * for ~15 % more CPU per document. A worker that exceeds it dies; its input fails, the pool
 * starts another worker, and the batch goes on.
 */
export const DEFAULT_WORKER_HEAP_MB = 256;

/**
 * Young-generation cap for each worker, in MB, when the old generation is capped. V8 gives a worker
 * 32 MB of new space by default; 16 MB cost ~3 % more time and saved ~50 MB of peak RSS with two
 * workers over 1,500 documents (468 → 419 MB), which a 10,000-document batch needs to stay under 500 MB.
 */
export const WORKER_YOUNG_GENERATION_MB = 16;

/** The workers' V8 resource limits for an old-generation cap in MB (0: V8's defaults, no cap). */
export function workerResourceLimits(heapMb: number): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } | undefined {
  return heapMb > 0 ? { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } : undefined;
}

/** `stages`: where the main thread runs validation and the transforms, with jobs = 0 (default: itself). */
export function createConverter(jobs: number, settings: ThreadSettings, workerHeapMb = DEFAULT_WORKER_HEAP_MB, stages?: TeiStages): Converter {
  if (jobs <= 0) {
    return {
      threads: 0,
      failure: undefined,
      async run(task) {
        // Let signals, timers and writes in between tasks through.
        await new Promise((done) => setImmediate(done));
        // Loaded only here: with workers, the main thread never loads the pipeline (SaxonJS, schemas).
        const { runTask } = await import('./task.js');
        return runTask(task, settings, stages);
      },
      async destroy() {},
    };
  }
  const pool = new Tinypool({
    filename: workerEntry('worker'),
    minThreads: jobs,
    maxThreads: jobs,
    // Keep the workers (and what they loaded) for the whole batch.
    idleTimeout: 60_000,
    isolateWorkers: false,
    workerData: settings,
    resourceLimits: workerResourceLimits(workerHeapMb),
  });
  // A worker that fails while starting (a module that does not load) is not replaced, and the
  // tasks waiting for it would wait for ever: refuse them all, and every later one.
  let failure: Error | undefined;
  const waiting = new Set<(err: Error) => void>();
  pool.on('error', (err: Error) => {
    failure ??= err;
    for (const refuse of waiting) refuse(err);
    waiting.clear();
  });
  return {
    threads: jobs,
    get failure() {
      return failure;
    },
    run(task) {
      if (failure) return Promise.reject(failure);
      // Give the worker its own copy of the bytes and move it there (no second copy).
      const bytes = new Uint8Array(task.bytes);
      return new Promise<TaskOutput>((done, fail) => {
        waiting.add(fail);
        (pool.run({ ...task, bytes }, { transferList: [bytes.buffer] }) as Promise<TaskOutput>)
          .then(done, fail)
          .finally(() => waiting.delete(fail));
      });
    },
    destroy() {
      return pool.destroy();
    },
  };
}
