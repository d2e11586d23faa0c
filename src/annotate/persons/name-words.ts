/**
 * FIND's vocabulary: what may be (part of) a personal name, the titles before one, and how a printed
 * name splits into forenames and surname. Nothing here asks a register who a name is.
 */
import {
  COMMON_CAPITALISED, COMMON_WORDS, FORENAMES, FUNCTION_WORDS, ROLE_WORDS, HONORIFICS, NATIONALITY, ORG_HEADS, PARTICLES, SUFFIXES, TITLE_PHRASES,
  nameGapBetween, tokenIndexAt, tokenize, type Token,
} from '../text.js';
import { TokenTrie } from '../trie.js';

const ROLE_CONTINUATION = new Set(['general', 'counselor', 'counsellor', 'extraordinary', 'plenipotentiary', 'designate', 'elect', 'emeritus', 'adviser', 'advisor', 'assistant', 'deputy', 'acting', 'chief', 'head', 'officer', 'attache', 'secretary', 'minister', 'ambassador', 'consul', 'director', 'chairman', 'president', 'commander', 'delegate', 'representative', 'member', 'members', 'envoy', 'agent', 'observer', 'spokesman', 'leader', 'governor', 'commissioner', 'senator', 'charge', 'marshal', 'admiral', 'colonel', 'captain', 'staff', 'premier', 'council', 'foreign', 'prime', 'vice', 'under']);

export const TITLE_WORDS = new Set<string>([...TITLE_PHRASES.flatMap((t) => tokenize(t).map((w) => w.key)), ...HONORIFICS]);

/** Abbreviated titles: they need their stop (or, for Mr/Mrs/Dr, British usage without). */
export const ABBREVIATED_TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'messrs', 'mme', 'mlle', 'gen', 'col', 'lt', 'capt', 'adm', 'gov', 'sen', 'rep', 'prof', 'rev', 'hon']);
const NO_STOP_OK = new Set(['mr', 'mrs', 'ms', 'dr']);

const TITLES = new TokenTrie<string>();
for (const t of [...TITLE_PHRASES, ...[...HONORIFICS]]) TITLES.insert(tokenize(t).map((w) => w.key), t);

const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/** Words that are never part of a personal name. */
const NON_NAME = new Set<string>([...FUNCTION_WORDS, ...COMMON_CAPITALISED, ...ORG_HEADS, ...NATIONALITY, ...TITLE_WORDS, ...ROLE_CONTINUATION, ...ROLE_WORDS, ...WEEKDAYS]);

export function isNonName(key: string): boolean {
  return NON_NAME.has(key);
}

/** A capitalised word that may be (part of) a name. */
export function isNameWord(t: Token): boolean {
  return t.cap && !t.upper && !/\d/.test(t.text) && t.text.length > 1 && !isNonName(t.key);
}

/** A capitalised ordinary word that may stand inside a name between two name words (`Law`, `House`). */
function middleWord(t: Token): boolean {
  return t.cap && !t.upper && !t.possessive && COMMON_CAPITALISED.has(t.key) && !FUNCTION_WORDS.has(t.key) && !ORG_HEADS.has(t.key) && !NATIONALITY.has(t.key) && !TITLE_WORDS.has(t.key) && !ROLE_CONTINUATION.has(t.key) && !WEEKDAYS.has(t.key);
}

export function isInitial(t: Token): boolean {
  return t.text.length === 1 && t.cap && t.dot;
}

function isSuffix(t: Token): boolean {
  return SUFFIXES.has(t.key) || /^[IVX]{1,4}$/.test(t.text);
}

export interface TitleMatch {
  from: number;
  to: number;
  /** Folded words of the title(s): `field marshal`, `sir`. */
  keys: string[];
  honorific: boolean;
  peerage: boolean;
}

/** Titles (one or several: `Ambassador Sir`) starting at token i. */
export function titleAt(text: string, tokens: readonly Token[], i: number): TitleMatch | undefined {
  let j = i;
  const keys: string[] = [];
  let honorific = false;
  let peerage = false;
  for (;;) {
    const t = tokens[j];
    if (!t || !t.cap) break;
    if (j > i && !/^[ \t\u00a0]+$|^\.[ \t\u00a0]+$/.test(text.slice(tokens[j - 1]!.end, t.start))) break;
    const m = TITLES.matchesAt(text, tokens, j)[0];
    if (!m) break;
    const last = tokens[m.to - 1]!;
    if (ABBREVIATED_TITLES.has(last.key) && !last.dot && !NO_STOP_OK.has(last.key)) break;
    // "M." (Monsieur) only where it is not an initial of a name before it
    if (last.key === 'm' && m.to - m.from === 1) break;
    for (let k = m.from; k < m.to; k++) keys.push(tokens[k]!.key);
    if (m.to - m.from === 1 && HONORIFICS.has(tokens[m.from]!.key)) honorific = true;
    if (['viscount', 'baron', 'earl', 'duke', 'marquess', 'marquis'].includes(tokens[m.from]!.key)) peerage = true;
    j = m.to;
  }
  // Monsieur abbreviated: "M. Bidault" (not after a capitalised word, which would make it an initial)
  if (j === i) {
    const t = tokens[i];
    const prev = tokens[i - 1];
    if (t && t.text === 'M' && t.dot && (!prev || !prev.cap || /[,;:(]\s*$/.test(text.slice(prev.end, t.start)))) {
      const next = tokens[i + 1];
      if (next && isNameWord(next) && next.text.length > 1) return { from: i, to: i + 1, keys: ['m'], honorific: true, peerage: false };
    }
    return undefined;
  }
  return { from: i, to: j, keys, honorific, peerage };
}

/**
 * The name that starts at token i: capitalised name words, initials (`C.`), particles before a
 * capitalised word (`de Gaulle`) and a suffix (`Jr.`, `III`). Stops at a comma, a possessive, a
 * word that cannot be a name. Returns [from, to) token indices, or undefined.
 */
const MAX_NAME_WORDS = 10;

export function nameRunAt(text: string, tokens: readonly Token[], i: number, allowUpper = false): { from: number; to: number } | undefined {
  let j = i;
  let names = 0;
  const wordOk = (t: Token) => isNameWord(t) || (allowUpper && t.upper && t.text.length > 2 && !isNonName(t.key));
  // A personal name has a handful of words; the bound keeps a run of capitalised words (a title
  // in capitals, a hostile input) from making annotation quadratic.
  while (j < tokens.length && j - i < MAX_NAME_WORDS) {
    const t = tokens[j]!;
    if (j > i && !nameGapBetween(text, tokens[j - 1]!, t)) break;
    if (j > i && tokens[j - 1]!.possessive) break;
    if (wordOk(t)) names++;
    else if (j > i && names > 0 && middleWord(t) && tokens[j + 1] && nameGapBetween(text, t, tokens[j + 1]!) && wordOk(tokens[j + 1]!)) {
      // "Bernard Law Montgomery": an ordinary capitalised word inside a name
    } else if (isInitial(t)) {
      // an initial must be followed by more name
      const next = tokens[j + 1];
      if (!next || !nameGapBetween(text, t, next) || !(wordOk(next) || isInitial(next))) break;
    } else if (PARTICLES.has(t.text) && j > i - 1) {
      const next = tokens[j + 1];
      if (!next || !/^[ \t]+$/.test(text.slice(t.end, next.start)) || !wordOk(next)) break;
    } else if (j > i && names > 0 && isSuffix(t)) {
      j++;
      break;
    } else break;
    j++;
  }
  if (names === 0) return undefined;
  // do not end on a particle or an initial
  while (j > i && (PARTICLES.has(tokens[j - 1]!.text) || (isInitial(tokens[j - 1]!) && j - 1 > i))) j--;
  return j > i ? { from: i, to: j } : undefined;
}

/** Split a name run into forename keys (initials as one letter) and the surname key (with particles). */
export function splitName(tokens: readonly Token[], from: number, to: number): { forenames: string[]; surname: string; surnameFrom: number } {
  let end = to;
  while (end - 1 > from && isSuffix(tokens[end - 1]!)) end--;
  let s = end - 1;
  while (s - 1 >= from && PARTICLES.has(tokens[s - 1]!.text)) s--;
  const surname = tokens.slice(s, end).map((t) => t.key).join(' ');
  const forenames = tokens.slice(from, s).map((t) => t.key);
  return { forenames, surname, surnameFrom: s };
}

/** A word used as a bare surname that is also an ordinary word or forename needs more context. */
export function isAmbiguousWord(t: Token): boolean {
  return COMMON_WORDS.has(t.key) || FORENAMES.has(t.key);
}

/** Folded words of the sentence around [start, end) of a segment's text (cached per sentence). */
export function sentenceWords(tokens: readonly Token[], start: number, end: number): Set<string> {
  let sentences = SENTENCES.get(tokens);
  if (!sentences) SENTENCES.set(tokens, (sentences = new Map()));
  // first token ending after `start` (binary search: this runs for every candidate word)
  const lo = tokenIndexAt(tokens, start);
  const a = Math.max(0, sentenceStartIndex(tokens)[Math.min(lo, tokens.length - 1)] ?? 0);
  const hit = sentences.get(a);
  if (hit) return hit;
  const out = new Set<string>();
  for (let k = Math.max(a, 0); k < tokens.length; k++) {
    if (k > a && tokens[k]!.sentenceStart && tokens[k]!.start >= end) break;
    if (tokens[k]!.key.length > 2) out.add(tokens[k]!.key);
  }
  sentences.set(a, out);
  return out;
}

const SENTENCES = new WeakMap<readonly Token[], Map<number, Set<string>>>();
const SENTENCE_STARTS = new WeakMap<readonly Token[], Int32Array>();

/** For each token, the index of the token that starts its sentence (computed once per text). */
function sentenceStartIndex(tokens: readonly Token[]): Int32Array {
  let starts = SENTENCE_STARTS.get(tokens);
  if (!starts) {
    starts = new Int32Array(tokens.length);
    let current = 0;
    tokens.forEach((t, k) => {
      if (t.sentenceStart) current = k;
      starts![k] = current;
    });
    SENTENCE_STARTS.set(tokens, starts);
  }
  return starts;
}
