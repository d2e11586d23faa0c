/**
 * PROPOSE: the register entries (the user's list, the register with the people database) a printed
 * name may be, each with the evidence that proposed it. A person who cannot be meant at the
 * document's date (not yet of age, or known only from roles far from it) is never proposed.
 * Which of the proposals is meant is CHOOSE's question (choose.ts).
 */
import { surnameCandidates, surnameVariants, type Authority, type AuthorityEntry } from '../registers.js';
import { nameSkeleton } from '../spelling.js';
import type { DocumentSetting } from '../setting.js';
import { exclusionAt, forenameCandidates } from '../setting-fit.js';

/** A printed name as FIND saw it: the question PROPOSE and CHOOSE answer. */
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
  /** Link to a register entry only when the choice is no guess (not low); else, with `create`, a person of the document. */
  onlySure?: boolean;
}

/** An entry a printed name may be, and why it was proposed. */
export interface Proposal {
  entry: AuthorityEntry;
  /** Proposed by one word of a compound surname only (`Lloyd` of `Lloyd George`): weaker. */
  part: boolean;
  /** What proposed it: `surname Smith`, `compound surname arroyo del rio`, `Sir + forename roger`. */
  evidence: string;
  /** Proposed by the surname in another romanisation (Kassim for Qassim): weaker than as printed. */
  spelling?: boolean;
}

/**
 * Whether a person can be meant at a date: of age, and (for persons known only from the people
 * database) not far from any attested role (setting-fit.ts). Without a date, everyone is plausible.
 */
export function plausibleAt(e: AuthorityEntry, date: string | undefined): boolean {
  return exclusionAt(e, date ? Number(date.slice(0, 4)) : undefined) === undefined;
}

/** The entries of one list with a surname, plausible at the date. */
function bySurname(auth: Authority, surname: string, date: string | undefined): Proposal[] {
  return surnameCandidates(auth, surname)
    .filter((c) => plausibleAt(c.entry, date))
    .map((c) => ({ entry: c.entry, part: c.part, evidence: `${c.part ? 'a word of the surname' : 'surname'} ${surname}` }));
}

/**
 * The entries of one list whose surname is the printed one, plausible at the date: those of the
 * whole surname when there are any, else those of which it is one word. When none has the printed
 * surname, the last forenames may belong to a compound surname ("Carlos Arroyo del Río" is Arroyo
 * del Río): the query comes back split that way.
 */
export function proposeBySurname(auth: Authority, query: NameQuery, date: string | undefined): { proposals: Proposal[]; query: NameQuery } {
  let q = query;
  let cands = bySurname(auth, q.surname, date);
  for (let k = q.forenames.length - 1; cands.length === 0 && k >= 1 && k >= q.forenames.length - 2; k--) {
    const surname = [...q.forenames.slice(k), q.surname].join(' ');
    const longer = bySurname(auth, surname, date).map((p) => ({ ...p, evidence: `compound ${p.evidence}` }));
    if (longer.length > 0) {
      cands = longer;
      q = { ...q, forenames: q.forenames.slice(0, k), surname };
    }
  }
  if (cands.length === 0) cands = bySpelling(auth, q, date);
  const exact = cands.filter((c) => !c.part);
  return { proposals: exact.length > 0 ? exact : cands, query: q };
}

/**
 * The entries whose surname is the printed one in another romanisation (spelling.ts: Kassim is
 * Qassim, Qasim, Kassem), where no one has it as printed: persons the register or the user's list
 * holds, or any whose forenames were printed (the people database's others are too many to go by a
 * surname alone).
 */
function bySpelling(auth: Authority, q: NameQuery, date: string | undefined): Proposal[] {
  return surnameVariants(auth, q.surname)
    .filter((c) => (c.entry.curated || c.entry.origin === 'userlist' || q.forenames.length > 0) && plausibleAt(c.entry, date))
    .map((c) => ({ entry: c.entry, part: c.part, evidence: `surname ${q.surname} spelled ${c.entry.surname ?? ''}`, spelling: true }));
}

/**
 * A single printed word may be the first forename of a person the document's setting explains
 * ("Ali" in a Djakarta telegram of 1954: Ali Sastroamidjojo, Prime Minister of Indonesia): those
 * holding a role at its date in one of its countries (with an office title, that office).
 */
export function proposeByForename(auth: Authority, query: NameQuery, setting: DocumentSetting): Proposal[] {
  if (query.forenames.length > 0 || query.surname.includes(' ')) return [];
  return forenameCandidates(auth, query.surname, setting, query.titleKeys).map((entry) => ({ entry, part: false, evidence: `first forename ${query.surname}, a role in the document's setting` }));
}

/** Whether an entry is styled Sir, Lady or Dame (a title, or `Sir` in its description). */
export function isStyled(e: AuthorityEntry): boolean {
  return (e.titles ?? []).some((t) => /^(?:Sir|Lady|Dame)$/i.test(t)) || /\bSir\b/.test(e.description ?? '');
}

/** The persons of one list called by Sir and a forename (`Sir Roger`). */
export function proposeStyled(auth: Authority, forename: string): Proposal[] {
  const out: Proposal[] = [];
  for (const e of auth.entries.values()) {
    if (e.kind !== 'person' || !(e.forenames ?? []).includes(forename)) continue;
    if (isStyled(e)) out.push({ entry: e, part: false, evidence: `Sir and the forename ${forename}` });
  }
  return out;
}

/** Whether printed forenames (keys; initials are one letter) fit a person's forenames. */
export function forenamesFit(printed: readonly string[], known: ReadonlySet<string> | readonly string[]): boolean {
  const k = [...known];
  if (printed.length === 0) return true;
  if (k.length === 0) return true;
  return printed.every((p) => k.some((e) => e === p || (p.length === 1 && e[0] === p) || (e.length === 1 && p[0] === e) || sameName(p, e)));
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

/** Whether two folded names are the same name spelled differently (the same skeleton, or nearly, both four letters or more). */
export function sameName(a: string, b: string): boolean {
  const x = nameSkeleton(a);
  const y = nameSkeleton(b);
  // one name in two romanisations (Abdul / Abd), however short
  if (x.length >= 3 && x === y) return true;
  if (a.length < 4 || b.length < 4) return false;
  if (x[0] !== y[0]) return false;
  return levenshtein(x, y) <= Math.max(1, Math.floor(Math.min(x.length, y.length) / 5));
}
