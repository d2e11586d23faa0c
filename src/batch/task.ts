/**
 * One unit of batch work: the bytes of one input file -> its documents' outputs as strings, and
 * every message. Runs in a worker thread (worker.ts) or, with --jobs 0, in the main thread.
 * The registers and the user's persons list are loaded once per thread, on the first task;
 * the compiled stylesheets are loaded once per thread by transform/stylesheets.ts.
 */
import { convertBytes, type ConversionResult } from '../index.js';
import { defaultRegisters, loadUserPersons, type AnnotateOptions } from '../annotate/index.js';
import type { TextLayout } from '../transform/stylesheets.js';
import type { TeiStages } from '../transform/tei-stages.js';
import { message, type Message } from '../messages.js';
import { convertBytesTimed } from './timed.js';
import { emptyTimings, type StageTimings } from './stages.js';

/** What every thread is given once (as workerData). */
export interface ThreadSettings {
  textLayout: TextLayout;
  /** The --persons list: its text and its path (for messages). */
  persons?: { xml: string; file: string };
}

export interface TaskInput {
  bytes: Uint8Array;
  /** The input's file name: what messages and the TEI header name it by. */
  file: string;
  /** Whether to time each stage. */
  timings: boolean;
  /** Only the documents of the file with index in [from, to) (default: all). */
  documents?: { from: number; to: number };
}

export interface TaskDocument {
  index: number;
  count: number;
  ok: boolean;
  messages: Message[];
  outputs?: { tei: string; html: string; text: string; json: string };
}

export interface TaskOutput {
  messages: Message[];
  documents: TaskDocument[];
  /** Milliseconds the conversion took in its thread. */
  ms: number;
  timings?: StageTimings;
}

let annotate: AnnotateOptions | undefined;

function annotateOptions(settings: ThreadSettings): AnnotateOptions {
  if (annotate) return annotate;
  const registers = defaultRegisters();
  if (!settings.persons) return (annotate = { registers });
  const userPersons = loadUserPersons(settings.persons.xml, settings.persons.file);
  // The main thread has loaded the list once already and refused it if broken.
  if ('error' in userPersons) throw new Error(userPersons.error);
  return (annotate = { registers, userPersons });
}

/** `stages`: where validation and the transforms run (default: this thread). */
export function runTask(task: TaskInput, settings: ThreadSettings, stages?: TeiStages): TaskOutput {
  const start = performance.now();
  const timings = task.timings ? emptyTimings() : undefined;
  let result: ConversionResult;
  try {
    const options = {
      file: task.file,
      annotate: annotateOptions(settings),
      textLayout: settings.textLayout,
      ...(task.documents ? { documents: task.documents } : {}),
      ...(stages ? { teiStages: stages } : {}),
    };
    result = timings ? convertBytesTimed(task.bytes, options, timings) : convertBytes(task.bytes, options);
  } catch (err) {
    // A bug in a stage must cost this input only, never the batch.
    const text = `conversion crashed: ${(err as Error).message ?? String(err)}`;
    return { messages: [message('error', 'batch/internal-error', text, task.file)], documents: [], ms: performance.now() - start, timings };
  }
  const documents = result.documents.map((d): TaskDocument => {
    const doc: TaskDocument = { index: d.model.index, count: d.model.count, ok: d.ok, messages: d.messages };
    if (d.ok && d.tei && d.outputs) doc.outputs = { tei: d.tei.xml, html: d.outputs.html, text: d.outputs.text, json: d.outputs.json };
    return doc;
  });
  return { messages: result.messages, documents, ms: performance.now() - start, timings };
}
