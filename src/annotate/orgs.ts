/**
 * Organisations: the register's names and abbreviations (`United Nations`, `NATO`), and names built
 * on an institution's head noun: capitalised words before it (`British Embassy`, `Stalin Tank
 * School`, `Foreign Office`) or a complement after it (`Department of State`, `Ministry of Foreign
 * Affairs`). A head alone (`the Department`) is not tagged.
 *
 * Coordinated names sharing a plural head — `Voroshilov and Frunze Military Academies` — are two
 * organisations. They are tagged as two orgName mentions, `Voroshilov` and `Frunze Military
 * Academies`, each pointing to its own record (`Voroshilov Military Academy`, `Frunze Military
 * Academy`): the elided head is supplied in the record's name, never in the text.
 */
import { isClaimed, PATTERN_SOURCE, registerMatches, slug, type Candidate, type DocContext, type RecordRef, type Segment } from './context.js';
import { lookUp, recordOf } from './places.js';
import { abbreviationEntries, chooseAbbreviation } from './abbreviations.js';
import { isNameWord } from './persons/name-words.js';
import { FUNCTION_WORDS, NATIONALITY, ORG_HEADS, ORG_HEADS_PLURAL, THING_HEADS, formKey, type Token } from './text.js';
import type { FormHit } from './registers.js';

const SPACE = /^[ \t\u00a0]+$/;
/** Persons' offices: before an institution's name they are not part of it ("Head Southern Department"). */
const OFFICE_WORDS = new Set(['head', 'chief', 'secretary', 'minister', 'ambassador', 'director', 'chairman', 'commander', 'governor', 'counselor', 'counsellor', 'president', 'consul', 'charge', 'member', 'officer', 'adviser', 'advisor', 'representative', 'delegate', 'spokesman', 'attache']);

function isModifier(t: Token): boolean {
  return (t.cap || t.upper) && !FUNCTION_WORDS.has(t.key) && !t.possessive;
}

/** A register organisation whose name is exactly `name`, if any. */
function registerOrg(ctx: DocContext, name: string): FormHit | undefined {
  return ctx.registers.trie.exact(formKey(name).split(' ')).find((h) => h.entry.kind === 'org');
}

/** Whether a register name (any kind) starts at token i. */
function registerNameAt(ctx: DocContext, seg: Segment, i: number): boolean {
  return registerMatches(ctx, seg, i).length > 0 || ctx.persons.withSurname(seg.tokens[i]!.key).length > 0;
}

function patternRecord(ctx: DocContext, name: string): RecordRef {
  const reg = registerOrg(ctx, name);
  if (reg) {
    const e = reg.entry;
    return { id: e.id, kind: 'org', name: e.name, description: e.description, wikidata: e.wikidata, source: 'register', variants: name !== e.name ? [name] : undefined };
  }
  return { id: `org-doc-${slug(name)}`, kind: 'org', name, source: PATTERN_SOURCE };
}

function patternOrgs(ctx: DocContext, seg: Segment): Candidate[] {
  const out: Candidate[] = [];
  const { tokens, text } = seg;
  for (let h = 0; h < tokens.length; h++) {
    const head = tokens[h]!;
    if (!head.cap || !ORG_HEADS.has(head.key)) continue;
    // capitalised words before the head
    let from = h;
    while (from - 1 >= 0 && SPACE.test(text.slice(tokens[from - 1]!.end, tokens[from]!.start)) && isModifier(tokens[from - 1]!) && !isClaimed(ctx, seg.index, from - 1)) from--;
    // a complement after it: "of [the] Capitalised Words"
    let to = h + 1;
    let k = h + 1;
    if (!head.possessive && tokens[k] && ['of', 'on', 'for'].includes(tokens[k]!.text) && SPACE.test(text.slice(head.end, tokens[k]!.start))) {
      k++;
      if (tokens[k]?.text === 'the') k++;
      const next = tokens[k];
      if (next && (next.cap || next.upper) && !FUNCTION_WORDS.has(next.key) && SPACE.test(text.slice(tokens[k - 1]!.end, next.start))) {
        to = k + 1;
        while (to < tokens.length && to - k < 4 && SPACE.test(text.slice(tokens[to - 1]!.end, tokens[to]!.start)) && isModifier(tokens[to]!) && !THING_HEADS.has(tokens[to]!.key) && !tokens[to - 1]!.possessive) to++;
      }
    }
    // a capitalised word opening the sentence is a modifier only if it is a name (not "Sent Department …")
    if (from < h && tokens[from]!.sentenceStart && !NATIONALITY.has(tokens[from]!.key) && !tokens[from]!.upper && !registerNameAt(ctx, seg, from)) from++;
    // an office before the head is not part of the name ("Head Southern Department")
    while (from < h && OFFICE_WORDS.has(tokens[from]!.key)) from++;
    if (from === h && to === h + 1) continue;
    // the register knows this institution by a name that starts here (League of Nations …)
    if (registerMatches(ctx, seg, from).some((m) => m.values.some((v) => v.entry.kind === 'org'))) {
      h = to - 1;
      continue;
    }
    const start = tokens[from]!.start;
    const end = tokens[to - 1]!.end;
    const printed = text.slice(start, end);
    const singular = ORG_HEADS_PLURAL.get(head.key);
    const recordName = singular && to === h + 1 ? text.slice(start, head.start) + singular : printed;
    out.push({ segment: seg.index, start, end, type: 'org', priority: 62, resp: 'pattern', cert: 'medium', record: patternRecord(ctx, recordName) });
    // "Voroshilov and Frunze Military Academies": the first name of the pair is an organisation too
    if (singular && from < h) {
      const and = tokens[from - 1];
      const first = tokens[from - 2];
      if (and?.key === 'and' && first && isNameWord(first) && !NATIONALITY.has(first.key) && SPACE.test(text.slice(first.end, and.start)) && SPACE.test(text.slice(and.end, tokens[from]!.start))) {
        const shared = tokens.slice(from + 1, h).map((t) => t.text);
        const name = [first.text, ...shared, singular].join(' ');
        out.push({ segment: seg.index, start: first.start, end: first.end, type: 'org', priority: 62, resp: 'pattern', cert: 'medium', record: patternRecord(ctx, name) });
      }
    }
    h = to - 1;
  }
  return out;
}

/**
 * A register match printed as an abbreviation several organisations share is resolved from the
 * document's context (see abbreviations.ts), or dropped when the context does not decide.
 */
function resolveShared(ctx: DocContext, seg: Segment, c: Candidate): Candidate | undefined {
  const printed = seg.text.slice(c.start, c.end);
  if (!/^[A-Z]{2,6}$/.test(printed)) return c;
  const entries = abbreviationEntries(ctx, printed);
  if (entries.length < 2) return c;
  const choice = chooseAbbreviation(ctx, entries);
  if (!choice.entry || !choice.cert) return undefined;
  return { ...c, cert: choice.cert, record: { ...recordOf(choice.entry, printed), reason: choice.reason } };
}

export function findOrgs(ctx: DocContext): Candidate[] {
  return ctx.segments.flatMap((seg) => [
    ...lookUp(ctx, seg, 'org', 64).flatMap((c) => resolveShared(ctx, seg, c) ?? []),
    ...patternOrgs(ctx, seg),
  ]);
}
