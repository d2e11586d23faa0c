/**
 * The pipeline of index.ts (`convertBytes`), stage by stage, with the time each stage takes:
 * used only when a batch is asked for timings (`npm run bench`). Ordinary runs call
 * `convertBytes` itself. test/batch.test.ts checks that both give the same bytes.
 *
 * (If index.ts grows a `timings` option, this file can go: see the batch README section.)
 */
import { decodeInput } from '../read/decode.js';
import { splitDocuments } from '../read/split.js';
import { parseDocument } from '../parse/document.js';
import { annotateDocument } from '../annotate/index.js';
import { buildTei } from '../tei/build.js';
import { validateTeiDocument } from '../validate/index.js';
import { validateDocumentJson } from '../validate/json-schema.js';
import { renderHtml, renderJson, renderText } from '../transform/stylesheets.js';
import { hasErrors, message } from '../messages.js';
import { documentStem } from '../write/names.js';
import type { ConversionResult, ConvertedDocument, ConvertOptions } from '../index.js';
import type { DocumentModel } from '../model.js';
import type { Stage, StageTimings } from './stages.js';

function timed<T>(t: StageTimings, stage: Stage, f: () => T): T {
  const start = performance.now();
  try {
    return f();
  } finally {
    t[stage] += performance.now() - start;
  }
}

/** convertBytes of index.ts, adding each stage's milliseconds to `t`. */
export function convertBytesTimed(bytes: Uint8Array, options: ConvertOptions, t: StageTimings): ConversionResult {
  const decoded = timed(t, 'read', () => decodeInput(bytes, options.file));
  if (!decoded.ok) return { file: options.file, documents: [], messages: decoded.messages, ok: false };
  const sources = timed(t, 'read', () => splitDocuments(decoded.source.text, options.file));
  const documents = sources.map((source) => {
    const stem = documentStem(options.file, source.index, source.count);
    return convertModelTimed(timed(t, 'parse', () => parseDocument(source)), stem, options, t);
  });
  return { file: options.file, documents, messages: decoded.source.messages, ok: documents.every((d) => d.ok) };
}

function convertModelTimed(parsed: DocumentModel, stem: string, options: ConvertOptions, t: StageTimings): ConvertedDocument {
  const model = options.annotate ? timed(t, 'annotate', () => annotateDocument(parsed, options.annotate!)) : parsed;
  const messages = [...model.messages];
  const tei = timed(t, 'build', () => buildTei(model, { sourceName: baseName(options.file), messages }));
  messages.push(...timed(t, 'validate', () => validateTeiDocument(tei.xml, `${stem}.tei.xml`)));
  if (hasErrors(messages)) return { stem, model, tei, messages, ok: false };
  try {
    const json = timed(t, 'json', () => renderJson(tei.xml));
    messages.push(...timed(t, 'validate', () => validateDocumentJson(json, `${stem}.json`)));
    const outputs = {
      html: timed(t, 'html', () => renderHtml(tei.xml)),
      text: timed(t, 'text', () => renderText(tei.xml, options.textLayout ?? 'raw')),
      json: timed(t, 'json', () => JSON.stringify(json, null, 2) + '\n'),
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
