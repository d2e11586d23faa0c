/**
 * FIND: persons in the running text and notes. Each rule finds a span and reads its printed name (a
 * NameQuery); link.ts says who it is (PROPOSE, then CHOOSE); a span is tagged only when it is
 * linked, with the decision's certainty, lowered here where the rule's own evidence is weaker (a
 * bare surname, an ordinary word, a guess from a reporting verb). FRUS tags the name without the title before it
 * (`Mr. <persName>Rountree</persName>`, `Field Marshal <persName>Montgomery</persName>`) and the full
 * name where the text gives it (`<persName>William M. Rountree</persName>`).
 *
 * Rules, strongest first (each mention links to one person record of the document):
 *  1. a title or honorific before a capitalised name (`Ambassador Cannon`, `Sir Roger Makins`, `Miss Salt`);
 *     a peerage (`Viscount Montgomery of Alamein`) is a title, not a mention, and is left untagged;
 *  2. a full name of the user's list or the register (`Julius Holmes`, `Selwyn Lloyd`);
 *  3. the name opening an item of a participants list, and the signature;
 *  4. a surname alone: a person the document has already established, else the user's list, else
 *     the register (ordinary words such as Wood or Young need more context);
 *  5. a capitalised word before a reporting verb (`Nutting said`), and names coordinated with a
 *     person (`Lloyd, Lennox-Boyd, Nutting`) — both low certainty;
 *  6. a role that a footnote identified (`British Ambassador`) wherever it is repeated.
 * A name followed by the head of an institution's or thing's name (`Stalin Tank School`,
 * `Marshall Plan`) is not a person here.
 */
import type { Cert } from '../../model.js';
import { claim, isClaimed, registerMatches, type Candidate, type DocContext, type Segment } from '../context.js';
import { formInUse } from '../places.js';
import { isForename, knowsSurname, type Authority, type FormHit } from '../registers.js';
import { FORENAMES, FUNCTION_WORDS, ORG_HEADS, SPEECH_VERBS, THING_HEADS, tokenIndexAt, type Token } from '../text.js';
import { capCert, type DocPerson } from './doc-persons.js';
import { resolveName, resolveStyled } from './link.js';
import { respOf } from './records.js';
import { ABBREVIATED_TITLES, isAmbiguousWord, isInitial, isNameWord, nameRunAt, sentenceWords, splitName, titleAt, TITLE_WORDS } from './name-words.js';

function spanEnd(seg: Segment, to: number): number {
  const last = seg.tokens[to - 1]!;
  // keep the stop of a final initial or "Jr."
  return last.dot && (last.text.length === 1 || /^(?:jr|sr)$/.test(last.key)) ? last.end + 1 : last.end;
}

function candidate(seg: Segment, from: number, to: number, person: DocPerson, cert: Cert, priority: number): Candidate {
  return { segment: seg.index, start: seg.tokens[from]!.start, end: spanEnd(seg, to), type: 'person', priority, resp: respOf(person), cert, person };
}

/** Whether the words after a name make it part of an institution's or a thing's name. */
function followedByHead(seg: Segment, to: number): boolean {
  const next = seg.tokens[to];
  if (!next || !next.cap || !/^[ \t]+$/.test(seg.text.slice(seg.tokens[to - 1]!.end, next.start))) return false;
  if (seg.tokens[to - 1]!.possessive) return false;
  if (ORG_HEADS.has(next.key) || THING_HEADS.has(next.key)) return true;
  // one more capitalised word, then a head (`Stalin Tank School`)
  const after = seg.tokens[to + 1];
  return !!after && after.cap && /^[ \t]+$/.test(seg.text.slice(next.end, after.start)) && (ORG_HEADS.has(after.key) || THING_HEADS.has(after.key));
}

/** Single-word place or organisation names of the registers at token i. */
function registerKindsAt(ctx: DocContext, seg: Segment, i: number): Set<string> {
  const kinds = new Set<string>();
  for (const m of registerMatches(ctx, seg, i)) {
    if (m.to !== i + 1) continue;
    for (const v of m.values) if (v.entry.kind !== 'person' && formInUse(v, ctx.date)) kinds.add(v.entry.kind);
  }
  return kinds;
}

function nextIsSpeechVerb(seg: Segment, i: number): boolean {
  const t = seg.tokens[i]!;
  const n = seg.tokens[i + 1];
  if (!n || t.possessive) return false;
  const gap = seg.text.slice(t.end, n.start);
  return /^[ \t]+$/.test(gap) && SPEECH_VERBS.has(n.key) && !n.cap;
}

/** Whether a capitalised word that may continue the name follows (`Karamanlis Government`; not `Karamanlis I reviewed`). */
function nextIsCapitalised(seg: Segment, i: number): boolean {
  const t = seg.tokens[i]!;
  const n = seg.tokens[i + 1];
  return !!n && n.cap && !FUNCTION_WORDS.has(n.key) && /^[ \t]+$/.test(seg.text.slice(t.end, n.start)) && !t.possessive;
}

/** Endings of English words that are rarely surnames (`Conversation`, `Objective`), for the guessing rules. */
const WORD_ENDINGS = /(?:tion|sion|ment|ness|ity|ive|ance|ence|ism|ist|ing|ous|ful|less|able|ible|ical|ally|ward|wise|ship|hood|ize|ise|ated|ies)$/;

function looksLikeWord(t: Token): boolean {
  return WORD_ENDINGS.test(t.key) && t.key.length > 5;
}

export interface PersonOptions {
  /** Role phrases identified by footnotes. */
  roles: ReadonlyMap<string, DocPerson>;
}

export function findPersons(ctx: DocContext, options: PersonOptions): Candidate[] {
  const out: Candidate[] = [];
  for (const seg of ctx.segments) strongPass(ctx, seg, out);
  for (const seg of ctx.segments) barePass(ctx, seg, out, options);
  coordinationPass(ctx, out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// 1–3: titles, full names, participants, signatures

function strongPass(ctx: DocContext, seg: Segment, out: Candidate[]): void {
  const { text, tokens } = seg;
  if (seg.kind === 'signed') {
    const run = nameRunAt(text, tokens, 0, true);
    if (run && run.from === 0 && run.to === tokens.length && run.to - run.from <= 4) {
      const { forenames, surname } = splitName(tokens, run.from, run.to);
      const r = resolveName(ctx, { surname, forenames, text: text.slice(tokens[0]!.start, tokens[run.to - 1]!.end), titleKeys: [], window: ctx.words, create: true, strong: true });
      if (r) {
        out.push(candidate(seg, run.from, run.to, r.person, r.person.origin === 'pattern' ? 'medium' : r.cert, 70));
        claim(ctx, seg.index, run.from, run.to);
      }
    }
    return;
  }
  for (let i = 0; i < tokens.length; i++) {
    if (isClaimed(ctx, seg.index, i)) continue;
    const t = tokens[i]!;
    if (!t.cap) continue;
    const title = titleAt(text, tokens, i);
    if (title) {
      const j = title.to;
      const next = tokens[j];
      const titleEnd = tokens[j - 1]!;
      const gap = next ? text.slice(titleEnd.end, next.start) : '';
      // "Mr. Thurston", "M. Bidault"; but "… with Foreign Minister. Objective …" ends a sentence
      const gapOk = next && !titleEnd.possessive && (/^[ \t\u00a0]+$/.test(gap) || (/^\.[ \t\u00a0]+$/.test(gap) && (ABBREVIATED_TITLES.has(titleEnd.key) || titleEnd.key === 'm')));
      const run = gapOk ? nameRunAt(text, tokens, j) : undefined;
      if (title.peerage && run) {
        const after = text.slice(tokens[run.to - 1]!.end);
        const of = /^\s+of\s+/.exec(after);
        if (of && tokens[run.to + 1]?.cap) {
          // "Viscount Montgomery of Alamein": a title, not a mention
          let k = run.to + 1;
          while (k + 1 < tokens.length && tokens[k + 1]!.cap && /^[ \t]+$/.test(text.slice(tokens[k]!.end, tokens[k + 1]!.start))) k++;
          out.push({ segment: seg.index, start: tokens[i]!.start, end: tokens[k]!.end, type: 'block', priority: 99, resp: 'pattern', cert: 'high' });
          claim(ctx, seg.index, i, k + 1);
          i = k;
          continue;
        }
      }
      if (!run || run.from !== j || followedByHead(seg, run.to)) {
        i = title.to - 1;
        continue;
      }
      if (!title.honorific && run.to - run.from === 1 && registerKindsAt(ctx, seg, run.from).size > 0 && ctx.persons.withSurname(tokens[run.from]!.key).length === 0) {
        i = run.to - 1;
        continue;
      }
      const window = sentenceWords(tokens, t.start, tokens[run.to - 1]!.end);
      const spanText = text.slice(tokens[run.from]!.start, spanEnd(seg, run.to));
      let resolved;
      if (title.keys.some((k) => k === 'sir' || k === 'lady' || k === 'dame') && run.to - run.from === 1 && isForename(tokens[run.from]!.key, ctx.user, ctx.registers)) {
        resolved = resolveStyled(ctx, tokens[run.from]!.key, window);
      }
      if (!resolved) {
        const { forenames, surname } = splitName(tokens, run.from, run.to);
        resolved = resolveName(ctx, { surname, forenames, text: spanText, titleKeys: title.keys, window, create: true, strong: true });
        if (resolved && title.keys.includes('sir') && forenames.length > 0) {
          resolved.person.styled.add(`sir ${forenames[0]}`);
          ctx.persons.merge(resolved.person, {});
        }
      }
      if (resolved) {
        let cert = resolved.cert;
        if (resolved.person.origin === 'pattern') cert = title.honorific ? 'high' : 'medium';
        out.push(candidate(seg, run.from, run.to, resolved.person, cert, 80));
        claim(ctx, seg.index, i, run.to);
      }
      i = run.to - 1;
      continue;
    }
    // 2. full names of the lists
    const full = fullNameAt(ctx, seg, i);
    if (full) {
      out.push(full.candidate);
      claim(ctx, seg.index, i, full.to);
      i = full.to - 1;
      continue;
    }
    // 3. the name opening a participants item ("Karamanlis, Prime Minister")
    if (seg.kind === 'participant' && i === 0) {
      const run = nameRunAt(text, tokens, 0);
      if (run && run.from === 0 && /^(?:,|\s*$)/.test(text.slice(tokens[run.to - 1]!.end)) && run.to - run.from >= 2) {
        const { forenames, surname } = splitName(tokens, run.from, run.to);
        const r = resolveName(ctx, { surname, forenames, text: text.slice(tokens[0]!.start, spanEnd(seg, run.to)), titleKeys: [], window: sentenceWords(tokens, 0, text.length), create: isForename(tokens[0]!.key, ctx.user, ctx.registers) || isInitial(tokens[0]!), strong: true });
        if (r) {
          out.push(candidate(seg, run.from, run.to, r.person, r.person.origin === 'pattern' ? 'medium' : r.cert, 70));
          claim(ctx, seg.index, 0, run.to);
          i = run.to - 1;
        }
      }
    }
  }
}

/** A person's full name (two words or more) from the user's list or the register at token i. */
function fullNameAt(ctx: DocContext, seg: Segment, i: number): { candidate: Candidate; to: number } | undefined {
  const { text, tokens } = seg;
  const prev = tokens[i - 1];
  if (prev && isNameWord(prev) && /^[ \t]+$/.test(text.slice(prev.end, tokens[i]!.start))) return undefined;
  for (const auth of [ctx.user, ctx.registers]) {
    if (!auth) continue;
    const matches = auth === ctx.registers ? registerMatches(ctx, seg, i) : auth.trie.matchesAt(text, tokens, i);
    for (const m of matches) {
      if (m.to - m.from < 2) continue;
      const hits = (m.values as readonly FormHit[]).filter((h) => h.entry.kind === 'person' && h.form.type !== 'surname' && h.form.type !== 'surname-part');
      if (hits.length === 0) continue;
      // the name must not go on (`John Foster Dulles` is not `Foster Dulles`)
      const after = tokens[m.to];
      if (after && isNameWord(after) && /^[ \t]+$/.test(text.slice(tokens[m.to - 1]!.end, after.start)) && !tokens[m.to - 1]!.possessive) continue;
      if (followedByHead(seg, m.to)) continue;
      const entries = [...new Set(hits.map((h) => h.entry))];
      const entry = entries[0]!;
      const existing = ctx.persons.forEntry(entry);
      const { forenames, surname } = splitName(tokens, m.from, m.to);
      const r = existing
        ? { person: existing, cert: capCert('high', existing.idCert) }
        : resolveName(ctx, { surname, forenames, text: text.slice(tokens[m.from]!.start, spanEnd(seg, m.to)), titleKeys: [], window: sentenceWords(tokens, tokens[m.from]!.start, tokens[m.to - 1]!.end), create: false, strong: true });
      if (!r) continue;
      const cert: Cert = entries.length > 1 ? 'medium' : 'high';
      return { candidate: candidate(seg, m.from, m.to, r.person, cert, 75), to: m.to };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// 4–6: bare surnames, reporting verbs, roles

function roleAt(seg: Segment, i: number, roles: ReadonlyMap<string, DocPerson>): { to: number; person: DocPerson } | undefined {
  if (roles.size === 0) return undefined;
  for (const [key, person] of roles) {
    const words = key.split(' ');
    if (i + words.length > seg.tokens.length) continue;
    let ok = true;
    for (let k = 0; k < words.length && ok; k++) {
      const t = seg.tokens[i + k]!;
      ok = t.key === words[k] && (k === 0 || /^[ \t]+$/.test(seg.text.slice(seg.tokens[i + k - 1]!.end, t.start)));
    }
    if (ok) return { to: i + words.length, person };
  }
  return undefined;
}

function barePass(ctx: DocContext, seg: Segment, out: Candidate[], options: PersonOptions): void {
  const { text, tokens } = seg;
  for (let i = 0; i < tokens.length; i++) {
    if (isClaimed(ctx, seg.index, i)) continue;
    const t = tokens[i]!;
    if (!t.cap) continue;
    const role = roleAt(seg, i, options.roles);
    if (role && !tokens[role.to - 1]!.possessive) {
      out.push({ segment: seg.index, start: t.start, end: tokens[role.to - 1]!.end, type: 'role', priority: 70, resp: 'footnote', cert: 'medium', person: role.person });
      claim(ctx, seg.index, i, role.to);
      i = role.to - 1;
      continue;
    }
    if (!isNameWord(t)) continue;
    let run = nameRunAt(text, tokens, i);
    if (!run) continue;
    let to = run.from;
    while (to < run.to && !isClaimed(ctx, seg.index, to)) to++;
    run = { from: run.from, to };
    if (run.to - run.from >= 2 && !followedByHead(seg, run.to)) {
      const done = multiWord(ctx, seg, run.from, run.to, out);
      if (done) {
        i = run.to - 1;
        continue;
      }
    }
    single(ctx, seg, i, out);
  }
}

/** A run of two or more name words: forenames + a surname, or several names side by side. */
function multiWord(ctx: DocContext, seg: Segment, from: number, to: number, out: Candidate[]): boolean {
  const { tokens, text } = seg;
  const { forenames, surname } = splitName(tokens, from, to);
  const forenameLike = tokens.slice(from, to - 1).every((t) => isInitial(t) || isForename(t.key, ctx.user, ctx.registers));
  if (!forenameLike) return false;
  if (registerKindsAt(ctx, seg, to - 1).size > 0 && ctx.persons.withSurname(surname).length === 0) return false;
  const spanText = text.slice(tokens[from]!.start, spanEnd(seg, to));
  const window = sentenceWords(tokens, tokens[from]!.start, tokens[to - 1]!.end);
  // a new person needs a common forename or an initial first ("George Grivas", "J. Smith"), not just any word
  const create = isInitial(tokens[from]!) || FORENAMES.has(tokens[from]!.key);
  const r = resolveName(ctx, { surname, forenames, text: spanText, titleKeys: [], window, create, strong: true });
  if (!r) return false;
  out.push(candidate(seg, from, to, r.person, r.person.origin === 'pattern' ? 'medium' : r.cert, 65));
  claim(ctx, seg.index, from, to);
  return true;
}

/**
 * Whether an office in parentheses follows the word: `Young (Head Southern Department)`, `Peake
 * (British Ambassador to Greece)` — the way telegrams identify a person named by surname alone.
 */
function officeInParentheses(seg: Segment, i: number): boolean {
  const t = seg.tokens[i]!;
  const open = seg.tokens[i + 1];
  if (!open || t.possessive || !/^[ \t]+\($/.test(seg.text.slice(t.end, open.start))) return false;
  // the office within the first three words: a nationality or "Deputy" may come first
  for (let k = i + 1; k < i + 4 && seg.tokens[k]; k++) {
    const w = seg.tokens[k]!;
    if (!w.cap || (k > i + 1 && !/^[ \t]+$/.test(seg.text.slice(seg.tokens[k - 1]!.end, w.start)))) return false;
    if (TITLE_WORDS.has(w.key) || OFFICE_HEADS.has(w.key)) return true;
  }
  return false;
}

/** Offices that identify a person and are not titles before a name. */
const OFFICE_HEADS = new Set(['head', 'chief', 'director', 'chairman', 'counselor', 'counsellor', 'spokesman', 'leader', 'deputy', 'adviser', 'advisor']);

function single(ctx: DocContext, seg: Segment, i: number, out: Candidate[]): void {
  const { tokens } = seg;
  const t = tokens[i]!;
  if (followedByHead(seg, i + 1)) return;
  const office = officeInParentheses(seg, i);
  const speech = nextIsSpeechVerb(seg, i) || office;
  const ambiguous = isAmbiguousWord(t) && !office;
  const capNext = nextIsCapitalised(seg, i);
  const window = sentenceWords(tokens, t.start, t.end);
  // an office in parentheses says who the person is, not which of the register's namesakes
  const q = { surname: t.key, forenames: [], text: t.text, titleKeys: [], window, create: false, strong: false, onlySure: office };
  const local = ctx.persons.withSurname(t.key);
  if (local.length > 0) {
    if (ambiguous && (capNext || (t.sentenceStart && !speech))) return;
    const r = resolveName(ctx, q);
    if (!r) return;
    const cert: Cert = ambiguous && r.cert === 'high' ? 'medium' : r.cert;
    out.push(candidate(seg, i, i + 1, r.person, cert, 60));
    claim(ctx, seg.index, i, i + 1);
    return;
  }
  const places = registerKindsAt(ctx, seg, i);
  // a surname as printed, or in another romanisation where the word is no English one at a sentence's start (Noting / Nutting)
  const known = (auth: Authority): boolean =>
    auth.surnames.has(t.key) || (!looksLikeWord(t) && (!t.sentenceStart || speech) && knowsSurname(auth, t.key));
  if (ctx.user && known(ctx.user)) {
    if (ambiguous && (capNext || t.sentenceStart) && !speech) return;
    if (places.size > 0 && !speech) return;
    const r = resolveName(ctx, q);
    if (r) {
      const cert: Cert = ambiguous ? 'low' : r.cert;
      out.push(candidate(seg, i, i + 1, r.person, cert, 55));
      claim(ctx, seg.index, i, i + 1);
      return;
    }
  }
  // With a user's persons list, the list says who is tagged by surname alone (the FRUS convention):
  // the register's bare surnames and the guessing rules below are not used.
  if (ctx.user) return;
  if (known(ctx.registers) && !ambiguous && places.size === 0 && !capNext) {
    const r = resolveName(ctx, q);
    if (r) {
      const cert: Cert = r.cert === 'high' ? 'medium' : r.cert;
      out.push(candidate(seg, i, i + 1, r.person, cert, 50));
      claim(ctx, seg.index, i, i + 1);
      return;
    }
  }
  if (speech && places.size === 0 && !ambiguous && !t.upper && !looksLikeWord(t)) {
    const r = resolveName(ctx, { ...q, create: true });
    if (r) {
      out.push(candidate(seg, i, i + 1, r.person, 'low', 40));
      claim(ctx, seg.index, i, i + 1);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 5b: coordination ("Lloyd, Lennox-Boyd, Nutting, Kirkpatrick, Peake")

const COORD = /^(?:,\s+(?:and\s+)?|\s+and\s+)$/;

function coordinationPass(ctx: DocContext, out: Candidate[]): void {
  const bySegment = new Map<number, Candidate[]>();
  for (const c of out) if (c.type === 'person') (bySegment.get(c.segment) ?? bySegment.set(c.segment, []).get(c.segment)!).push(c);
  for (const [segIndex, cands] of bySegment) {
    const seg = ctx.segments[segIndex]!;
    const { tokens, text } = seg;
    const tokenOf = (offset: number) => tokenIndexAt(tokens, offset);
    const queue = [...cands];
    let guard = 0;
    while (queue.length > 0 && guard++ < 200) {
      const c = queue.shift()!;
      const first = tokenOf(c.start);
      let last = first;
      while (last + 1 < tokens.length && tokens[last + 1]!.end <= c.end) last++;
      for (const k of [first - 1, last + 1]) {
        const n = tokens[k];
        if (!n || isClaimed(ctx, segIndex, k) || !isNameWord(n)) continue;
        const gap = k < first ? text.slice(n.end, tokens[first]!.start) : text.slice(tokens[last]!.end, n.start);
        if (!COORD.test(gap)) continue;
        // a single word, not part of a longer name, not a place or body, not an ordinary word
        const before = tokens[k - 1];
        const after = tokens[k + 1];
        if (before && before.cap && /^[ \t]+$/.test(text.slice(before.end, n.start))) continue;
        if (after && after.cap && /^[ \t]+$/.test(text.slice(n.end, after.start)) && !n.possessive) continue;
        if (isAmbiguousWord(n) || registerKindsAt(ctx, seg, k).size > 0) continue;
        if (looksLikeWord(n)) continue;
        const r = resolveName(ctx, { surname: n.key, forenames: [], text: n.text, titleKeys: [], window: sentenceWords(tokens, n.start, n.end), create: !ctx.user, strong: false });
        if (!r) continue;
        const made = candidate(seg, k, k + 1, r.person, r.person.origin === 'pattern' ? 'low' : r.cert, 45);
        out.push(made);
        claim(ctx, segIndex, k, k + 1);
        queue.push(made);
      }
    }
  }
}
