/**
 * The TEI stages (tei-stages.ts) in a worker thread of their own, for a cold `convert`: started
 * before anything else is loaded, the thread loads libxml2 with the schema and SaxonJS with the
 * stylesheets, and runs each once on a small document (SaxonJS prepares a stylesheet on its first
 * transform), while the main thread loads the registers and annotates. On a 2-core machine that
 * takes the start-up of the last stages off the time a user waits.
 *
 * Calls stay synchronous: the main thread posts a request and waits on a shared counter
 * (Atomics.wait) that the thread bumps after each reply, then takes the reply with
 * receiveMessageOnPort. This module loads nothing of the pipeline itself.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Message } from '../messages.js';
import type { DocumentJson, TextLayout } from './stylesheets.js';
import { moduleBeside } from '../worker-entry.js';
import { documentKeyOrder, inKeyOrder } from './key-order.js';
import { StagesUnavailableError, type TeiStages, type Transforms } from './tei-stages.js';

/** Requests, each with an id that its replies repeat. */
export type TeiRequest =
  | { id: number; kind: 'validate'; xml: string; file: string }
  | { id: number; kind: 'transform'; xml: string; file: string; layout: TextLayout };

export type TransformStep = 'parse' | 'json' | 'html' | 'text';

/** A validation's messages, or one step of a transform's output; or the error either threw (its name and message). */
export type TeiReply =
  | { id: number; kind: 'validate'; messages: Message[]; error?: { name: string; message: string } }
  | { id: number; kind: 'step'; step: TransformStep; value?: string; error?: { name: string; message: string } };

export interface TeiThreadData {
  port: MessagePort;
  /** Bumped (and notified) after every reply. */
  replies: Int32Array;
}

/**
 * How long to wait for a reply before running the stage here instead: far beyond any document's
 * transforms; reached only if the thread has died.
 */
const REPLY_TIMEOUT_MS = 120_000;

export interface TeiThread extends TeiStages {
  /** Stops the thread (tasks after this run in the caller's thread). */
  close(): void;
}

/** An error thrown in the thread, as the caller sees it (name and message; the message is what is reported). */
const thrown = (e: { name: string; message: string }): Error => Object.assign(new Error(e.message), { name: e.name });

/** Starts the thread (its module: tei-thread-worker beside this one). */
export function startTeiThread(): TeiThread {
  const entry = new URL(moduleBeside(import.meta.url, 'tei-thread-worker'));
  const { port1, port2 } = new MessageChannel();
  const replies = new Int32Array(new SharedArrayBuffer(4));
  const data: TeiThreadData = { port: port2, replies };
  let worker: Worker | undefined = new Worker(entry, { workerData: data, transferList: [port2] });
  worker.unref(); // never keeps the process alive
  worker.on('error', () => close());
  let next = 1;

  function close(): void {
    void worker?.terminate();
    worker = undefined;
    port1.close();
  }

  /** The next reply to request `id` (older requests' replies are dropped). */
  function reply(id: number): TeiReply {
    const deadline = Date.now() + REPLY_TIMEOUT_MS;
    for (;;) {
      if (!worker) throw new StagesUnavailableError('the TEI thread has stopped');
      const seen = Atomics.load(replies, 0);
      const got = receiveMessageOnPort(port1)?.message as TeiReply | undefined;
      if (got) {
        if (got.id === id) return got;
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(replies, 0, seen, left) === 'timed-out') {
        close();
        throw new StagesUnavailableError('the TEI thread did not answer');
      }
    }
  }

  function post(request: TeiRequest): void {
    if (!worker) throw new StagesUnavailableError('the TEI thread has stopped');
    port1.postMessage(request);
  }

  return {
    validate(xml: string, file: string): Message[] {
      const id = next++;
      post({ id, kind: 'validate', xml, file });
      const r = reply(id);
      if (r.kind !== 'validate') throw new Error(`the TEI thread replied out of order (${r.kind} for validate)`);
      if (r.error) throw thrown(r.error);
      return r.messages;
    },
    transform(xml: string, file: string, layout: TextLayout): Transforms {
      const id = next++;
      post({ id, kind: 'transform', xml, file, layout });
      const take = (step: TransformStep): string => {
        const r = reply(id);
        if (r.kind !== 'step' || r.step !== step) throw new Error(`the TEI thread replied out of order (${r.kind} for ${step})`);
        if (r.error) throw thrown(r.error);
        return r.value ?? '';
      };
      take('parse');
      return {
        json: (): DocumentJson => inKeyOrder(JSON.parse(take('json')) as DocumentJson, documentKeyOrder()),
        html: () => take('html'),
        text: () => take('text'),
      };
    },
    close,
  };
}
