/**
 * `telegram-tei validate` over any file telegram-tei writes: tell its kind, and check it against
 * that kind's schema.
 *
 *   document        a TEI document (*.tei.xml)      schemas/telegram-tei.rng + integrity rules
 *   registers       registers.xml of a batch        schemas/registers.rng
 *   document-json   a document's JSON (*.json)      schemas/document.schema.json
 *   documents-jsonl documents.jsonl of a batch      schemas/documents-line.schema.json, per line
 *   report          report.json of a batch          schemas/report.schema.json
 *
 * The kind comes from the content where it can (a TEI document has a div type="document", the
 * registers have none; a report has a `format`), else from the name. Anything else we write (HTML,
 * plain text, registers.json, the manifest) has no schema: `unchecked` says so.
 */
import { fileURLToPath } from 'node:url';
import { message, type Message } from '../messages.js';
import { validateTeiDocument } from './index.js';
import { validateAgainst } from './relaxng.js';
import { validateDocumentJson, validateDocumentsLine, validateJsonAgainst } from './json-schema.js';

export type FileKind = 'document' | 'registers' | 'document-json' | 'documents-jsonl' | 'report';

export const REGISTERS_SCHEMA_PATH = fileURLToPath(new URL('../../schemas/registers.rng', import.meta.url));
export const REPORT_SCHEMA_PATH = fileURLToPath(new URL('../../schemas/report.schema.json', import.meta.url));

/** What each kind is called in messages, and the schema it is checked against. */
export const KINDS: Record<FileKind, { label: string; schema: string }> = {
  'document': { label: 'TEI document', schema: 'schemas/telegram-tei.rng and the integrity rules' },
  'registers': { label: 'corpus registers', schema: 'schemas/registers.rng' },
  'document-json': { label: 'document JSON', schema: 'schemas/document.schema.json' },
  'documents-jsonl': { label: 'documents.jsonl', schema: 'schemas/documents-line.schema.json' },
  'report': { label: 'batch report', schema: 'schemas/report.schema.json' },
};

/** The files validate checks, as one line for messages. */
export const CHECKED_KINDS = 'TEI documents (*.tei.xml), registers.xml, document JSON (*.json), documents.jsonl and report.json';

/** Whether a file found in a folder is one validate checks (by its name; the manifest is not). */
export function isValidatedName(path: string): boolean {
  const name = path.split(/[\\/]/).pop() ?? path;
  if (name.startsWith('.') || name === 'registers.json') return false;
  return /\.xml$|\.json$|^documents\.jsonl$/i.test(name);
}

const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** The kind of a file from its name and content; undefined when validate has no schema for it. */
export function fileKind(path: string, content: string): FileKind | undefined {
  const name = baseName(path).toLowerCase();
  const head = content.replace(/^\uFEFF/, '').trimStart();
  if (name.endsWith('.jsonl')) return 'documents-jsonl';
  if (head.startsWith('<')) {
    if (/<div\b[^>]*\btype="document"/.test(content)) return 'document';
    if (name === 'registers.xml' || /<note type="mentions">/.test(content)) return 'registers';
    // any other XML: validate has always checked it as a document, and says what is wrong
    return name.endsWith('.xml') || /<TEI\b/.test(head.slice(0, 2000)) ? 'document' : undefined;
  }
  if (head.startsWith('{')) {
    if (name === 'registers.json' || name.startsWith('.telegram-tei-manifest')) return undefined;
    if (/^\{\s*"format"\s*:\s*"telegram-tei-report\//.test(head) || /^report(\.shard-\d+-of-\d+)?\.json$/.test(name)) return 'report';
    if (/"schemaVersion"\s*:/.test(head.slice(0, 200)) || name.endsWith('.json')) return 'document-json';
  }
  return undefined;
}

export interface FileValidation {
  kind?: FileKind;
  messages: Message[];
}

/** Checks one file's content against the schema of its kind. */
export function validateFile(path: string, content: string): FileValidation {
  const kind = fileKind(path, content);
  switch (kind) {
    case undefined:
      return {
        messages: [message('error', 'validate/unchecked',
          `not checked: no schema for this kind of file (validate checks ${CHECKED_KINDS})`, path)],
      };
    case 'document':
      return { kind, messages: validateTeiDocument(content, path) };
    case 'registers':
      return { kind, messages: validateAgainst(REGISTERS_SCHEMA_PATH, content, path) };
    case 'document-json':
    case 'report': {
      let value: unknown;
      try {
        value = JSON.parse(content);
      } catch (err) {
        return { kind, messages: [message('error', 'json/syntax', `not JSON: ${(err as Error).message}`, path)] };
      }
      return { kind, messages: kind === 'report' ? validateJsonAgainst(REPORT_SCHEMA_PATH, value, path) : validateDocumentJson(value, path) };
    }
    case 'documents-jsonl':
      return { kind, messages: validateLines(content, path) };
  }
}

/** documents.jsonl: every line one JSON object of the line schema; messages at `file:N:1`. */
function validateLines(content: string, path: string): Message[] {
  const out: Message[] = [];
  const lines = content.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, i) => {
    const at = { line: i + 1, column: 1 };
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      out.push(message('error', 'json/syntax', `not JSON: ${(err as Error).message}`, path, at));
      return;
    }
    for (const m of validateDocumentsLine(value, path)) out.push({ ...m, ...at });
  });
  return out;
}
