/**
 * The footnotes list at the end of a document: `  N. text`, further paragraphs of a note after
 * a blank line, indented four spaces. Numbers may repeat or carry a letter (`16a`).
 */
import type { Line, RawBlock } from '../read/lines.js';

export const FOOTNOTE_START = /^ {1,3}(\d{1,4}[a-z]?)\.\s+(.*)$/;
const CONTINUATION = /^ {4,}(\S.*)$/;

export interface RawFootnote {
  n: string;
  /** Paragraph texts, each with the position of its first character. */
  paragraphs: { text: string; line: number; column: number }[];
}

/** Index of the first block of the trailing footnotes section, or blocks.length if none. */
export function findFootnoteSection(blocks: readonly RawBlock[]): number {
  let start = blocks.length;
  for (let i = blocks.length - 1; i >= 0; i--) {
    const lines = blocks[i]!.lines;
    if (!lines.every((l) => FOOTNOTE_START.test(l.text) || CONTINUATION.test(l.text))) break;
    if (FOOTNOTE_START.test(lines[0]!.text)) start = i;
  }
  return start;
}

export function parseFootnotes(blocks: readonly RawBlock[]): RawFootnote[] {
  const notes: RawFootnote[] = [];
  const lines: Line[] = blocks.flatMap((b) => b.lines);
  for (const l of lines) {
    const start = FOOTNOTE_START.exec(l.text);
    if (start) {
      const column = l.text.indexOf(start[2]!) + 1;
      notes.push({ n: start[1]!, paragraphs: [{ text: start[2]!.trimEnd(), line: l.line, column }] });
      continue;
    }
    const cont = CONTINUATION.exec(l.text);
    const current = notes[notes.length - 1];
    if (cont && current) {
      current.paragraphs.push({ text: cont[1]!.trimEnd(), line: l.line, column: l.text.indexOf(cont[1]!) + 1 });
    }
  }
  return notes;
}
