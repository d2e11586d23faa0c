/**
 * Typed diagnostics, in the spirit of unified's vfile messages: every warning or error
 * carries the file, line and column it concerns and a stable rule id, and travels with the
 * stage's result. Stages never print or throw strings; only the CLI turns these into text.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Message {
  severity: Severity;
  /** Stable identifier of the rule that fired, e.g. `parse/orphan-footnote`. */
  rule: string;
  text: string;
  file: string;
  /** 1-based line and column in the input file (0 when unknown). */
  line: number;
  column: number;
}

export interface Located {
  line: number;
  column: number;
}

export function message(
  severity: Severity,
  rule: string,
  text: string,
  file: string,
  at: Located = { line: 0, column: 0 },
): Message {
  return { severity, rule, text, file, line: at.line, column: at.column };
}

/** `file:line:col: severity: text [rule]`, the format compilers and editors understand. */
export function formatMessage(m: Message): string {
  const where = m.line > 0 ? `${m.file}:${m.line}:${m.column}` : m.file;
  return `${where}: ${m.severity}: ${m.text} [${m.rule}]`;
}

export function hasErrors(messages: readonly Message[]): boolean {
  return messages.some((m) => m.severity === 'error');
}

/** A stage's failure that must stop the pipeline for this document (carries its message). */
export class PipelineError extends Error {
  constructor(readonly diagnostic: Message) {
    super(formatMessage(diagnostic));
    this.name = 'PipelineError';
  }
}
