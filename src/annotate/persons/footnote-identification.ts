/**
 * Footnotes that identify a person: a note attached right after a name or a role whose text is a
 * full name, optionally with the person's office:
 *
 *   Field Marshal Montgomery’s¹ …      1. Field Marshal Bernard Law Montgomery, Viscount Montgomery of Alamein, Chief of the Imperial General Staff.
 *   British Ambassador² informed me …  2. Sir Maurice Drummond Peterson.
 *
 * The note creates (or enriches) the person record: name from the note, description from the rest of
 * the note. The name in the note is tagged; the name before the marker (even spelled differently,
 * `Vassilievski` / `Vasilevsky`) and every later mention of the surname link to the same record; a
 * role before the marker becomes `rs type="person"` pointing to the person, and so do its repetitions.
 */
import type { Cert } from '../../model.js';
import type { Candidate, DocContext, Segment } from '../context.js';
import { fold, HONORIFICS, NATIONALITY, tokenIndexAt, tokenize, type Token } from '../text.js';
import type { DocPerson } from './doc-persons.js';
import { resolveName } from './link.js';
import { isNameWord, nameRunAt, sentenceWords, splitName, titleAt, TITLE_WORDS } from './name-words.js';
import { forenamesFit, sameName } from './propose.js';

export interface Anchor {
  /** Segment and plain-text offset of the note marker. */
  segment: number;
  offset: number;
  noteIndex: number;
}

export interface Identification {
  titles: string[];
  /** Token range of the name in the note's first paragraph. */
  from: number;
  to: number;
  name: string;
  surname: string;
  forenames: string[];
  description?: string;
}

const NOT_IDENTIFICATION = /^(?:See|Not|Printed|Ibid|Supra|Infra|Ante|Post|Document|Telegram|Despatch|Dispatch|Airgram|Memorandum|Letter|Instruction|Reference|Presumably|Apparently|Brackets|Omission|Regarding|In|On|For|The|A|An|This|These|Source|Neither|No)(?=[\s,])/;

/** Reads a note paragraph as a person's identification, or returns undefined. */
export function parseIdentification(text: string, tokens: readonly Token[]): Identification | undefined {
  if (NOT_IDENTIFICATION.test(text.trim())) return undefined;
  const title = titleAt(text, tokens, 0);
  const start = title ? title.to : 0;
  if (start > 0 && !/^\.?\s+$/.test(text.slice(tokens[start - 1]!.end, tokens[start]?.start ?? text.length))) return undefined;
  if (title?.peerage) return undefined;
  const run = nameRunAt(text, tokens, start);
  if (!run || run.from !== start) return undefined;
  const count = run.to - run.from;
  if (count < 2 && !title) return undefined;
  if (count > 6) return undefined;
  const last = tokens[run.to - 1]!;
  const after = text.slice(last.end);
  // the name must end the note, or be followed by a comma and the office
  if (!/^\.?\s*$/.test(after) && !/^,\s+\S/.test(after)) return undefined;
  const { forenames, surname } = splitName(tokens, run.from, run.to);
  const name = text.slice(tokens[run.from]!.start, last.end + (last.dot && last.text.length <= 2 ? 1 : 0));
  const description = after.replace(/^,\s*/, '').replace(/\.\s*$/, '').trim() || undefined;
  const titles = title ? [text.slice(tokens[title.from]!.start, tokens[title.to - 1]!.end + (tokens[title.to - 1]!.dot ? 1 : 0))] : [];
  return { titles, from: run.from, to: run.to, name, surname, forenames, description };
}

/** Whether a printed surname and the note's surname are the same name (spelling variants allowed). */
export function sameSurname(a: string, b: string): 'exact' | 'variant' | undefined {
  if (fold(a) === fold(b)) return 'exact';
  return sameName(fold(a), fold(b)) ? 'variant' : undefined;
}

const ROLE_MODIFIERS = new Set(['foreign', 'prime', 'vice', 'deputy', 'under', 'assistant', 'acting', 'chief', 'first', 'second', 'permanent', 'principal', 'special', 'high', 'supreme', 'minister', 'secretary', 'general', 'state', 'colonial', 'war', 'defense', 'defence', 'naval', 'military', 'air', 'political', 'economic', 'commercial', 'press', 'papal', 'apostolic', 'royal', 'imperial']);

/** The role phrase ending right before a marker (`British Ambassador`, `the Foreign Minister`), as a token range. */
function roleBefore(tokens: readonly Token[], text: string, end: number): { from: number; to: number } | undefined {
  let j = end - 1;
  const last = tokens[j];
  if (!last || !(last.cap || last.key === "d'affaires") || !TITLE_WORDS.has(last.key) || last.possessive) return undefined;
  if (['mr', 'mrs', 'miss', 'ms', 'dr', 'sir', 'lady', 'lord', 'dame', 'messrs', 'madame', 'monsieur', 'herr'].includes(last.key)) return undefined;
  let from = j;
  while (j - 1 >= 0) {
    const t = tokens[j - 1]!;
    if (!/^[ \t]+$/.test(text.slice(t.end, tokens[j]!.start))) break;
    if (!t.cap || !(NATIONALITY.has(t.key) || TITLE_WORDS.has(t.key) || ROLE_MODIFIERS.has(t.key))) break;
    j--;
    from = j;
  }
  return { from, to: end };
}

export interface IdentificationResult {
  candidates: Candidate[];
  /** Role phrases (folded) that stand for a person in this document. */
  roles: Map<string, DocPerson>;
}

/**
 * Reads the identification notes and links them to their anchors. Runs before the other person
 * rules, so that the persons it establishes are known to them.
 */
export function identifyFromFootnotes(ctx: DocContext, anchors: readonly Anchor[], noteSegments: ReadonlyMap<number, Segment>): IdentificationResult {
  const candidates: Candidate[] = [];
  const roles = new Map<string, DocPerson>();
  const done = new Set<number>();
  for (const anchor of anchors) {
    const noteSeg = noteSegments.get(anchor.noteIndex);
    if (!noteSeg) continue;
    const id = parseIdentification(noteSeg.text, noteSeg.tokens);
    if (!id) continue;
    const seg = ctx.segments[anchor.segment]!;
    // tokens ending at the marker (a possessive or a stop may stand between)
    const end = tokenIndexAt(seg.tokens, anchor.offset);
    const lastTok = seg.tokens[end - 1];
    if (!lastTok || !/^(?:['’]s?|\.)?$/.test(seg.text.slice(lastTok.end, anchor.offset))) continue;

    // 1. A name before the marker, the same surname as the note's.
    let runFrom = end - 1;
    while (runFrom > 0 && isNameWord(seg.tokens[runFrom - 1]!) && /^[ \t]+$/.test(seg.text.slice(seg.tokens[runFrom - 1]!.end, seg.tokens[runFrom]!.start))) runFrom--;
    const run = isNameWord(lastTok) ? nameRunAt(seg.text, seg.tokens, runFrom) : undefined;
    const printed = run && run.to === end ? splitName(seg.tokens, run.from, run.to) : undefined;
    const match = printed ? sameSurname(printed.surname, id.surname) : undefined;
    let role: { from: number; to: number } | undefined;
    if (!match) {
      role = roleBefore(seg.tokens, seg.text, end);
      if (!role) continue;
    }
    if (printed && match && !forenamesFit(printed.forenames, id.forenames.map(fold))) continue;

    const person = establish(ctx, id, noteSeg);
    if (printed && match) {
      person.surnames.add(printed.surname);
      ctx.persons.merge(person, { surnames: new Set([printed.surname]) });
      const cert: Cert = match === 'exact' ? 'high' : 'medium';
      candidates.push(personCandidate(seg, run!.from, run!.to, person, cert, 95));
    } else if (role) {
      const text = seg.text.slice(seg.tokens[role.from]!.start, seg.tokens[role.to - 1]!.end);
      roles.set(roleKey(text), person);
      candidates.push({
        segment: seg.index, start: seg.tokens[role.from]!.start, end: seg.tokens[role.to - 1]!.end,
        type: 'role', priority: 95, resp: 'footnote', cert: 'high', person,
      });
    }
    if (!done.has(anchor.noteIndex)) {
      done.add(anchor.noteIndex);
      candidates.push(personCandidate(noteSeg, id.from, id.to, person, 'high', 96));
    }
  }
  return { candidates, roles };
}

export function roleKey(text: string): string {
  return tokenize(text).map((t) => t.key).join(' ');
}

function personCandidate(seg: Segment, from: number, to: number, person: DocPerson, cert: Cert, priority: number): Candidate {
  const last = seg.tokens[to - 1]!;
  return {
    segment: seg.index,
    start: seg.tokens[from]!.start,
    end: last.end,
    type: 'person',
    priority,
    resp: 'footnote',
    cert,
    person,
  };
}

/** The person of an identification note: matched against the lists, enriched with the note's words. */
function establish(ctx: DocContext, id: Identification, noteSeg: Segment): DocPerson {
  const surnameKey = tokenize(id.surname).map((t) => t.key).join(' ');
  const forenames = id.forenames.map(fold);
  const resolved = resolveName(ctx, {
    surname: surnameKey,
    forenames,
    text: id.name,
    titleKeys: id.titles.flatMap((t) => tokenize(t).map((w) => w.key)),
    window: sentenceWords(noteSeg.tokens, 0, noteSeg.text.length),
    create: true,
    strong: true,
  })!;
  const person = resolved.person;
  // The note's own words win: it identifies the person as of this document.
  const fuller = id.name.length >= person.name.length;
  if (fuller && person.name !== id.name) {
    person.variants.add(person.name);
    person.name = id.name;
  } else if (!fuller) person.variants.add(id.name);
  // honorifics (Sir, Mr.) describe nobody; a rank or office does
  const ranks = id.titles.filter((t) => !HONORIFICS.has(fold(t.replace(/\.$/, ''))));
  if (id.description) person.description = [...ranks, id.description].join(', ');
  else if (ranks.length > 0 && !person.description) person.description = ranks.join(', ');
  ctx.persons.merge(person, { forenames: new Set(forenames.filter((f) => f.length > 1)), surnames: new Set([surnameKey]), strong: true });
  person.origin = 'footnote';
  person.reason = `identified by a footnote of the document${person.reason ? `; ${person.reason}` : ''}`;
  return person;
}
