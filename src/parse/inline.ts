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
  /** How plausible a marker this is: glued to a word or punctuation is near certain; the
   *  last digits of a number (`London’s 304)` = 30 + marker 4) only when nothing better fits. */
  weight: number;
}

// Digits (and an optional letter, `16a`) not followed by a letter or digit.
const GLUED_TO_TEXT = /(?<=[\p{L})\]’”'"%.,;:!?])(\d{1,3}[a-z]?)(?![\p{L}\d])/uy;
const DIGIT = /\d/g;

/**
 * The matches of GLUED_TO_TEXT (as a /g regex would give them), tried only where a digit is: a
 * match starts with one. A /g regex opening with a lookbehind over \p{L} is tried at every
 * position of the text, five times slower.
 */
function gluedToText(text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  DIGIT.lastIndex = 0;
  for (let d = DIGIT.exec(text); d; d = DIGIT.exec(text)) {
    GLUED_TO_TEXT.lastIndex = d.index;
    const m = GLUED_TO_TEXT.exec(text);
    if (!m) continue;
    found.push(m);
    DIGIT.lastIndex = GLUED_TO_TEXT.lastIndex;
  }
  return found;
}
const DIGIT_RUN = /(?<![\p{L}\d])(\d{2,8})([a-z]?)(?![\p{L}\d])/gu;
const MONTH_BEFORE = /(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.?|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s$/;
const YEAR = /^(?:1[789]\d\d|20\d\d)$/;

function isDay(digits: string, before: string): boolean {
  const d = Number(digits);
  return MONTH_BEFORE.test(before) && d >= 1 && d <= 31 && !digits.startsWith('0');
}

/** Weight of reading the end of a digit run as a marker: the rest must read as a number. */
function suffixWeight(base: string, whole: string, before: string): number {
  if (YEAR.test(whole) || isDay(whole, before)) return 0.2; // the run reads well as it stands
  if (YEAR.test(base) || isDay(base, before)) return 2;
  return base.startsWith('0') ? 0 : 1;
}

export function markerCandidates(segments: readonly LocatedText[]): MarkerCandidate[] {
  const found: MarkerCandidate[] = [];
  segments.forEach((seg, segment) => {
    for (const m of gluedToText(seg.text)) {
      const prev = seg.text[m.index! - 1] ?? '';
      const afterDigit = /\d/.test(seg.text[m.index! - 2] ?? '');
      // `1,000`, `4:55`, `4.5%`: punctuation inside a number, not before a marker.
      const inNumber = afterDigit && ((prev === ',' && /^\d{3}$/.test(m[1]!)) || prev === ':' || (prev === '.' && /^[\d%]/.test(seg.text[m.index! + m[0].length] ?? ' ')));
      found.push({ segment, offset: m.index!, n: m[1]!, weight: inNumber ? 0.5 : 3 });
    }
    for (const m of seg.text.matchAll(DIGIT_RUN)) {
      const digits = m[1]!;
      const before = seg.text.slice(0, m.index!);
      for (let k = 1; k <= Math.min(3, digits.length - 1); k++) {
        const base = digits.slice(0, digits.length - k);
        const weight = suffixWeight(base, digits, before);
        if (weight > 0) found.push({ segment, offset: m.index! + base.length, n: digits.slice(base.length) + m[2]!, weight });
      }
    }
  });
  return found.sort((a, b) => a.segment - b.segment || a.offset - b.offset);
}

/**
 * Pair the footnote numbers (in list order) with marker candidates in text order: the
 * assignment, increasing in position, with the greatest total weight (dynamic programming);
 * a note may stay unanchored. Returns, for each note, its candidate or undefined.
 */
export function findNoteMarkers(noteNumbers: readonly string[], candidates: readonly MarkerCandidate[]): (MarkerCandidate | undefined)[] {
  const N = noteNumbers.length;
  const C = candidates.length;
  if (N === 0) return [];
  // best[k]: best total for the notes so far using only candidates < k.
  let best = new Float64Array(C + 1);
  const choice: Int32Array[] = [];
  for (let i = 0; i < N; i++) {
    const next = new Float64Array(C + 1);
    const pick = new Int32Array(C + 1).fill(-1);
    for (let k = 1; k <= C; k++) {
      const j = k - 1;
      const c = candidates[j]!;
      // Note i unanchored (best[k]), or anchored at a candidate below k - 1 (next[k - 1]).
      let value = best[k]!;
      let from = -1;
      if (next[k - 1]! > value) {
        value = next[k - 1]!;
        from = pick[k - 1]!;
      }
      // Option 2: note i uses candidate j; earlier notes use candidates < j.
      if (c.n === noteNumbers[i]) {
        const v = best[j]! + c.weight - j * 1e-9; // ties go to the earlier candidate
        if (v > value) {
          value = v;
          from = j;
        }
      }
      next[k] = value;
      pick[k] = from;
    }
    choice.push(pick);
    best = next;
  }
  // Walk back: for note i, pick[k] tells which candidate (if any) it took within candidates < k.
  const result: (MarkerCandidate | undefined)[] = new Array(N).fill(undefined);
  let k = C;
  for (let i = N - 1; i >= 0; i--) {
    const j = choice[i]![k]!;
    if (j >= 0) {
      result[i] = candidates[j];
      k = j;
    }
  }
  return result;
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
