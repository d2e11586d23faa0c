/**
 * Personal names: what may be part of one, titles before one, and who a printed name is
 * (a person the document already knows, an entry of the user's list or of the register, or a
 * new person), with how sure that is.
 */
import type { Cert } from '../model.js';
import { capCert, type DocContext, type DocPerson } from './context.js';
import { inPeriod, surnameCandidates, type Authority, type AuthorityEntry } from './registers.js';
import {
  COMMON_CAPITALISED, COMMON_WORDS, FORENAMES, FUNCTION_WORDS, ROLE_WORDS, HONORIFICS, NATIONALITY, ORG_HEADS, PARTICLES, SUFFIXES, TITLE_PHRASES,
  fold, nameGapBetween, tokenize, wordKeys, type Token,
} from './text.js';
import { TokenTrie } from './trie.js';

const ROLE_CONTINUATION = new Set(['general', 'counselor', 'counsellor', 'extraordinary', 'plenipotentiary', 'designate', 'elect', 'emeritus', 'adviser', 'advisor', 'assistant', 'deputy', 'acting', 'chief', 'head', 'officer', 'attache', 'secretary', 'minister', 'ambassador', 'consul', 'director', 'chairman', 'president', 'commander', 'delegate', 'representative', 'member', 'members', 'envoy', 'agent', 'observer', 'spokesman', 'leader', 'governor', 'commissioner', 'senator', 'charge', 'marshal', 'admiral', 'colonel', 'captain', 'staff', 'premier', 'council', 'foreign', 'prime', 'vice', 'under']);

export const TITLE_WORDS = new Set<string>([...TITLE_PHRASES.flatMap((t) => tokenize(t).map((w) => w.key)), ...HONORIFICS]);

/** Abbreviated titles: they need their stop (or, for Mr/Mrs/Dr, British usage without). */
export const ABBREVIATED_TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'messrs', 'mme', 'mlle', 'gen', 'col', 'lt', 'capt', 'adm', 'gov', 'sen', 'rep', 'prof', 'rev', 'hon']);
const NO_STOP_OK = new Set(['mr', 'mrs', 'ms', 'dr']);

const TITLES = new TokenTrie<string>();
for (const t of [...TITLE_PHRASES, ...[...HONORIFICS]]) TITLES.insert(tokenize(t).map((w) => w.key), t);

const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/** Titles and words of offices (`Head`, `Deputy`, `Counselor`). */
export function isRoleWord(key: string): boolean {
  return TITLE_WORDS.has(key) || ROLE_CONTINUATION.has(key) || ROLE_WORDS.has(key);
}

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

/** Whether printed forenames (keys; initials are one letter) fit a person's forenames. */
export function forenamesFit(printed: readonly string[], known: ReadonlySet<string> | readonly string[]): boolean {
  const k = [...known];
  if (printed.length === 0) return true;
  if (k.length === 0) return true;
  return printed.every((p) => k.some((e) => e === p || (p.length === 1 && e[0] === p) || (e.length === 1 && p[0] === e) || sameName(p, e)));
}

/** Spelling variants of one name (transliterations: Alexander / Aleksandr, Vassilievski / Vasilevsky). */
export function nameSkeleton(s: string): string {
  return fold(s)
    .replace(/[^a-z]/g, '')
    .replace(/x/g, 'ks')
    .replace(/ph/g, 'f')
    .replace(/c(?!h)/g, 'k')
    .replace(/(?:os|us|as)$/, '')
    .replace(/ie/g, 'e')
    .replace(/y/g, 'i')
    .replace(/(.)\1+/g, '$1')
    .replace(/[aeiou]+$/, '');
}

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** Whether two folded names are the same name spelled differently (both four letters or more). */
export function sameName(a: string, b: string): boolean {
  if (a.length < 4 || b.length < 4) return false;
  const x = nameSkeleton(a);
  const y = nameSkeleton(b);
  if (x[0] !== y[0]) return false;
  if (x === y) return true;
  return levenshtein(x, y) <= Math.max(1, Math.floor(Math.min(x.length, y.length) / 5));
}

export interface Resolved {
  person: DocPerson;
  cert: Cert;
}

export interface NameQuery {
  surname: string;
  forenames: string[];
  /** The printed name (span text, no title). */
  text: string;
  titleKeys: string[];
  /** Folded words around the mention (its sentence). */
  window: ReadonlySet<string>;
  /** Where the evidence is strong enough to create a new person if no list knows the name. */
  create: boolean;
  /** Strength of the evidence (title, full name, list): makes the person strong. */
  strong: boolean;
}

/** Years beyond a person's attested roles within which a document may still name them. */
const ATTESTED_MARGIN = 12;

/**
 * Whether a person can be meant at a date: alive and adult, and (for persons known only from the
 * people database) not far from any attested role. Without a date, everyone is plausible.
 */
export function plausibleAt(e: AuthorityEntry, date: string | undefined): boolean {
  if (!date) return true;
  const year = Number(date.slice(0, 4));
  if (e.born && Number(e.born.slice(0, 4)) > year - 16) return false;
  if (e.curated) return true;
  if (e.active && (year < e.active[0] - ATTESTED_MARGIN || year > e.active[1] + ATTESTED_MARGIN)) return false;
  return true;
}

/** Evidence from the dates: alive and of age, in an office at the document's date, an office that fits the title or sentence. */
function periodScore(e: AuthorityEntry, date: string | undefined, titleKeys: readonly string[], window: ReadonlySet<string>): number {
  let score = 0;
  if (date) {
    const year = Number(date.slice(0, 4));
    if (e.born && Number(e.born.slice(0, 4)) > year - 18) score -= 4;
    if (e.died && Number(e.died.slice(0, 4)) < year - 1) score -= 1.5;
  }
  const dated = e.periods.filter((p) => p.from || p.to);
  const current = date ? e.periods.filter((p) => inPeriod(date, p)) : e.periods;
  if (date && dated.length > 0) score += current.some((p) => p.from || p.to) ? 1 : current.length > 0 ? 0 : -1;
  let fits = 0;
  for (const p of current) {
    for (const t of titleKeys) if (p.words.has(t)) fits++;
    for (const w of window) if (p.words.has(w)) fits += 0.5;
  }
  return score + Math.min(fits, 3) * 0.5;
}

/** Scores list entries that share a surname against the printed forenames, titles, the sentence and the document. */
export function chooseEntry(
  candidates: readonly { entry: AuthorityEntry; part: boolean }[],
  q: Pick<NameQuery, 'forenames' | 'titleKeys' | 'window'>,
  ctx: Pick<DocContext, 'date' | 'words'>,
): { entry: AuthorityEntry; cert: Cert; candidates: number; reason: string } | undefined {
  const scored = candidates
    .filter((c) => forenamesFit(q.forenames, c.entry.forenames ?? []))
    .map((c) => {
      // each piece of evidence by name, so that the choice can say why
      const parts: [string, number][] = [];
      if (c.part) parts.push(['a word of the surname only', -1]);
      if (q.forenames.length > 0) parts.push(['forenames fit', 3]);
      // a bare surname most often names the prominent person the curated register holds
      else if (c.entry.curated) parts.push(['in the curated register', 1]);
      let titles = 0;
      for (const t of q.titleKeys) if (c.entry.contextWords.has(t) || (c.entry.titles ?? []).some((x) => fold(x).split(/\s+/).includes(t))) titles += 1;
      if (titles > 0) parts.push(['title fits', titles]);
      const period = periodScore(c.entry, ctx.date, q.titleKeys, q.window);
      if (period !== 0) parts.push([period > 0 ? 'a role at the date' : 'no role at the date', period]);
      let near = 0;
      for (const w of q.window) if (c.entry.contextWords.has(w)) near++;
      if (near > 0) parts.push(['words of the sentence', Math.min(near, 4) * 0.5]);
      let far = 0;
      for (const w of c.entry.contextWords) if (ctx.words.has(w)) far++;
      if (far > 0) parts.push(['words of the document', Math.min(far, 10) * 0.1]);
      return { entry: c.entry, score: parts.reduce((s, [, v]) => s + v, 0), parts };
    })
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best) return undefined;
  const second = scored[1];
  const margin = second ? best.score - second.score : Infinity;
  const cert: Cert = margin === Infinity ? (q.forenames.length > 0 || q.titleKeys.length > 0 ? 'high' : 'medium') : margin >= 1 ? 'medium' : 'low';
  const source = best.entry.hsg ? `people database ${best.entry.hsg}` : best.entry.origin === 'userlist' ? "the user's persons list" : 'the register';
  const evidence = best.parts.filter(([, v]) => v > 0).map(([k]) => k).join(', ');
  const reason = scored.length === 1
    ? `${source}: the only person of that name plausible${ctx.date ? ` in ${ctx.date.slice(0, 4)}` : ''}`
    : `${source}: chosen among ${scored.length} of that name (${evidence || 'no evidence'}; margin ${margin.toFixed(1)})`;
  return { entry: best.entry, cert, candidates: scored.length, reason };
}

function personFromEntry(ctx: DocContext, e: AuthorityEntry, strong: boolean, printed: string): Omit<DocPerson, 'id'> & { id?: string } {
  const surnames = new Set<string>();
  if (e.surname) {
    surnames.add(tokenize(e.surname).map((t) => t.key).join(' '));
  }
  const styled = new Set<string>();
  if ((e.titles ?? []).some((t) => /^(?:Sir|Lady|Dame)$/i.test(t)) || /\bSir\b/.test(e.description ?? '')) {
    for (const f of e.forenames ?? []) if (f.length > 1) styled.add(`sir ${f}`);
  }
  const base = {
    name: e.name,
    description: e.description,
    variants: new Set<string>(printed !== e.name && /\s/.test(printed) ? [printed] : []),
    wikidata: e.wikidata,
    surnames,
    forenames: new Set(e.forenames ?? []),
    styled,
    strong,
  };
  if (e.origin === 'register') return { ...base, id: e.id, origin: 'register', register: e };
  // A user-list person: also the register's record when the register knows the same person.
  const sameSurname = e.surname ? surnameCandidates(ctx.registers, wordKeys(e.surname).join(' ')).filter((c) => !c.part && plausibleAt(c.entry, ctx.date)) : [];
  // the same person in the register: forenames that fit (Constantine / Konstantinos), or a single-name person (Makarios III)
  const reg = sameSurname.filter((c) =>
    (e.forenames ?? []).length > 0
      ? (c.entry.forenames ?? []).length > 0 && forenamesFit(e.forenames ?? [], c.entry.forenames ?? [])
      : sameSurname.length === 1 && (e.surname ?? '').length >= 5);
  if (reg.length === 1) return { ...base, id: reg[0]!.entry.id, origin: 'userlist', user: e, register: reg[0]!.entry, wikidata: reg[0]!.entry.wikidata };
  return { ...base, origin: 'userlist', user: e };
}

/**
 * Who a printed name is. Order: a person the document already established (same surname, fitting
 * forenames), the user's list, the register, else (when `create`) a new person of the document.
 */
export function resolveName(ctx: DocContext, query: NameQuery): Resolved | undefined {
  let q = query;
  const local = ctx.persons.withSurname(q.surname).filter((p) => forenamesFit(q.forenames, p.forenames));
  if (local.length > 0) {
    let person = local[0]!;
    if (local.length > 1) {
      // prefer the one whose forenames were printed, then the first established
      person = local.find((p) => q.forenames.length > 0 && q.forenames.every((f) => p.forenames.has(f))) ?? person;
    }
    if (q.forenames.length > 0 && local.length === 1) ctx.persons.merge(person, { forenames: new Set(q.forenames.filter((f) => f.length > 1)), strong: q.strong });
    else if (q.strong) person.strong = true;
    const cert: Cert = local.length > 1 ? 'low' : person.strong ? (q.forenames.length > 0 || q.titleKeys.length > 0 ? 'high' : 'medium') : 'medium';
    return { person, cert: capCert(cert, person.idCert) };
  }
  const lists: [Authority | undefined, 'userlist' | 'register'][] = [[ctx.user, 'userlist'], [ctx.registers, 'register']];
  for (const [auth, which] of lists) {
    if (!auth) continue;
    let cands = surnameCandidates(auth, q.surname).filter((c) => plausibleAt(c.entry, ctx.date));
    // compound surnames: "Carlos Arroyo del Río" is Arroyo del Río
    for (let k = q.forenames.length - 1; cands.length === 0 && k >= 1 && k >= q.forenames.length - 2; k--) {
      const longer = surnameCandidates(auth, [...q.forenames.slice(k), q.surname].join(' ')).filter((c) => plausibleAt(c.entry, ctx.date));
      if (longer.length > 0) {
        cands = longer;
        q = { ...q, forenames: q.forenames.slice(0, k), surname: [...q.forenames.slice(k), q.surname].join(' ') };
      }
    }
    const exact = cands.filter((c) => !c.part);
    const chosen = chooseEntry(exact.length > 0 ? exact : cands, q, ctx);
    if (!chosen) continue;
    const existing = ctx.persons.forEntry(chosen.entry);
    if (existing) {
      ctx.persons.merge(existing, { surnames: new Set([q.surname]), strong: q.strong });
      return { person: existing, cert: capCert(chosen.cert, existing.idCert) };
    }
    const made = personFromEntry(ctx, chosen.entry, q.strong, q.text);
    const person = ctx.persons.add({ ...made, surnames: new Set([q.surname, ...made.surnames]) });
    let cert = chosen.cert;
    if (which === 'register' && q.forenames.length === 0 && q.titleKeys.length === 0 && cert === 'high') cert = 'medium';
    // a choice among namesakes caps every later mention of the person
    if (chosen.candidates > 1) person.idCert = capCert(chosen.cert === 'high' ? 'medium' : chosen.cert, person.idCert);
    person.reason ??= chosen.reason;
    return { person, cert };
  }
  if (!q.create) return undefined;
  const person = ctx.persons.add({
    name: q.text,
    reason: q.titleKeys.length > 0 ? 'a title before a name no list knows' : 'a name pattern; no list knows the name',
    variants: new Set(),
    origin: 'pattern',
    surnames: new Set([q.surname]),
    forenames: new Set(q.forenames.filter((f) => f.length > 1)),
    styled: new Set(q.titleKeys.includes('sir') && q.forenames.length > 0 ? [`sir ${q.forenames[0]}`] : []),
    strong: q.strong,
  });
  return { person, cert: q.strong ? 'medium' : 'low' };
}

/** Persons called by title and forename (`Sir Roger`): the document's, then the user's list. */
export function resolveStyled(ctx: DocContext, forename: string, window: ReadonlySet<string>): Resolved | undefined {
  const key = `sir ${forename}`;
  const local = ctx.persons.withStyle(key);
  if (local.length === 1) return { person: local[0]!, cert: 'high' };
  for (const auth of [ctx.user, ctx.registers]) {
    if (!auth) continue;
    const cands: { entry: AuthorityEntry; part: boolean }[] = [];
    for (const e of auth.entries.values()) {
      if (e.kind !== 'person' || !(e.forenames ?? []).includes(forename)) continue;
      if ((e.titles ?? []).some((t) => /^(?:Sir|Lady|Dame)$/i.test(t)) || /\bSir\b/.test(e.description ?? '')) cands.push({ entry: e, part: false });
    }
    const chosen = chooseEntry(cands, { forenames: [], titleKeys: ['sir'], window }, ctx);
    if (!chosen) continue;
    const existing = ctx.persons.forEntry(chosen.entry);
    const person = existing ?? ctx.persons.add(personFromEntry(ctx, chosen.entry, true, chosen.entry.name));
    person.styled.add(key);
    ctx.persons.merge(person, {});
    return { person, cert: chosen.cert === 'high' ? 'high' : 'medium' };
  }
  return undefined;
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
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
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
