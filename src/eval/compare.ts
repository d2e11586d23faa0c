/**
 * Field-by-field comparison of a produced TEI document with the gold TEI (the GROBID way of measuring
 * end to end, and HIPE's strict/fuzzy entity scores), as specified in `../shared/reference/evaluation.md`.
 * Fields come from {@link extractFields} (see `tei-fields.ts` for what "text", "letters" and the body
 * text are). A field is scored only where the gold has it; a document that was not produced, or not
 * well-formed, is wrong on every field the gold has.
 *
 * Two keys are used for text:
 * - strict: whitespace-normalised text (runs of whitespace → one space, trimmed), compared exactly;
 * - soft: NFKC, lower case, letters and digits only (so case, punctuation, symbols and spacing are
 *   ignored: "Telegram From the" ≈ "telegram from the,").
 *
 * | field          | unit     | strict                                   | soft                                   |
 * |----------------|----------|------------------------------------------|----------------------------------------|
 * | source         | document | `note[@type=source]` text equal          | soft keys equal                        |
 * | head           | document | head text without notes equal            | soft keys equal                        |
 * | from, to       | document | head `persName`/`gloss` @type from/to    | soft keys equal                        |
 * | place          | document | first dateline `placeName` text equal    | soft keys equal                        |
 * | date           | document | dateline `date/@when` identical          | same day (first 10 characters)         |
 * | signed         | document | `closer//signed` text equal              | soft keys equal                        |
 * | body           | document | identical ignoring all whitespace        | soft keys equal; plus `similarity`     |
 * | footnoteCount  | document | as many notes with `@n` as the gold      | same                                   |
 * | footnotes      | gold note| matched by `@n` (k-th occurrence of the same n): text strict-equal and the same last 12 letters before it | text soft-equal and the same 12 letters ignoring case |
 * | pageBreakCount | document | as many `pb` as the gold                 | same                                   |
 * | pageBreaks     | gold pb  | matched by `@n` (k-th occurrence): same last 12 letters before it | same ignoring case |
 * | persons        | gold span| HIPE strict: same span                   | HIPE fuzzy: overlapping span           |
 * | corresp        | matched pair | predicted person overlapping a gold person that has `@corresp` carries the same `@corresp` | same |
 *
 * `similarity` (body) is 2·M / T over the body tokens (runs of letters/digits, and single other
 * non-space characters), M the characters of the tokens in a minimal diff's common subsequence (Myers'
 * O((N+M)·D) algorithm in linear space), T the characters of both token lists.
 *
 * Persons are character spans of the body text; when the predicted body differs from the gold body,
 * predicted spans are carried over to gold offsets through the token diff (a span whose first and last
 * token are matched maps exactly; otherwise it maps to its matched tokens and can only match fuzzily).
 * HIPE counting: strict TP = predicted spans equal to a gold span (one to one); fuzzy TP = one-to-one
 * greedy pairing, in text order, of predicted and gold spans that overlap; FP = predicted − TP,
 * FN = gold − TP. Persons are scored only in documents whose gold has persons in the running text, so
 * volumes without person tagging do not count a tagger's persons as false positives. Corresp is
 * scored in documents where at least one such pair exists (or, for a missing document, on every
 * gold person with `@corresp`).
 *
 * A document-level field is "ok" when all its units are right (for persons: no strict FP and no FN).
 * {@link aggregate} gives per field the number of scored documents, how many are ok (strict and soft)
 * and the unit totals, the mean body similarity, and micro-averaged person P/R/F1.
 */
import { normalizeSpace, type PersonSpan, type TeiFields } from './tei-fields.js';

export const FIELDS = [
  'source', 'head', 'from', 'to', 'place', 'date', 'signed', 'body',
  'footnoteCount', 'footnotes', 'pageBreakCount', 'pageBreaks', 'persons', 'corresp',
] as const;

export type FieldName = (typeof FIELDS)[number];

export interface FieldResult {
  readonly field: FieldName;
  /** Units scored: 1 for document fields, gold notes / page breaks / persons / pairs otherwise. */
  readonly scored: number;
  /** Units right under the strict and the soft measure. */
  readonly strict: number;
  readonly soft: number;
  /** Whole field right (strict / soft). */
  readonly ok: boolean;
  readonly okSoft: boolean;
  /** Human-readable first difference (strict), when not ok. */
  readonly difference?: string;
}

export interface Counts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

export interface DocumentScore {
  readonly id: string;
  /** False when no well-formed document was produced. */
  readonly produced: boolean;
  readonly error?: string;
  /** Results of the fields the gold has, in {@link FIELDS} order. */
  readonly fields: readonly FieldResult[];
  /** Body similarity ratio in [0, 1], when the body is scored. */
  readonly similarity?: number;
  /** HIPE counts, when persons are scored. */
  readonly persons?: { readonly strict: Counts; readonly fuzzy: Counts };
  /** Links to the people database, when the gold identifies persons (see {@link LinkCounts}). */
  readonly links?: LinkCounts;
}

/**
 * Links to the Office of the Historian's people database. `identified`: gold mentions whose
 * `@corresp` maps to a people-database id; `right`: those a predicted mention overlapping them links
 * to the same id. Per certainty, the predicted links that overlap a gold mention with a known id:
 * right or wrong (a predicted mention the gold does not tag is a span error, counted by the persons
 * precision, not here: the gold leaves many persons outside its list untagged).
 */
export interface LinkCounts {
  readonly identified: number;
  readonly right: number;
  readonly byCert: Readonly<Record<string, { readonly right: number; readonly wrong: number }>>;
}

export interface CompareOptions {
  readonly id?: string;
  /** Gold `@corresp` (`#p_SWB1`) -> people-database id, for link accuracy. */
  readonly goldPeople?: ReadonlyMap<string, string>;
  /** Why the predicted document is missing (e.g. the parser's error), for the report. */
  readonly error?: string;
}

export interface FieldRate {
  readonly field: FieldName;
  /** Documents where the field is scored, and where it is entirely right. */
  readonly documents: number;
  readonly okStrict: number;
  readonly okSoft: number;
  readonly rateStrict: number;
  readonly rateSoft: number;
  /** Unit totals (equal to the document counts for document fields). */
  readonly units: number;
  readonly unitsStrict: number;
  readonly unitsSoft: number;
}

export interface Prf {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface CorpusScore {
  readonly documents: number;
  readonly produced: number;
  readonly fields: readonly FieldRate[];
  /** Mean body similarity over the documents whose body is scored. */
  readonly meanSimilarity: number;
  readonly persons: {
    readonly strict: Counts & Prf;
    readonly fuzzy: Counts & Prf;
  };
  /** Share of gold-identified mentions linked to the right people-database record, and precision per @cert. */
  readonly links?: LinkCounts & { readonly accuracy: number; readonly precision: Readonly<Record<string, number>> };
}

export interface WorstDocument {
  readonly id: string;
  readonly failing: readonly FieldName[];
  readonly differences: readonly { readonly field: FieldName; readonly difference: string }[];
}

// ---------------------------------------------------------------------------------------------------
// Text keys and difference descriptions

export function strictKey(s: string): string {
  return normalizeSpace(s);
}

export function softKey(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}\p{M}]+/gu, '');
}

const CONTEXT = 30;

function quote(s: string, max = 80): string {
  return JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s);
}

/** Where two strings first differ, with a little context on both sides. */
export function firstDifference(expected: string, got: string): string {
  if (expected.length + got.length <= 120) return `expected ${quote(expected)}, got ${quote(got)}`;
  let i = 0;
  while (i < expected.length && i < got.length && expected[i] === got[i]) i++;
  const from = Math.max(0, i - CONTEXT);
  const show = (s: string): string =>
    `${from > 0 ? '…' : ''}${s.slice(from, i + CONTEXT)}${i + CONTEXT < s.length ? '…' : ''}`;
  return `at character ${i}: expected ${JSON.stringify(show(expected))}, got ${JSON.stringify(show(got))}`;
}

// ---------------------------------------------------------------------------------------------------
// Result constructors

function result(field: FieldName, scored: number, strict: number, soft: number, difference?: string): FieldResult {
  const ok = strict === scored;
  const base = { field, scored, strict, soft, ok, okSoft: soft === scored };
  return ok || difference === undefined ? base : { ...base, difference };
}

function missingResult(field: FieldName, scored: number, why: string): FieldResult {
  return { field, scored, strict: 0, soft: 0, ok: false, okSoft: false, difference: why };
}

function textField(field: FieldName, gold: string, predicted: string | undefined): FieldResult {
  if (predicted === undefined) return missingResult(field, 1, `missing (expected ${quote(gold)})`);
  const strict = strictKey(gold) === strictKey(predicted) ? 1 : 0;
  const soft = softKey(gold) === softKey(predicted) ? 1 : 0;
  return result(field, 1, strict, soft, firstDifference(strictKey(gold), strictKey(predicted)));
}

function dateField(gold: string, predicted: string | undefined): FieldResult {
  if (predicted === undefined) return missingResult('date', 1, `missing (expected ${quote(gold)})`);
  const strict = gold === predicted ? 1 : 0;
  const soft = gold.slice(0, 10) === predicted.slice(0, 10) ? 1 : 0;
  return result('date', 1, strict, soft, `expected ${quote(gold)}, got ${quote(predicted)}`);
}

function countField(field: FieldName, what: string, gold: number, predicted: number): FieldResult {
  const right = gold === predicted ? 1 : 0;
  return result(field, 1, right, right, `expected ${gold} ${what}, got ${predicted}`);
}

// ---------------------------------------------------------------------------------------------------
// Items matched by @n: footnotes and page breaks

/** Pairs each gold item with the predicted item of the same n and the same occurrence rank. */
function pairByN<T extends { readonly n: string }>(gold: readonly T[], predicted: readonly T[]): [T, T | undefined][] {
  const byN = new Map<string, T[]>();
  for (const p of predicted) byN.set(p.n, [...(byN.get(p.n) ?? []), p]);
  const seen = new Map<string, number>();
  return gold.map((g) => {
    const k = seen.get(g.n) ?? 0;
    seen.set(g.n, k + 1);
    return [g, byN.get(g.n)?.[k]];
  });
}

function footnotesField(gold: TeiFields, predicted: TeiFields): FieldResult {
  let strict = 0;
  let soft = 0;
  let difference: string | undefined;
  for (const [g, p] of pairByN(gold.footnotes, predicted.footnotes)) {
    const anchor = p !== undefined && p.anchor === g.anchor;
    const anchorSoft = p !== undefined && p.anchor.toLowerCase() === g.anchor.toLowerCase();
    const textStrict = p !== undefined && strictKey(p.text) === strictKey(g.text);
    const textSoft = p !== undefined && softKey(p.text) === softKey(g.text);
    if (anchor && textStrict) strict++;
    if (anchorSoft && textSoft) soft++;
    if (difference !== undefined || (anchor && textStrict)) continue;
    if (p === undefined) difference = `note ${g.n} missing`;
    else if (!anchor) difference = `note ${g.n} anchored after ${quote(p.anchor)}, expected after ${quote(g.anchor)}`;
    else difference = `note ${g.n} text: ${firstDifference(strictKey(g.text), strictKey(p.text))}`;
  }
  return result('footnotes', gold.footnotes.length, strict, soft, difference);
}

function pageBreaksField(gold: TeiFields, predicted: TeiFields): FieldResult {
  let strict = 0;
  let soft = 0;
  let difference: string | undefined;
  for (const [g, p] of pairByN(gold.pageBreaks, predicted.pageBreaks)) {
    const same = p !== undefined && p.before === g.before;
    if (same) strict++;
    if (p !== undefined && p.before.toLowerCase() === g.before.toLowerCase()) soft++;
    if (difference !== undefined || same) continue;
    difference =
      p === undefined
        ? `page break ${g.n} missing`
        : `page break ${g.n} after ${quote(p.before)}, expected after ${quote(g.before)}`;
  }
  return result('pageBreaks', gold.pageBreaks.length, strict, soft, difference);
}

// ---------------------------------------------------------------------------------------------------
// Token diff (Myers, linear space) for body similarity and span mapping

export interface Tokens {
  readonly ids: Int32Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

const TOKEN = /[\p{L}\p{N}\p{M}]+|\S/gu;

function tokenize(text: string, vocabulary: Map<string, number>): Tokens {
  const ids: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (const m of text.matchAll(TOKEN)) {
    let id = vocabulary.get(m[0]);
    if (id === undefined) {
      id = vocabulary.size;
      vocabulary.set(m[0], id);
    }
    ids.push(id);
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  return { ids: Int32Array.from(ids), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** Largest edit distance searched per sub-problem; beyond it the region counts as unmatched. */
const MAX_EDIT_DISTANCE = 20000;

/**
 * Minimal-diff matching of two id sequences: `match[i]` is the index in `b` matched with `a[i]`, or -1.
 * Myers' bisection (middle snake) with common prefix/suffix trimming, as in diff-match-patch.
 */
export function diffMatch(a: Int32Array, b: Int32Array): Int32Array {
  const match = new Int32Array(a.length).fill(-1);
  const pending: [number, number, number, number][] = [[0, a.length, 0, b.length]];
  while (pending.length > 0) {
    let [aLo, aHi, bLo, bHi] = pending.pop()!;
    while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) match[aLo++] = bLo++;
    while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) match[--aHi] = --bHi;
    if (aLo === aHi || bLo === bHi) continue;
    const split = bisect(a, b, aLo, aHi, bLo, bHi);
    if (split === undefined) continue;
    pending.push([aLo, split[0], bLo, split[1]], [split[0], aHi, split[1], bHi]);
  }
  return match;
}

/** Point (x, y) on a minimal edit path where the forward and reverse searches meet. */
function bisect(
  a: Int32Array, b: Int32Array, aLo: number, aHi: number, bLo: number, bHi: number,
): [number, number] | undefined {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const maxD = Math.min(Math.ceil((n + m) / 2), MAX_EDIT_DISTANCE);
  const offset = maxD + 1;
  const v1 = new Int32Array(2 * maxD + 3).fill(-1);
  const v2 = new Int32Array(2 * maxD + 3).fill(-1);
  v1[offset + 1] = 0;
  v2[offset + 1] = 0;
  const delta = n - m;
  const front = delta % 2 !== 0;
  let k1start = 0, k1end = 0, k2start = 0, k2end = 0;
  for (let d = 0; d < maxD; d++) {
    for (let k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
      const i1 = offset + k1;
      let x1 = k1 === -d || (k1 !== d && v1[i1 - 1]! < v1[i1 + 1]!) ? v1[i1 + 1]! : v1[i1 - 1]! + 1;
      let y1 = x1 - k1;
      while (x1 < n && y1 < m && a[aLo + x1] === b[bLo + y1]) { x1++; y1++; }
      v1[i1] = x1;
      if (x1 > n) k1end += 2;
      else if (y1 > m) k1start += 2;
      else if (front) {
        const i2 = offset + delta - k1;
        if (i2 >= 0 && i2 < v2.length && v2[i2] !== -1 && x1 >= n - v2[i2]!) return [aLo + x1, bLo + y1];
      }
    }
    for (let k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
      const i2 = offset + k2;
      let x2 = k2 === -d || (k2 !== d && v2[i2 - 1]! < v2[i2 + 1]!) ? v2[i2 + 1]! : v2[i2 - 1]! + 1;
      let y2 = x2 - k2;
      while (x2 < n && y2 < m && a[aHi - x2 - 1] === b[bHi - y2 - 1]) { x2++; y2++; }
      v2[i2] = x2;
      if (x2 > n) k2end += 2;
      else if (y2 > m) k2start += 2;
      else if (!front) {
        const i1 = offset + delta - k2;
        if (i1 >= 0 && i1 < v1.length && v1[i1] !== -1) {
          const x1 = v1[i1]!;
          const y1 = offset + x1 - i1;
          if (x1 >= n - x2) return [aLo + x1, bLo + y1];
        }
      }
    }
  }
  return undefined;
}

export interface BodyAlignment {
  readonly gold: Tokens;
  readonly predicted: Tokens;
  /** Predicted token index → gold token index, or -1. */
  readonly match: Int32Array;
  readonly similarity: number;
}

function tokenChars(t: Tokens): number {
  let sum = 0;
  for (let i = 0; i < t.ids.length; i++) sum += t.ends[i]! - t.starts[i]!;
  return sum;
}

export function alignBodies(gold: string, predicted: string): BodyAlignment {
  const vocabulary = new Map<string, number>();
  const g = tokenize(gold, vocabulary);
  const p = tokenize(predicted, vocabulary);
  const match = diffMatch(p.ids, g.ids);
  let common = 0;
  for (let i = 0; i < match.length; i++) if (match[i]! >= 0) common += p.ends[i]! - p.starts[i]!;
  const total = tokenChars(g) + tokenChars(p);
  return { gold: g, predicted: p, match, similarity: total === 0 ? 1 : (2 * common) / total };
}

/** Token indices (gold, predicted) of the first edit in the alignment, or undefined when none. */
function firstEdit(al: BodyAlignment): [number, number] | undefined {
  let next = 0;
  for (let i = 0; i < al.match.length; i++) {
    const j = al.match[i]!;
    if (j !== next) return [next, i];
    next++;
  }
  return next < al.gold.ids.length ? [next, al.match.length] : undefined;
}

function bodyDifference(gold: string, predicted: string, al: BodyAlignment): string {
  const edit = firstEdit(al);
  if (edit === undefined) return firstDifference(strictKey(gold), strictKey(predicted));
  const at = (t: Tokens, i: number, text: string): number => (i < t.ids.length ? t.starts[i]! : text.length);
  const gAt = at(al.gold, edit[0], gold);
  const pAt = at(al.predicted, edit[1], predicted);
  const around = (text: string, i: number): string =>
    `${i > CONTEXT ? '…' : ''}${text.slice(Math.max(0, i - CONTEXT), i)}⟦${text.slice(i, i + CONTEXT)}` +
    `${i + CONTEXT < text.length ? '…' : ''}`;
  return `at gold character ${gAt}: expected ${JSON.stringify(around(gold, gAt))}, got ${JSON.stringify(around(predicted, pAt))}`;
}

function bodyField(gold: string, predicted: string, al: BodyAlignment): FieldResult {
  const strict = gold.replace(/\s+/g, '') === predicted.replace(/\s+/g, '') ? 1 : 0;
  const soft = softKey(gold) === softKey(predicted) ? 1 : 0;
  return result('body', 1, strict, soft, strict ? undefined : bodyDifference(gold, predicted, al));
}

// ---------------------------------------------------------------------------------------------------
// Persons

interface MappedSpan {
  readonly start: number;
  readonly end: number;
  /** Both boundary tokens matched: the span is at the gold offsets exactly. */
  readonly exact: boolean;
  readonly source: PersonSpan;
}

/** First token index whose end is after `offset`. */
function tokenAfter(t: Tokens, offset: number): number {
  let lo = 0;
  let hi = t.ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t.ends[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Carries a predicted span over to gold offsets through the token alignment. */
function mapSpan(span: PersonSpan, al: BodyAlignment): MappedSpan | undefined {
  const { predicted: p, gold: g, match } = al;
  const first = tokenAfter(p, span.start);
  let last = first;
  while (last + 1 < p.ids.length && p.starts[last + 1]! < span.end) last++;
  if (first >= p.ids.length || p.starts[first]! >= span.end) return undefined;
  let i = first;
  while (i <= last && match[i]! < 0) i++;
  let k = last;
  while (k >= i && match[k]! < 0) k--;
  if (i > last) return undefined;
  const start = g.starts[match[i]!]! + Math.max(0, span.start - p.starts[i]!);
  const end = g.starts[match[k]!]! + Math.min(p.ends[k]! - p.starts[k]!, span.end - p.starts[k]!);
  return { start, end, exact: i === first && k === last, source: span };
}

function identitySpan(span: PersonSpan): MappedSpan {
  return { start: span.start, end: span.end, exact: true, source: span };
}

interface PersonMatching {
  readonly strict: Counts;
  readonly fuzzy: Counts;
  /** Fuzzy pairs (gold, predicted). */
  readonly pairs: readonly [PersonSpan, MappedSpan][];
  readonly difference?: string;
}

function matchPersons(gold: readonly PersonSpan[], predicted: readonly MappedSpan[]): PersonMatching {
  const exactKeys = new Map<string, number>();
  for (const p of predicted) if (p.exact) exactKeys.set(`${p.start}:${p.end}`, (exactKeys.get(`${p.start}:${p.end}`) ?? 0) + 1);
  let strictTp = 0;
  const strictHit = gold.map((g) => {
    const key = `${g.start}:${g.end}`;
    const left = exactKeys.get(key) ?? 0;
    if (left > 0) exactKeys.set(key, left - 1);
    if (left > 0) strictTp++;
    return left > 0;
  });
  const sorted = [...predicted].sort((x, y) => x.start - y.start || x.end - y.end);
  const used = new Uint8Array(sorted.length);
  const pairs: [PersonSpan, MappedSpan][] = [];
  const partner = gold.map((g) => {
    const i = sorted.findIndex((p, k) => used[k] === 0 && p.start < g.end && g.start < p.end);
    if (i < 0) return undefined;
    used[i] = 1;
    pairs.push([g, sorted[i]!]);
    return sorted[i];
  });
  const strict = { tp: strictTp, fp: predicted.length - strictTp, fn: gold.length - strictTp };
  const fuzzy = { tp: pairs.length, fp: predicted.length - pairs.length, fn: gold.length - pairs.length };
  const difference = personDifference(gold, strictHit, partner, sorted.filter((_, k) => used[k] === 0));
  return difference === undefined ? { strict, fuzzy, pairs } : { strict, fuzzy, pairs, difference };
}

function personDifference(
  gold: readonly PersonSpan[],
  strictHit: readonly boolean[],
  partner: readonly (MappedSpan | undefined)[],
  spurious: readonly MappedSpan[],
): string | undefined {
  const problems: [number, string][] = [];
  const g = gold.findIndex((_, i) => !strictHit[i]);
  if (g >= 0) {
    const p = partner[g];
    const what = p
      ? `${quote(p.source.text)} instead of ${quote(gold[g]!.text)}`
      : `missing ${quote(gold[g]!.text)}`;
    problems.push([gold[g]!.start, `${what} at gold character ${gold[g]!.start}`]);
  }
  const s = spurious[0];
  if (s) problems.push([s.start, `spurious ${quote(s.source.text)} at gold character ${s.start}`]);
  problems.sort((x, y) => x[0] - y[0]);
  return problems[0]?.[1];
}

function correspField(pairs: readonly [PersonSpan, MappedSpan][]): FieldResult | undefined {
  const linked = pairs.filter(([g]) => g.corresp !== undefined);
  if (linked.length === 0) return undefined;
  const wrong = linked.filter(([g, p]) => p.source.corresp !== g.corresp);
  const right = linked.length - wrong.length;
  const w = wrong[0];
  const difference = w
    ? `${quote(w[1].source.text)} has corresp ${quote(w[1].source.corresp ?? '(none)')}, expected ${quote(w[0].corresp!)}`
    : undefined;
  return result('corresp', linked.length, right, right, difference);
}

// ---------------------------------------------------------------------------------------------------
// Documents

const TEXT_FIELDS = ['source', 'head', 'from', 'to', 'place', 'signed'] as const;

function goldHas(gold: TeiFields, field: FieldName): boolean {
  switch (field) {
    case 'body':
      return true;
    case 'footnoteCount':
    case 'footnotes':
      return gold.footnotes.length > 0;
    case 'pageBreakCount':
    case 'pageBreaks':
      return gold.pageBreaks.length > 0;
    case 'persons':
      return gold.persons.length > 0;
    case 'corresp':
      return gold.persons.some((p) => p.corresp !== undefined);
    default:
      return gold[field] !== undefined;
  }
}

function unitsOf(gold: TeiFields, field: FieldName): number {
  if (field === 'footnotes') return gold.footnotes.length;
  if (field === 'pageBreaks') return gold.pageBreaks.length;
  if (field === 'persons') return gold.persons.length;
  if (field === 'corresp') return gold.persons.filter((p) => p.corresp !== undefined).length;
  return 1;
}

function notProduced(gold: TeiFields, id: string, error: string): DocumentScore {
  const why = `document not produced: ${error}`;
  const fields = FIELDS.filter((f) => goldHas(gold, f)).map((f) => missingResult(f, unitsOf(gold, f), why));
  const fn = gold.persons.length;
  const counts = { tp: 0, fp: 0, fn };
  return {
    id, produced: false, error, fields, similarity: 0,
    ...(fn > 0 ? { persons: { strict: counts, fuzzy: counts } } : {}),
  };
}

function personsField(scored: number, strict: Counts, fuzzy: Counts, difference: string | undefined): FieldResult {
  const ok = strict.fp === 0 && strict.fn === 0;
  const okSoft = fuzzy.fp === 0 && fuzzy.fn === 0;
  const base = { field: 'persons' as const, scored, strict: strict.tp, soft: fuzzy.tp, ok, okSoft };
  return ok || difference === undefined ? base : { ...base, difference };
}

function scoreLinks(gold: TeiFields, mapped: readonly MappedSpan[], pairs: readonly [PersonSpan, MappedSpan][], goldPeople: ReadonlyMap<string, string>): LinkCounts | undefined {
  const idOf = (g: PersonSpan): string | undefined => (g.corresp ? goldPeople.get(g.corresp.split(/\s+/)[0]!) : undefined);
  const identified = gold.persons.filter((g) => idOf(g) !== undefined);
  if (identified.length === 0) return undefined;
  const partner = new Map(pairs.map(([g, p]) => [g, p]));
  const right = identified.filter((g) => partner.get(g)?.source.hsg === idOf(g)).length;
  const byCert: Record<string, { right: number; wrong: number }> = {};
  for (const p of mapped) {
    if (!p.source.hsg) continue;
    const overlapping = gold.persons.filter((g) => p.start < g.end && g.start < p.end);
    const known = overlapping.map(idOf).filter((x): x is string => x !== undefined);
    if (known.length === 0) continue; // the gold does not say who, or tags no person here
    const c = (byCert[p.source.cert ?? 'none'] ??= { right: 0, wrong: 0 });
    if (known.includes(p.source.hsg)) c.right++;
    else c.wrong++;
  }
  return { identified: identified.length, right, byCert };
}

function scorePersons(gold: TeiFields, predicted: TeiFields, al: BodyAlignment | undefined, goldPeople?: ReadonlyMap<string, string>) {
  const mapped = predicted.persons.map((p) => (al ? mapSpan(p, al) : identitySpan(p)));
  const outside = predicted.persons.filter((_, i) => mapped[i] === undefined);
  const unmapped = outside.length;
  const matching = matchPersons(gold.persons, mapped.filter((m): m is MappedSpan => m !== undefined));
  const difference =
    matching.difference ?? (outside[0] ? `spurious ${quote(outside[0].text)} (not in the gold text)` : undefined);
  const strict = { ...matching.strict, fp: matching.strict.fp + unmapped };
  const fuzzy = { ...matching.fuzzy, fp: matching.fuzzy.fp + unmapped };
  return {
    persons: personsField(gold.persons.length, strict, fuzzy, difference),
    corresp: correspField(matching.pairs),
    counts: { strict, fuzzy },
    links: goldPeople ? scoreLinks(gold, mapped.filter((m): m is MappedSpan => m !== undefined), matching.pairs, goldPeople) : undefined,
  };
}

/** Scores one predicted document (undefined when not produced) against the gold fields. */
export function compareDocuments(
  gold: TeiFields,
  predicted: TeiFields | undefined,
  options: CompareOptions = {},
): DocumentScore {
  const id = options.id ?? '';
  if (predicted === undefined) return notProduced(gold, id, options.error ?? 'no output');
  const fields: FieldResult[] = [];
  for (const f of TEXT_FIELDS) {
    const g = gold[f];
    if (g !== undefined) fields.push(textField(f, g, predicted[f]));
  }
  if (gold.date !== undefined) fields.push(dateField(gold.date, predicted.date));
  const identical = gold.body === predicted.body;
  const al = identical ? undefined : alignBodies(gold.body, predicted.body);
  fields.push(al ? bodyField(gold.body, predicted.body, al) : result('body', 1, 1, 1));
  if (goldHas(gold, 'footnotes')) {
    fields.push(countField('footnoteCount', 'notes', gold.footnotes.length, predicted.footnotes.length));
    fields.push(footnotesField(gold, predicted));
  }
  if (goldHas(gold, 'pageBreaks')) {
    fields.push(countField('pageBreakCount', 'page breaks', gold.pageBreaks.length, predicted.pageBreaks.length));
    fields.push(pageBreaksField(gold, predicted));
  }
  let persons: DocumentScore['persons'];
  let links: LinkCounts | undefined;
  if (goldHas(gold, 'persons')) {
    const pc = scorePersons(gold, predicted, al, options.goldPeople);
    fields.push(pc.persons);
    if (pc.corresp) fields.push(pc.corresp);
    persons = pc.counts;
    links = pc.links;
  }
  fields.sort((x, y) => FIELDS.indexOf(x.field) - FIELDS.indexOf(y.field));
  const base = { id, produced: true, fields, similarity: al?.similarity ?? 1 };
  return { ...base, ...(persons ? { persons } : {}), ...(links ? { links } : {}) };
}

// ---------------------------------------------------------------------------------------------------
// Corpus

function sumCounts(all: readonly Counts[]): Counts {
  return all.reduce((s, c) => ({ tp: s.tp + c.tp, fp: s.fp + c.fp, fn: s.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
}

/** Precision, recall and F1 of HIPE counts (all 1 when there is nothing to find and nothing found). */
export function prf(c: Counts): Counts & Prf {
  if (c.tp + c.fp + c.fn === 0) return { ...c, precision: 1, recall: 1, f1: 1 };
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

function fieldRate(field: FieldName, scores: readonly DocumentScore[]): FieldRate | undefined {
  const results = scores.flatMap((s) => s.fields.filter((f) => f.field === field));
  if (results.length === 0) return undefined;
  const count = (pick: (r: FieldResult) => number): number => results.reduce((sum, r) => sum + pick(r), 0);
  const okStrict = count((r) => (r.ok ? 1 : 0));
  const okSoft = count((r) => (r.okSoft ? 1 : 0));
  return {
    field, documents: results.length, okStrict, okSoft,
    rateStrict: okStrict / results.length, rateSoft: okSoft / results.length,
    units: count((r) => r.scored), unitsStrict: count((r) => r.strict), unitsSoft: count((r) => r.soft),
  };
}

export function aggregate(scores: readonly DocumentScore[]): CorpusScore {
  const fields = FIELDS.map((f) => fieldRate(f, scores)).filter((r): r is FieldRate => r !== undefined);
  const sims = scores.flatMap((s) => (s.similarity === undefined ? [] : [s.similarity]));
  const persons = scores.flatMap((s) => (s.persons ? [s.persons] : []));
  return {
    documents: scores.length,
    produced: scores.filter((s) => s.produced).length,
    fields,
    meanSimilarity: sims.length === 0 ? 1 : sims.reduce((a, b) => a + b, 0) / sims.length,
    persons: {
      strict: prf(sumCounts(persons.map((p) => p.strict))),
      fuzzy: prf(sumCounts(persons.map((p) => p.fuzzy))),
    },
    ...linkTotals(scores),
  };
}

function linkTotals(scores: readonly DocumentScore[]): Pick<CorpusScore, 'links'> {
  const all = scores.flatMap((s) => (s.links ? [s.links] : []));
  if (all.length === 0) return {};
  const identified = all.reduce((n, l) => n + l.identified, 0);
  const right = all.reduce((n, l) => n + l.right, 0);
  const byCert: Record<string, { right: number; wrong: number }> = {};
  for (const l of all) {
    for (const [cert, c] of Object.entries(l.byCert)) {
      const t = (byCert[cert] ??= { right: 0, wrong: 0 });
      t.right += c.right;
      t.wrong += c.wrong;
    }
  }
  const precision = Object.fromEntries(Object.entries(byCert).map(([k, c]) => [k, c.right + c.wrong === 0 ? 1 : c.right / (c.right + c.wrong)]));
  return { links: { identified, right, byCert, accuracy: identified === 0 ? 1 : right / identified, precision } };
}

/** The k documents with the most failing (strict) fields, with each failing field's first difference. */
export function worst(scores: readonly DocumentScore[], k: number): WorstDocument[] {
  const failing = scores.map((s) => {
    const bad = s.fields.filter((f) => !f.ok);
    return {
      id: s.id,
      failing: bad.map((f) => f.field),
      differences: bad.map((f) => ({ field: f.field, difference: f.difference ?? 'differs' })),
    };
  });
  return failing
    .filter((w) => w.failing.length > 0)
    .sort((x, y) => y.failing.length - x.failing.length || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
    .slice(0, k);
}

// ---------------------------------------------------------------------------------------------------
// Report

const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;

function unitNote(r: FieldRate): string {
  const unit: Partial<Record<FieldName, string>> = {
    footnotes: 'notes', pageBreaks: 'page breaks', persons: 'persons', corresp: 'pairs',
  };
  const name = unit[r.field];
  if (name === undefined) return '';
  const rate = (n: number): string => (r.units === 0 ? '-' : percent(n / r.units));
  const soft = r.field === 'persons' ? 'fuzzy' : 'soft';
  return `${r.units} ${name}: strict ${rate(r.unitsStrict)}, ${soft} ${rate(r.unitsSoft)}`;
}

/** Plain-text table: one line per field (documents scored, strict and soft rates), then persons P/R/F1. */
export function formatTable(corpus: CorpusScore): string {
  const row = (cells: string[]): string =>
    [cells[0]!.padEnd(15), ...cells.slice(1, 4).map((c) => c.padStart(8)), cells[4] ?? '']
      .join('  ')
      .trimEnd();
  const lines = [
    `${corpus.documents} documents, ${corpus.produced} produced`,
    row(['field', 'n', 'strict', 'soft', 'units']),
    row(['-'.repeat(15), '-'.repeat(8), '-'.repeat(8), '-'.repeat(8), '-'.repeat(5)]),
  ];
  for (const r of corpus.fields) {
    const note = r.field === 'body' ? `mean similarity ${corpus.meanSimilarity.toFixed(3)}` : unitNote(r);
    lines.push(row([r.field, String(r.documents), percent(r.rateStrict), percent(r.rateSoft), note]));
  }
  const p = (name: string, c: Counts & Prf): string =>
    `persons ${name.padEnd(6)} P ${c.precision.toFixed(3)}  R ${c.recall.toFixed(3)}  F1 ${c.f1.toFixed(3)}` +
    `  (TP ${c.tp}, FP ${c.fp}, FN ${c.fn})`;
  lines.push('', p('strict', corpus.persons.strict), p('fuzzy', corpus.persons.fuzzy));
  const l = corpus.links;
  if (l) {
    lines.push(`links to the people database: ${l.right} of ${l.identified} gold-identified mentions right (${l.accuracy.toFixed(3)})`);
    for (const cert of ['high', 'medium', 'low', 'none']) {
      const c = l.byCert[cert];
      if (c) lines.push(`  cert ${cert.padEnd(6)} precision ${(l.precision[cert] ?? 0).toFixed(3)}  (right ${c.right}, wrong ${c.wrong})`);
    }
  }
  return `${lines.join('\n')}\n`;
}
