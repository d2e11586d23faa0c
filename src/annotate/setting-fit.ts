/**
 * How well a register person fits a document's setting: alive and of age at its date, near an
 * attested role, holding a role at the date in one of its countries, holding the office its title
 * names ("Prime Minister Ali" in a 1954 Djakarta telegram: the Prime Minister of Indonesia that
 * year, not Pakistan's). Candidates for a name are narrowed by it, and the reason says what decided.
 *
 * A role is a POCOM post (exact dates) or a FRUS volume's identification (the volume's years,
 * narrowed by the dates its clauses print: "Prime Minister from July 30, 1953").
 */
import { inPeriod, periodsOf, type AuthorityEntry, type Authority, type Role } from './registers.js';
import { namesCountry, type DocumentSetting, type SettingCountry } from './setting.js';
import { wordKeys } from './text.js';

/** Years beyond a person's attested roles within which a document may still name them. */
export const ATTESTED_MARGIN = 12;
/** Age under which nobody is named in a diplomatic document. */
const MIN_AGE = 16;

/** Offices a title names, with the words FRUS identifications also use for them. */
const OFFICE_SYNONYMS: Record<string, readonly string[]> = {
  'prime minister': ['prime minister', 'premier'],
  premier: ['premier', 'prime minister'],
  'deputy prime minister': ['deputy prime minister', 'vice premier'],
  'vice premier': ['vice premier', 'deputy prime minister'],
  'foreign minister': ['foreign minister', 'minister of foreign affairs', 'minister for foreign affairs'],
  'foreign secretary': ['foreign secretary', 'secretary of state for foreign affairs'],
  president: ['president'],
  'vice president': ['vice president'],
  king: ['king'],
  queen: ['queen'],
  shah: ['shah'],
  sultan: ['sultan'],
  emir: ['emir', 'amir'],
  amir: ['amir', 'emir'],
  regent: ['regent'],
  'crown prince': ['crown prince'],
  chancellor: ['chancellor'],
  'high commissioner': ['high commissioner'],
  'governor general': ['governor general', 'governor-general'],
};

/** The office phrases a title (its folded words) names, if it names an office of a country. */
export function officeOf(titleKeys: readonly string[]): readonly string[] | undefined {
  const phrase = titleKeys.join(' ');
  for (const [office, forms] of Object.entries(OFFICE_SYNONYMS)) if (phrase === office || phrase.endsWith(` ${office}`)) return forms;
  return undefined;
}

/** One clause of a role with the time it covers. */
interface Clause {
  text: string;
  from?: string;
  to?: string;
  /** Whether the clause prints its own dates (not only the role's). */
  dated: boolean;
}

const yearOf = (s: string | undefined): number | undefined => (s && /^\d{4}/.test(s) ? Number(s.slice(0, 4)) : undefined);

/**
 * A role's clauses, each with the dates it prints (`until July 1953`, `from July 30, 1953`),
 * within the role's own span (a POCOM post's dates, a FRUS volume's years).
 */
export function roleClauses(r: Role): Clause[] {
  const out: Clause[] = [];
  let previousEnd: string | undefined;
  for (const text of r.text.split(/;\s*/)) {
    if (!text.trim()) continue;
    const p = periodsOf(text)[0];
    // dates the clause does not print are the role's (a volume identifies a person for its years;
    // a POCOM post without an end is still held)
    const from = p?.from ?? (/\bthereafter\b/i.test(text) ? previousEnd : undefined) ?? r.from;
    const to = p?.to ?? r.to ?? (r.source?.startsWith('pocom:') ? undefined : r.from);
    const c: Clause = { text, dated: !!(p?.from || p?.to) };
    if (from) c.from = from;
    if (to) c.to = to;
    out.push(c);
    previousEnd = p?.to ?? previousEnd;
  }
  return out;
}

/** How a candidate fits the setting. */
export interface SettingFit {
  entry: AuthorityEntry;
  /** Why the person cannot be meant at the date (not born, a child, far from any attested role). */
  excluded?: string;
  /** The year the person died, when before the document's. */
  diedBefore?: number;
  /** A role at the date in one of the setting's countries. */
  countryRole?: { text: string; country: SettingCountry };
  /** A role at the date that holds the office the title names, and whether in a setting country. */
  officeRole?: { text: string; country?: SettingCountry };
}

/**
 * The years a person is attested in a role: the roles' dates, else the years their texts print
 * ("President, Philippines. Visited U.S. 3 times, 2001–2003" has no dates of its own).
 */
export function attestedYears(e: AuthorityEntry): readonly [number, number] | undefined {
  if (e.active) return e.active;
  const years = (e.roles ?? []).flatMap((r) => [...r.text.matchAll(/\b(1[89]\d\d|20\d\d)\b/g)].map((m) => Number(m[1])));
  return years.length > 0 ? [Math.min(...years), Math.max(...years)] : undefined;
}

/** Whether a person can be meant at a year at all: born and of age, not far from every attested role. */
export function exclusionAt(e: AuthorityEntry, year: number | undefined): string | undefined {
  if (year === undefined) return undefined;
  const born = yearOf(e.born);
  if (born !== undefined && born > year - MIN_AGE) return `born ${born}`;
  // curated records are matched by hand to the document's period; their dated roles may be few
  const attested = e.curated ? undefined : attestedYears(e);
  if (attested && (year < attested[0] - ATTESTED_MARGIN || year > attested[1] + ATTESTED_MARGIN)) {
    return `attested only ${attested[0]}–${attested[1]}`;
  }
  return undefined;
}

export function settingFit(e: AuthorityEntry, setting: DocumentSetting, office?: readonly string[]): SettingFit {
  const fit: SettingFit = { entry: e };
  const excluded = exclusionAt(e, setting.year);
  if (excluded) fit.excluded = excluded;
  const died = yearOf(e.died);
  if (died !== undefined && setting.year !== undefined && died < setting.year) fit.diedBefore = died;
  // the dead hold no office (a later volume may still identify them by their last one)
  if (!setting.date || fit.diedBefore !== undefined) return fit;
  const date = setting.date;
  // the clause that says most for itself: naming the country itself, then printing its own dates
  let countryScore = -1;
  let officeScore = -1;
  for (const r of e.roles ?? []) {
    // the country a whole identification names carries to its clauses ("Indonesian …; Prime Minister from …")
    const roleCountry = setting.countries.find((c) => namesCountry(r.text, c.terms));
    for (const clause of roleClauses(r)) {
      // a role without any date is no role at the date ("Visited U.S. once, 1975")
      if ((!clause.from && !clause.to) || !inPeriod(date, clause)) continue;
      const own = setting.countries.find((c) => namesCountry(clause.text, c.terms));
      const country = own ?? roleCountry;
      const score = (own ? 2 : 0) + (clause.dated ? 1 : 0);
      const text = clause.text.trim();
      if (country && score > countryScore) {
        countryScore = score;
        fit.countryRole = { text, country };
      }
      if (office && holdsOffice(clause.text, office)) {
        const s = (country ? 4 : 0) + score;
        if (s > officeScore) {
          officeScore = s;
          fit.officeRole = country ? { text, country } : { text };
        }
      }
    }
  }
  return fit;
}

/** Whether a clause names the office (`Prime Minister of Indonesia`; not `Deputy Prime Minister` for `Prime Minister`). */
export function holdsOffice(clause: string, office: readonly string[]): boolean {
  const keys = ` ${wordKeys(clause).join(' ')} `;
  return office.some((o) => {
    const at = keys.indexOf(` ${o} `);
    if (at < 0) return false;
    const before = keys.slice(0, at).trim().split(' ').pop() ?? '';
    return !['deputy', 'vice', 'former', 'acting', 'assistant', 'under'].includes(before);
  });
}

/** What the setting made of a name's candidates. */
export interface SettingChoice {
  /** The candidates left, in the order given (all of them when the setting decides nothing). */
  kept: AuthorityEntry[];
  /** What in the setting narrowed them (for the choice's reason). */
  decided?: string;
  /** Candidates the setting ruled out, with why (never chosen). */
  excluded: { entry: AuthorityEntry; why: string }[];
}

const where = (c: SettingCountry) => `${c.name}, ${c.evidence.map((x) => `${x.source} ${x.text}`).join('; ')}`;

/**
 * Narrows a name's candidates by the setting, strongest evidence first:
 *  1. persons out of their time (not born, a child, far from any attested role) are never kept;
 *  2. with an office title ("Prime Minister"), those holding that office at the date in a country
 *     of the setting; else
 *  3. those holding any role at the date in a country of the setting;
 *  4. of the rest, the living before the dead.
 * Where none of 2–3 applies the candidates are left to the other evidence (forenames, words).
 */
export function narrowBySetting(candidates: readonly AuthorityEntry[], setting: DocumentSetting, titleKeys: readonly string[]): SettingChoice {
  const office = officeOf(titleKeys);
  const fits = candidates.map((e) => settingFit(e, setting, office));
  const excluded = fits.filter((f) => f.excluded).map((f) => ({ entry: f.entry, why: f.excluded! }));
  const possible = fits.filter((f) => !f.excluded);
  const year = setting.year ?? '';
  if (office) {
    const inSetting = possible.filter((f) => f.officeRole?.country);
    if (inSetting.length > 0) {
      const f = inSetting[0]!;
      return { kept: inSetting.map((x) => x.entry), excluded, decided: `${titleKeys.join(' ')} in ${year} in ${where(f.officeRole!.country!)}: "${f.officeRole!.text}"` };
    }
  }
  const inCountry = possible.filter((f) => f.countryRole);
  if (inCountry.length > 0 && inCountry.length < possible.length) {
    const f = inCountry[0]!;
    return { kept: inCountry.map((x) => x.entry), excluded, decided: `a role in ${year} in ${where(f.countryRole!.country)}: "${f.countryRole!.text}"` };
  }
  const living = possible.filter((f) => f.diedBefore === undefined);
  if (living.length > 0 && living.length < possible.length) {
    return { kept: living.map((x) => x.entry), excluded, decided: `alive in ${year} (${possible.filter((f) => f.diedBefore !== undefined).map((f) => `${f.entry.name} died ${f.diedBefore}`).join(', ')})` };
  }
  return { kept: possible.map((f) => f.entry), excluded };
}

// ---------------------------------------------------------------------------------------------
// Persons called by a forename the setting explains ("Ali" for Ali Sastroamidjojo in Djakarta)

/**
 * The register's own persons (curated) whose first forename is `key`: those with a name form
 * starting with it (the trie is filled one first word at a time; no entry is made for nothing).
 */
function curatedByForename(auth: Authority, key: string): AuthorityEntry[] {
  return [...new Set(auth.trie.startingWith(key).map((h) => h.entry))].filter((e) => e.kind === 'person' && e.forenames?.[0] === key);
}

/** Most persons a forename may propose before it says nothing. */
const MAX_FORENAME_CANDIDATES = 2;

/**
 * Persons a single printed word may name by their forename: those whose first forename it is
 * (a middle name — Winthrop Williams Aldrich — is no name a person is called by) and who hold a role at the date in a country of the setting (with an office title, that office).
 * Only a few: a forename many hold there names nobody in particular.
 */
export function forenameCandidates(auth: Authority, key: string, setting: DocumentSetting, titleKeys: readonly string[]): AuthorityEntry[] {
  if (!setting.date || setting.countries.length === 0) return [];
  const office = officeOf(titleKeys);
  const pool = new Set<AuthorityEntry>(curatedByForename(auth, key));
  for (const e of auth.people?.byForename(key) ?? []) pool.add(e);
  const fitting = [...pool].filter((e) => {
    const f = settingFit(e, setting, office);
    if (f.excluded) return false;
    return office ? f.officeRole?.country !== undefined : f.countryRole !== undefined;
  });
  return fitting.length <= MAX_FORENAME_CANDIDATES ? fitting : [];
}
