/**
 * Validation of the document JSON (xslt/tei-to-json.xsl) against schemas/document.schema.json,
 * and of the lines of the corpus file documents.jsonl against schemas/documents-line.schema.json
 * (which refers to the first), JSON Schema draft 2020-12. The schemas are read and compiled once
 * per process, on first use (about 60 ms); each validation after that takes microseconds.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { message, type Message } from '../messages.js';

/** Where the schema lives: `schemas/` at the repository (or package) root, from src/ or dist/. */
export const DOCUMENT_SCHEMA_PATH = fileURLToPath(
  new URL('../../schemas/document.schema.json', import.meta.url),
);

export const DOCUMENTS_LINE_SCHEMA_PATH = fileURLToPath(
  new URL('../../schemas/documents-line.schema.json', import.meta.url),
);

/** ajv-formats is CommonJS: under NodeNext its plugin is the default export's `.default`. */
const addFormats = addFormatsModule.default;

interface Compiled {
  validate: ValidateFunction;
  version: string;
  /** Compiled on first use: only a batch writing the corpus files needs it. */
  line: () => ValidateFunction;
}

let compiled: Compiled | undefined;

function compile(): Compiled {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(DOCUMENT_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  // `version` is an annotation of ours at the top of the schema, not a validation keyword.
  ajv.addKeyword({ keyword: 'version', schemaType: 'string' });
  const validate = ajv.compile(schema);
  let line: ValidateFunction | undefined;
  compiled = {
    validate,
    version: String(schema['version'] ?? ''),
    // the line schema's "$ref": "document.schema.json" resolves to the schema compiled above (by its $id)
    line: () => (line ??= ajv.compile(JSON.parse(readFileSync(DOCUMENTS_LINE_SCHEMA_PATH, 'utf8')) as Record<string, unknown>)),
  };
  return compiled;
}

/** The version of the document schema (`version` in the schema file). */
export function documentSchemaVersion(): string {
  return compile().version;
}

/**
 * Validates a parsed document JSON. Returns one error message per schema violation (none when
 * valid), with rule `json/<ajv keyword>` and the JSON pointer of the offending value in the text.
 */
export function validateDocumentJson(value: unknown, file: string): Message[] {
  const { validate } = compile();
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => toMessage(error, file));
}

/**
 * Validates one line of documents.jsonl (parsed): the paths and the document. Messages as for
 * validateDocumentJson, the pointer from the line's top (`/document/paragraphs/3`).
 */
export function validateDocumentsLine(value: unknown, file: string): Message[] {
  const validate = compile().line();
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => toMessage(error, file));
}

function toMessage(error: ErrorObject, file: string): Message {
  const where = error.instancePath === '' ? '/' : error.instancePath;
  const extra = error.keyword === 'additionalProperties'
    ? ` (${String((error.params as { additionalProperty?: unknown }).additionalProperty)})`
    : error.keyword === 'enum'
      ? ` (${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)})`
      : '';
  return message('error', `json/${error.keyword}`, `${where}: ${error.message ?? 'is invalid'}${extra}`, file);
}
