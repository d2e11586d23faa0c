/**
 * Offices and posts the text names instead of a person: "the Secretary", "the Secretary of State",
 * "the Under Secretary", "the Ambassador", "the Ambassador in Ecuador", and "the Embassy". FIND is a
 * phrase with its article; CHOOSE is the holder of the office on the document's date (Principal
 * Officers and Chiefs of Mission, offices.ts), taken only where there is exactly one:
 *
 *  - the Secretary (of State), the Under Secretary (of State): the Department's principal officer;
 *  - the Ambassador in X: the ambassador of the United States in X;
 *  - the Ambassador: the ambassador at the post the head names ("The Ambassador in the Soviet
 *    Union", "Telegram From the Embassy in Greece", "… to the Ambassador in Ecuador"), unless the
 *    ambassador last named before it is someone else's ("the British Ambassador", "Ambassador
 *    Melas"), whom a bare "the Ambassador" then most likely means;
 *  - the Embassy, in the body (a footnote often cites another post's telegram): the United States
 *    Embassy at that post, an organisation.
 * An acting holder ("the Acting Secretary") is never resolved (POCOM does not record them), nor "the
 * President" (no office of the Department; in a telegram from a post, often the host's president).
 * The role is tagged as FRUS writes an office (`gloss type="role"`), with `@resp="#resp.office"`
 * and medium certainty; the title alone, without its article.
 */
import type { Cert } from '../../model.js';
import { PATTERN_SOURCE, slug, type Candidate, type DocContext, type Segment } from '../context.js';
import { chiefsOn, principalOn, type ChiefFilter } from '../offices.js';
import type { AuthorityEntry } from '../registers.js';
import { NATIONALITY } from '../text.js';
import type { Decision } from './choose.js';
import { personOfEntry } from './link.js';

/** The United States post a head names: the country as printed, and whether it is an embassy. */
export interface HeadPost {
  country: string;
  embassy: boolean;
}

const POST = /\b(Ambassador|Minister|Chargé(?:\s+d[’']Affaires)?(?:\s+ad\s+interim)?|Embassy|Legation)\s+in\s+(?:the\s+)?(\p{Lu}[\p{L}’'.-]*(?:\s+\p{Lu}[\p{L}’'.-]*)*)/gu;

/** The one post the head names (sender or addressee), or none when it names none or several. */
export function headPost(head: string): HeadPost | undefined {
  const posts = [...head.matchAll(POST)].map((m) => ({ country: m[2]!.replace(/[.’']+$/, ''), embassy: /^(?:Ambassador|Embassy)$/.test(m[1]!) }));
  const countries = new Set(posts.map((p) => p.country));
  if (countries.size !== 1) return undefined;
  return { country: posts[0]!.country, embassy: posts.some((p) => p.embassy) };
}

const CERT: Cert = 'medium';
const SPACE = /^[ \t\u00a0]+$/;
/** The ambassador of a post is an ambassador in post (POCOM), not the chargé who stood in, nor an appointee who never came. */
const AMBASSADOR: ChiefFilter = { role: 'ambassador-e-p', inPost: true };

type Phrase =
  | { kind: 'principal'; office: string; from: number; to: number }
  | { kind: 'chief'; country?: string; from: number; to: number }
  | { kind: 'embassy'; from: number; to: number };

const joined = (seg: Segment, a: number, b: number): boolean => !!seg.tokens[a] && !!seg.tokens[b] && SPACE.test(seg.text.slice(seg.tokens[a]!.end, seg.tokens[b]!.start));
const keyAt = (seg: Segment, i: number): string | undefined => seg.tokens[i]?.key;

/** The office phrase after the article at token i ("the" + …), if any. */
function phraseAt(seg: Segment, i: number): Phrase | undefined {
  return joined(seg, i, i + 1) ? officeAt(seg, i + 1) : undefined;
}

/**
 * "Secretary" without its article, as telegrams write it ("Secretary authorizes you …", "message
 * from Secretary to Karamanlis"): not after a capitalised word ("Colonial Secretary", "Acting
 * Secretary", "Mr. Jones, Secretary"), nor before a name ("Secretary Humphrey") or a thing of his
 * ("Secretary’s Memoranda").
 */
function bareSecretaryAt(seg: Segment, i: number): Phrase | undefined {
  const t = seg.tokens[i]!;
  const prev = seg.tokens[i - 1];
  if (!t.cap || (prev && prev.cap && !t.sentenceStart) || prev?.key === 'the') return undefined;
  const p = t.key === 'secretary' || t.key === 'under' ? officeAt(seg, i) : undefined;
  if (p?.kind !== 'principal') return undefined;
  const next = seg.tokens[p.to];
  if (next && next.cap && SPACE.test(seg.text.slice(seg.tokens[p.to - 1]!.end, next.start).replace(/^['’]s?/, ' '))) return undefined;
  return p;
}

/** The office phrase whose title starts at token j ("Secretary", "Under Secretary", "Ambassador", "Embassy"), if any. */
function officeAt(seg: Segment, j: number): Phrase | undefined {
  const t = seg.tokens[j];
  if (!t || !t.cap) return undefined;
  const next = (k: number) => (joined(seg, k - 1, k) ? keyAt(seg, k) : undefined);
  if (t.key === 'secretary' || (t.key === 'under' && next(j + 1) === 'secretary' && seg.tokens[j + 1]!.cap)) {
    const s = t.key === 'secretary' ? j : j + 1;
    const office = t.key === 'secretary' ? 'secretary of state' : 'under secretary of state';
    if (seg.tokens[s]!.possessive) return { kind: 'principal', office, from: j, to: s + 1 };
    const after = next(s + 1);
    if (after === 'of') {
      // "the Secretary of State", but not "of State for Foreign Affairs", "of the Treasury", "of Defense"
      if (next(s + 2) !== 'state' || !seg.tokens[s + 2]!.cap || next(s + 3) === 'for') return undefined;
      return { kind: 'principal', office, from: j, to: s + 3 };
    }
    if (after === 'general' || after === 'for') return undefined;
    return { kind: 'principal', office, from: j, to: s + 1 };
  }
  if (t.key === 'ambassador') {
    if (t.possessive) return { kind: 'chief', from: j, to: j + 1 };
    const after = next(j + 1);
    if (after === 'in' && seg.tokens[j + 2]) {
      // "the Ambassador in Ecuador", "in the Soviet Union": the country as printed
      let k = j + 2;
      if (next(k) === 'the') k++;
      const from = k;
      while (seg.tokens[k] && seg.tokens[k]!.cap && (k === from || joined(seg, k - 1, k))) k++;
      if (k === from || !joined(seg, from - 1, from)) return undefined;
      return { kind: 'chief', country: seg.text.slice(seg.tokens[from]!.start, seg.tokens[k - 1]!.end), from: j, to: j + 1 };
    }
    // "the Ambassador of Pakistan", "to the United Nations", "at London", "designate": someone else
    if (after && ['of', 'to', 'at', 'designate', 'extraordinary'].includes(after)) return undefined;
    return { kind: 'chief', from: j, to: j + 1 };
  }
  if (t.key === 'embassy' && seg.kind !== 'note') {
    const after = next(j + 1);
    if (after && ['of', 'in', 'at', 'to', 'here', 'there'].includes(after)) return after === 'here' ? { kind: 'embassy', from: j, to: j + 1 } : undefined;
    return { kind: 'embassy', from: j, to: j + 1 };
  }
  return undefined;
}

/**
 * Whose "Ambassador" a mention that is not a bare "the Ambassador" is: the post's (`ours`: named
 * with the post's chief's surname, or "the Ambassador in" the post's country), or another's.
 */
function ambassadorOf(seg: Segment, i: number, chiefSurname: string | undefined): 'ours' | 'other' | undefined {
  const t = seg.tokens[i]!;
  const prev = seg.tokens[i - 1];
  if (prev && joined(seg, i - 1, i) && prev.cap && NATIONALITY.has(prev.key) && prev.key !== 'american') return 'other';
  const name = seg.tokens[i + 1];
  if (!t.possessive && name && name.cap && joined(seg, i, i + 1) && !NATIONALITY.has(name.key)) return chiefSurname && name.key === chiefSurname ? 'ours' : 'other';
  return undefined;
}

/** What the office phrase's holder is on the date, as one decision. */
function decide(ctx: DocContext, p: Phrase, post: HeadPost | undefined, printed: string): Decision {
  const offices = ctx.registers.offices;
  const none = (reason: string): Decision => ({ cert: 'low', candidates: 0, reason });
  if (!offices || !ctx.date) return none('the date of the document is unknown');
  let holders: AuthorityEntry[];
  let what: string;
  if (p.kind === 'principal') {
    const e = principalOn(offices, p.office, ctx.date);
    holders = e ? [e] : [];
    what = p.office === 'secretary of state' ? 'Secretary of State' : 'Under Secretary of State';
  } else if (p.kind === 'chief') {
    const country = p.country ?? post?.country;
    if (!country) return none('the document names no post');
    holders = chiefsOn(offices, country, ctx.date, AMBASSADOR);
    what = `Ambassador in ${country}${p.country ? '' : ' (the post the head names)'}`;
  } else return none('an embassy is no person');
  if (holders.length !== 1) return { cert: 'low', candidates: holders.length, reason: `POCOM: ${holders.length === 0 ? 'no' : holders.length} holder(s) of ${what} on ${ctx.date}` };
  return { entry: holders[0]!, cert: CERT, candidates: 1, reason: `“the ${printed}”: POCOM, ${what} on ${ctx.date}` };
}

/** The office phrases of the document resolved to their holders, and the post's embassy. */
export function findOfficePhrases(ctx: DocContext, post: HeadPost | undefined): Candidate[] {
  const out: Candidate[] = [];
  const offices = ctx.registers.offices;
  const postChief = post && offices && ctx.date ? chiefsOn(offices, post.country, ctx.date, AMBASSADOR) : [];
  const chiefSurname = postChief.length === 1 ? postChief[0]!.surname?.toLowerCase() : undefined;
  // whose ambassador the text last named (reading order): a bare "the Ambassador" after another's is not ours
  let lastAmbassador: 'ours' | 'other' | undefined;
  for (const seg of ctx.segments) {
    const { tokens } = seg;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const p = t.key === 'the' ? phraseAt(seg, i) : bareSecretaryAt(seg, i);
      if (!p) {
        if (t.key === 'ambassador' && t.cap) lastAmbassador = ambassadorOf(seg, i, chiefSurname) ?? lastAmbassador;
        continue;
      }
      const span = { segment: seg.index, start: tokens[p.from]!.start, end: tokens[p.to - 1]!.end };
      i = p.to - 1;
      if (p.kind === 'embassy') {
        if (!post?.embassy) continue;
        const name = `United States Embassy in ${post.country}`;
        out.push({ ...span, type: 'org', priority: 58, resp: 'office', cert: CERT, record: { id: `org-doc-${slug(name)}`, kind: 'org', name, source: PATTERN_SOURCE, reason: `the document's post: its head names the Embassy in ${post.country}` } });
        continue;
      }
      if (p.kind === 'chief') {
        const ours = p.country === undefined ? lastAmbassador !== 'other' : post !== undefined && p.country === post.country;
        if (p.country === undefined && !ours) continue;
        lastAmbassador = ours ? 'ours' : 'other';
      }
      const d = decide(ctx, p, post, seg.text.slice(span.start, span.end));
      if (!d.entry) continue;
      out.push({ ...span, type: 'role', priority: 58, resp: 'office', cert: d.cert, person: personOfEntry(ctx, d.entry, d.reason) });
    }
  }
  return out;
}
