/**
 * Inline parsing: a line of text -> TextRuns, PageBreaks and NoteRefs.
 *
 * `[Page N]` is unambiguous. Footnote markers are not: the raw text glues them to the
 * preceding character (`Montgomery’s1`, `existed,3`, `19561` after a year), exactly like real
 * numbers are written (`B-29`, `pp. 490566`, `telegram 95`). So markers are found against the
 * footnote list: `findNoteMarkers` walks the notes in order and takes, for each, the first
 * glued candidate with its number after the previous marker.
 */
import type { Inline, Position } from '../model.js';

export const PAGE_MARKER = /\[Page ([0-9]+[a-z]?|[ivxlcdmIVXLCDM]+)\]/g;

/** A piece of text with the position of its first character. */
export interface LocatedText {
  text: string;
  at: Position;
}

export interface MarkerCandidate {
  /** Index of the LocatedText it occurs in, and the character offset of the digits. */
  segment: number;
  offset: number;
  n: string;
}

// A marker: digits (and an optional letter, `16a`) right after a letter or closing punctuation,
// not followed by a letter or digit. After a digit only when that digit ends a year (`19561`).
const AFTER_TEXT =
  /(?<=[\p{L})\]’”'"%]|(?:^|\D)[.,;:!?]|(?:^|\D)(?:1[789]\d\d|20\d\d)[.,;:!?])(\d{1,3}[a-z]?)(?![\p{L}\d])/gu;
const AFTER_YEAR = /(?<=(?:^|[\s,(])(?:1[789]\d\d|20\d\d))(\d{1,2}[a-z]?)(?![\p{L}\d])/gu;

export function markerCandidates(segments: readonly LocatedText[]): MarkerCandidate[] {
  const found: MarkerCandidate[] = [];
  segments.forEach((seg, segment) => {
    for (const re of [AFTER_TEXT, AFTER_YEAR]) {
      for (const m of seg.text.matchAll(re)) {
        found.push({ segment, offset: m.index!, n: m[1]! });
      }
    }
  });
  return found.sort((a, b) => a.segment - b.segment || a.offset - b.offset);
}

/**
 * Pair the footnote numbers (in list order) with marker candidates, in text order.
 * Returns, for each note, its candidate or undefined when no marker was found.
 */
export function findNoteMarkers(noteNumbers: readonly string[], candidates: readonly MarkerCandidate[]): (MarkerCandidate | undefined)[] {
  let cursor = 0;
  return noteNumbers.map((n) => {
    for (let i = cursor; i < candidates.length; i++) {
      const c = candidates[i]!;
      if (c.n === n) {
        cursor = i + 1;
        return c;
      }
    }
    return undefined;
  });
}

/** Position of the character `offset` characters into a LocatedText (single-line texts). */
export function positionAt(seg: LocatedText, offset: number): Position {
  return { line: seg.at.line, column: seg.at.column + offset };
}

/**
 * Turn one located text into inlines, cutting it at the given note markers
 * (offset -> note index) and at `[Page N]` markers. The space after a page marker is the
 * renderer's, not the text's, so it is dropped.
 */
export function toInlines(seg: LocatedText, markers: ReadonlyMap<number, { n: string; noteIndex: number }>): Inline[] {
  const cuts: { offset: number; length: number; inline: Inline }[] = [];
  for (const [offset, m] of markers) {
    cuts.push({ offset, length: m.n.length, inline: { kind: 'noteRef', n: m.n, noteIndex: m.noteIndex, at: positionAt(seg, offset) } });
  }
  for (const m of seg.text.matchAll(PAGE_MARKER)) {
    const offset = m.index!;
    const spaceAfter = seg.text[offset + m[0].length] === ' ' && offset > 0 ? 1 : 0;
    cuts.push({ offset, length: m[0].length + spaceAfter, inline: { kind: 'pageBreak', n: m[1]!, at: positionAt(seg, offset) } });
  }
  cuts.sort((a, b) => a.offset - b.offset);
  const out: Inline[] = [];
  let pos = 0;
  for (const cut of cuts) {
    if (cut.offset < pos) continue; // overlapping (a marker inside `[Page 12]`): the page wins
    if (cut.offset > pos) out.push({ kind: 'text', text: seg.text.slice(pos, cut.offset), at: positionAt(seg, pos) });
    out.push(cut.inline);
    pos = cut.offset + cut.length;
  }
  if (pos < seg.text.length) out.push({ kind: 'text', text: seg.text.slice(pos), at: positionAt(seg, pos) });
  return out;
}

/** The text of inlines, markers left out. */
export function inlineText(inlines: readonly Inline[]): string {
  return inlines.map((i) => (i.kind === 'text' || i.kind === 'mention' ? i.text : '')).join('');
}
