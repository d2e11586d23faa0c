/**
 * Operations on inline content shared by the parser and the annotator: the plain text of a
 * run of inlines, and wrapping a stretch of that text (given as offsets) into a new node.
 */
import type { Inline, Position, TextRun } from './model.js';

/** The characters an inline contributes to the plain text (markers contribute none). */
export function textOf(inline: Inline): string {
  return inline.kind === 'text' || inline.kind === 'mention' || inline.kind === 'party' ? inline.text : '';
}

export function plainText(inlines: readonly Inline[]): string {
  return inlines.map(textOf).join('');
}

function shift(at: Position, by: number): Position {
  return { line: at.line, column: at.column + by };
}

/**
 * Replace the text between plain-text offsets [start, end) with `make(text, at)`, splitting text
 * runs at the edges. Returns undefined when the span does not lie within plain text runs only
 * (it would cross a marker, a line break or an existing tag): tags never overlap.
 */
export function wrapSpan(
  inlines: readonly Inline[],
  start: number,
  end: number,
  make: (text: string, at: Position) => Inline,
): Inline[] | undefined {
  let offset = 0;
  for (let i = 0; i < inlines.length; i++) {
    const node = inlines[i]!;
    const len = textOf(node).length;
    if (node.kind === 'text' && start >= offset && end <= offset + len && end > start) {
      const run: TextRun = node;
      const a = start - offset;
      const b = end - offset;
      const pieces: Inline[] = [];
      if (a > 0) pieces.push({ kind: 'text', text: run.text.slice(0, a), at: run.at });
      pieces.push(make(run.text.slice(a, b), shift(run.at, a)));
      if (b < len) pieces.push({ kind: 'text', text: run.text.slice(b), at: shift(run.at, b) });
      return [...inlines.slice(0, i), ...pieces, ...inlines.slice(i + 1)];
    }
    if (start < offset + len && node.kind !== 'text') return undefined;
    offset += len;
  }
  return undefined;
}
