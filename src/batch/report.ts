/**
 * report.json: what a batch run did with each input, validated against
 * schemas/report.schema.json (JSON Schema draft 2020-12) before it is written.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { Message } from '../messages.js';

export const REPORT_SCHEMA_PATH = fileURLToPath(new URL('../../schemas/report.schema.json', import.meta.url));
export const REPORT_FORMAT = 'telegram-tei-report/1';

/** A warning or error, without the file (the input it belongs to says that). */
export interface ReportMessage {
  severity: 'error' | 'warning';
  rule: string;
  text: string;
  line: number;
  column: number;
}

export interface ReportDocument {
  stem: string;
  ok: boolean;
  /** Output files relative to --out; null when the document failed (nothing was written for it). */
  files: { tei: string; html: string; text: string; json: string } | null;
  messages: ReportMessage[];
}

export type InputStatus = 'converted' | 'failed' | 'pending';

export interface ReportInput {
  input: string;
  path: string;
  status: InputStatus;
  reused: boolean;
  sha256: string | null;
  timeMs: number;
  messages: ReportMessage[];
  documents: ReportDocument[];
}

export interface ReportTotals {
  inputs: number;
  converted: number;
  unchanged: number;
  failed: number;
  pending: number;
  documents: number;
  failedDocuments: number;
  warnings: number;
  errors: number;
}

export interface BatchReport {
  format: string;
  tool: string;
  version: string;
  root: string;
  out: string;
  shard: { index: number; count: number } | null;
  jobs: number;
  force: boolean;
  interrupted: boolean;
  elapsedMs: number;
  totals: ReportTotals;
  inputs: ReportInput[];
}

/** Warnings and errors only (info messages stay out of the report). */
export function reportMessages(messages: readonly Message[]): ReportMessage[] {
  return messages
    .filter((m): m is Message & { severity: 'error' | 'warning' } => m.severity === 'error' || m.severity === 'warning')
    .map((m) => ({ severity: m.severity, rule: m.rule, text: m.text, line: m.line, column: m.column }));
}

export function totals(inputs: readonly ReportInput[]): ReportTotals {
  const t: ReportTotals = { inputs: inputs.length, converted: 0, unchanged: 0, failed: 0, pending: 0, documents: 0, failedDocuments: 0, warnings: 0, errors: 0 };
  for (const i of inputs) {
    if (i.status === 'pending') t.pending++;
    else if (i.status === 'failed') t.failed++;
    else if (i.reused) t.unchanged++;
    else t.converted++;
    t.documents += i.documents.length;
    t.failedDocuments += i.documents.filter((d) => !d.ok).length;
    for (const m of [...i.messages, ...i.documents.flatMap((d) => d.messages)]) {
      if (m.severity === 'error') t.errors++;
      else t.warnings++;
    }
  }
  return t;
}

let validator: ValidateFunction | undefined;

/** Validates a report against schemas/report.schema.json; returns the problems (none when valid). */
export function validateReport(report: unknown): string[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(REPORT_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
    validator = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
  }
  if (validator(report)) return [];
  return (validator.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'is invalid'}`);
}
