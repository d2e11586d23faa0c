/**
 * What the recognisers share while annotating one document: its text segments (with tokens), the
 * candidate tags they propose, and the persons the document has established so far.
 */
import type { Cert, EntityKind, EntityRecord, Inline, Resp } from '../model.js';
import type { FormHit, Registers, UserPersons } from './registers.js';
import type { DocumentSetting } from './setting.js';
import type { DocPerson, DocPersons } from './persons/doc-persons.js';
import type { TrieMatch } from './trie.js';
import { fold, tokenize, type Token } from './text.js';

export type SegmentKind = 'p' | 'item' | 'participant' | 'cell' | 'signed' | 'line' | 'note';

/** One run of inline content that is annotated: a paragraph, list item, cell, closer line or note paragraph. */
export interface Segment {
  index: number;
  kind: SegmentKind;
  /** For note paragraphs: which note, which paragraph. */
  noteIndex?: number;
  paragraph?: number;
  inlines: Inline[];
  text: string;
  tokens: Token[];
  /** Writes the annotated inlines back into the new model. */
  write: (inlines: Inline[]) => void;
  /** Register forms starting at each token, longest first (filled on first use). */
  hits?: (readonly TrieMatch<FormHit>[] | undefined)[];
}

const NO_MATCHES: readonly TrieMatch<FormHit>[] = [];

/** The register's name forms that start at token i of a segment (computed once per segment). */
export function registerMatches(ctx: DocContext, seg: Segment, i: number): readonly TrieMatch<FormHit>[] {
  const hits = (seg.hits ??= new Array(seg.tokens.length));
  let m = hits[i];
  if (m === undefined) {
    const t = seg.tokens[i]!;
    m = t.cap || t.upper ? mergeMatches(ctx.registers.trie.matchesAt(seg.text, seg.tokens, i), ctx.registers.people?.matchesAt(seg.text, seg.tokens, i)) : NO_MATCHES;
    if (m.length === 0) m = NO_MATCHES;
    hits[i] = m;
  }
  return m;
}

/** The register's matches and the people database's, longest first (one list per length). */
function mergeMatches(own: TrieMatch<FormHit>[], more: TrieMatch<FormHit>[] | undefined): readonly TrieMatch<FormHit>[] {
  if (!more || more.length === 0) return own;
  const byTo = new Map<number, FormHit[]>();
  for (const m of [...own, ...more]) byTo.set(m.to, [...(byTo.get(m.to) ?? []), ...m.values]);
  const from = (own[0] ?? more[0])!.from;
  return [...byTo.entries()].sort((a, b) => b[0] - a[0]).map(([to, values]) => ({ from, to, values }));
}

export type CandidateType = EntityKind | 'role' | 'date' | 'block';

/** A proposed tag over `[start, end)` of a segment's text. `block` reserves text that must stay untagged. */
export interface Candidate {
  segment: number;
  start: number;
  end: number;
  type: CandidateType;
  /** Ranking among overlapping candidates: higher wins (after length). */
  priority: number;
  resp: Resp;
  cert: Cert;
  person?: DocPerson;
  /** Place or organisation record. */
  record?: RecordRef;
  when?: string;
  from?: string;
  to?: string;
}

/** A place or organisation record the document uses. */
export interface RecordRef {
  id: string;
  kind: 'place' | 'org';
  name: string;
  description?: string;
  variants?: string[];
  wikidata?: string;
  source: EntityRecord['source'];
  /** Why this record was chosen among several the printed name fits (printed by the vetting list). */
  reason?: string;
}

/** The record source for records made by a pattern (a title before an unknown name, a head noun). */
export const PATTERN_SOURCE: EntityRecord['source'] = 'pattern';

/**
 * What is known of the document as a whole: when it was written, where it is set (setting.ts: its
 * date and countries) and what it talks about. The choice among namesakes (persons/choose.ts) and
 * among organisations sharing an abbreviation weighs it.
 */
export interface DocSetting extends DocumentSetting {
  /** Folded words of the head, source note and body: evidence for disambiguation. */
  words: Set<string>;
  /** How often each word occurs, in the setting (head, datelines) and the text: ranks shared abbreviations. */
  evidence: DocEvidence;
}

export interface DocContext extends DocSetting {
  registers: Registers;
  user?: UserPersons;
  segments: Segment[];
  persons: DocPersons;
  /** Token ranges already claimed by strong tags, per segment (token index -> true). */
  claimed: Map<number, Set<number>>;
}

/** Word counts of a document: where it is set (head, datelines) and what its text says. */
export interface DocEvidence {
  setting: Map<string, number>;
  text: Map<string, number>;
  /** Whether the text prints these word keys in a row (`communist party of iraq`). */
  phrases: (keys: string) => boolean;
}

export function docEvidence(segments: readonly Segment[], setting: readonly string[]): DocEvidence {
  const count = (into: Map<string, number>, keys: Iterable<string>) => {
    for (const k of keys) into.set(k, (into.get(k) ?? 0) + 1);
  };
  const settingCounts = new Map<string, number>();
  for (const s of setting) count(settingCounts, tokenize(s).map((t) => t.key));
  const text = new Map<string, number>();
  for (const seg of segments) count(text, seg.tokens.map((t) => t.key));
  let joined: string | undefined;
  const phrases = (keys: string): boolean => {
    joined ??= [...setting.map((s) => tokenize(s).map((t) => t.key).join(' ')), ...segments.map((seg) => seg.tokens.map((t) => t.key).join(' '))].map((x) => ` ${x} `).join('\n');
    return joined.includes(` ${keys} `);
  };
  return { setting: settingCounts, text, phrases };
}

export function slug(s: string): string {
  const x = fold(s).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return x.length > 0 ? (/^[a-z]/.test(x) ? x : `x${x}`) : 'x';
}

export function claim(ctx: DocContext, segment: number, from: number, to: number): void {
  let set = ctx.claimed.get(segment);
  if (!set) ctx.claimed.set(segment, (set = new Set()));
  for (let i = from; i < to; i++) set.add(i);
}

export function isClaimed(ctx: DocContext, segment: number, i: number): boolean {
  return ctx.claimed.get(segment)?.has(i) === true;
}
