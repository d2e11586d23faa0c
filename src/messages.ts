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

/**
 * A path as printed on one line: control characters (a newline in a file name would split the
 * line) shown as `\n`, `\t` or `\xNN`.
 */
export function printablePath(path: string): string {
  // eslint-disable-next-line no-control-regex
  return path.replace(/[\u0000-\u001f\u007f]/g, (c) =>
    c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** `file:line:col: severity: text [rule]`, the format compilers and editors understand. */
export function formatMessage(m: Message): string {
  const file = printablePath(m.file);
  const where = m.line > 0 ? `${file}:${m.line}:${m.column}` : file;
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
