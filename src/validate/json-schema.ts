/**
 * Validation of the document JSON (xslt/tei-to-json.xsl) against schemas/document.schema.json,
 * and of the lines of the corpus file documents.jsonl against schemas/documents-line.schema.json
 * (which refers to the first), JSON Schema draft 2020-12, by ajv.
 *
 * Loading ajv and compiling the document schema takes ~165 ms of CPU, most of a cold `convert`'s
 * budget for it; so the build (scripts/compile-schemas.mjs) writes ajv's standalone validation code
 * to build/schemas/document.validate.cjs, which loads in a few milliseconds. It records the SHA-256
 * of the schema it was made from: when the schema has changed since (or the file is missing), the
 * schema is compiled here instead, once per process, on first use. Either way the same ajv options
 * (`documentSchemaAjv`) make the validator. The line schema (only a batch's corpus step needs it)
 * is compiled on first use.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Ajv2020 as Ajv2020Type, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { message, type Message } from '../messages.js';

/** Where the schema lives: `schemas/` at the repository (or package) root, from src/ or dist/. */
export const DOCUMENT_SCHEMA_PATH = fileURLToPath(
  new URL('../../schemas/document.schema.json', import.meta.url),
);

export const DOCUMENTS_LINE_SCHEMA_PATH = fileURLToPath(
  new URL('../../schemas/documents-line.schema.json', import.meta.url),
);

/** The validator the build writes (ajv standalone code, CommonJS). */
export const DOCUMENT_VALIDATOR_PATH = fileURLToPath(
  new URL('../../build/schemas/document.validate.cjs', import.meta.url),
);

const require = createRequire(import.meta.url);

/**
 * The ajv instance the document schema is compiled with (here, or by the build with `source`
 * set, for standalone code). ajv is loaded only when this is called.
 */
export function documentSchemaAjv(options: { source?: boolean } = {}): Ajv2020Type {
  const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  // ajv-formats is CommonJS: its plugin is the module itself.
  const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, ...(options.source ? { code: { source: true } } : {}) });
  addFormats(ajv);
  // `version` is an annotation of ours at the top of the schema, not a validation keyword.
  ajv.addKeyword({ keyword: 'version', schemaType: 'string' });
  return ajv;
}

/** The SHA-256 of the schema's text: what the standalone validator was made from. */
export function schemaSha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

interface Compiled {
  validate: ValidateFunction;
  version: string;
  /** Compiled on first use: only a batch writing the corpus files needs it. */
  line: () => ValidateFunction;
}

let compiled: Compiled | undefined;

/** The build's validator when it was made from this schema text, else undefined. */
function prebuilt(text: string): ValidateFunction | undefined {
  try {
    const validate = require(DOCUMENT_VALIDATOR_PATH) as ValidateFunction & { schemaSha256?: string };
    return validate.schemaSha256 === schemaSha256(text) ? validate : undefined;
  } catch {
    return undefined;
  }
}

function compile(): Compiled {
  if (compiled) return compiled;
  const text = readFileSync(DOCUMENT_SCHEMA_PATH, 'utf8');
  const schema = JSON.parse(text) as Record<string, unknown>;
  const validate = prebuilt(text) ?? documentSchemaAjv().compile(schema);
  let line: ValidateFunction | undefined;
  compiled = {
    validate,
    version: String(schema['version'] ?? ''),
    line: () => {
      if (line) return line;
      // the line schema's "$ref": "document.schema.json" resolves to the document schema added here (by its $id)
      const ajv = documentSchemaAjv();
      ajv.addSchema(schema);
      return (line = ajv.compile(JSON.parse(readFileSync(DOCUMENTS_LINE_SCHEMA_PATH, 'utf8')) as Record<string, unknown>));
    },
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

const others = new Map<string, ValidateFunction>();

/** Validates a parsed value against any JSON Schema file (2020-12), compiled once per path. */
export function validateJsonAgainst(schemaPath: string, value: unknown, file: string): Message[] {
  let validate = others.get(schemaPath);
  if (!validate) {
    validate = documentSchemaAjv().compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>);
    others.set(schemaPath, validate);
  }
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
