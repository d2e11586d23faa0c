/**
 * The library API: bytes of one input file -> for each document in it, the model, the TEI and
 * the three outputs, with every message. Nothing here touches the file system or prints; the
 * CLI and the batch runner do that.
 *
 *   read -> split -> parse -> annotate -> build -> validate -> transform (HTML, text, JSON)
 */
import { decodeInput } from './read/decode.js';
import { splitDocuments } from './read/split.js';
import { parseDocument } from './parse/document.js';
import { annotateDocument, type AnnotateOptions } from './annotate/index.js';
import { buildTei, type TeiDocument } from './tei/build.js';
import { validateDocumentJson } from './validate/json-schema.js';
import type { TextLayout } from './transform/stylesheets.js';
import { orInThread, type TeiStages } from './transform/tei-stages.js';
import { hasErrors, message, type Message } from './messages.js';
import type { DocumentModel } from './model.js';
import { documentStem } from './write/names.js';

/** The stages `timings` adds milliseconds to (`write` is the caller's). */
export type PipelineStage = 'read' | 'parse' | 'annotate' | 'build' | 'validate' | 'html' | 'text' | 'json' | 'write';

export interface ConvertOptions {
  /** The input's path, used in messages and output names. */
  file: string;
  /** Registers and a user's persons list for the annotator. */
  annotate?: AnnotateOptions;
  /** `raw` gives the input back; `reading` is a clean reading text. */
  textLayout?: TextLayout;
  /** When given, each stage's milliseconds are added to it (for `npm run bench`). */
  timings?: Record<PipelineStage, number>;
  /**
   * Convert only the documents of the file whose index is in [from, to) (a share of a file holding
   * many documents, for a worker thread); the others are left out of the result.
   */
  documents?: { from: number; to: number };
  /**
   * Where validation and the transforms run (default: this thread); a cold `convert` passes a
   * thread of their own (transform/tei-thread.ts).
   */
  teiStages?: TeiStages;
}

/** Runs `f`, adding its milliseconds to `stage` when timings are asked for. */
function timed<T>(options: ConvertOptions, stage: PipelineStage, f: () => T): T {
  if (!options.timings) return f();
  const start = performance.now();
  try {
    return f();
  } finally {
    options.timings[stage] += performance.now() - start;
  }
}

export interface DocumentOutputs {
  html: string;
  text: string;
  json: string;
}

export interface ConvertedDocument {
  /** Output file stem: the input's name, with `-002` etc. when the file holds several documents. */
  stem: string;
  model: DocumentModel;
  tei?: TeiDocument;
  outputs?: DocumentOutputs;
  messages: Message[];
  ok: boolean;
}

export interface ConversionResult {
  file: string;
  documents: ConvertedDocument[];
  /** Messages about the file as a whole (decoding). */
  messages: Message[];
  ok: boolean;
}

export function convertBytes(bytes: Uint8Array, options: ConvertOptions): ConversionResult {
  const decoded = timed(options, 'read', () => decodeInput(bytes, options.file));
  if (!decoded.ok) return { file: options.file, documents: [], messages: decoded.messages, ok: false };
  const all = timed(options, 'read', () => splitDocuments(decoded.source.text, options.file));
  const range = options.documents;
  const sources = range ? all.filter((s) => s.index >= range.from && s.index < range.to) : all;
  const documents = sources.map((source) => {
    const stem = documentStem(options.file, source.index, source.count);
    return convertModel(timed(options, 'parse', () => parseDocument(source)), stem, options);
  });
  return {
    file: options.file,
    documents,
    messages: decoded.source.messages,
    ok: documents.every((d) => d.ok),
  };
}

export function convertText(text: string, options: ConvertOptions): ConversionResult {
  return convertBytes(new TextEncoder().encode(text), options);
}

/** annotate -> build -> validate -> transform for one parsed document. */
export function convertModel(parsed: DocumentModel, stem: string, options: ConvertOptions): ConvertedDocument {
  const annotate = options.annotate;
  const model = annotate ? timed(options, 'annotate', () => annotateDocument(parsed, annotate)) : parsed;
  const messages = [...model.messages];
  const tei = timed(options, 'build', () => buildTei(model, { sourceName: baseName(options.file), messages }));
  const stages = orInThread(options.teiStages);
  messages.push(...timed(options, 'validate', () => stages.validate(tei.xml, `${stem}.tei.xml`)));
  if (hasErrors(messages)) return { stem, model, tei, messages, ok: false };
  try {
    // Parsed once by Saxon-JS, rendered three times.
    // Saxon-JS's parse of the TEI, shared by the three transforms, counts as part of build.
    const transforms = timed(options, 'build', () => stages.transform(tei.xml, `${stem}.tei.xml`, options.textLayout ?? 'raw'));
    const json = timed(options, 'json', () => transforms.json());
    messages.push(...timed(options, 'validate', () => validateDocumentJson(json, `${stem}.json`)));
    const outputs = {
      html: timed(options, 'html', () => transforms.html()),
      text: timed(options, 'text', () => transforms.text()),
      json: timed(options, 'json', () => JSON.stringify(json, null, 2) + '\n'),
    };
    return { stem, model, tei, outputs, messages, ok: !hasErrors(messages) };
  } catch (err) {
    messages.push(message('error', 'transform/failed', `transforming the TEI failed: ${(err as Error).message}`, options.file));
    return { stem, model, tei, messages, ok: false };
  }
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export type { Message } from './messages.js';
export type { DocumentModel } from './model.js';
