/**
 * Where and when a document is set, from the document model: its date (the dateline's, else a date
 * the head prints, else the decimal file number's) and its countries — the dateline's place, the
 * posts its head names ("Embassy in Iraq", "The Ambassador in the Soviet Union") and the decimal
 * file number's country numbers. The choice among namesakes ranks persons by it.
 */
import { plainText } from '../inlines.js';
import type { DocumentModel } from '../model.js';
import { dateFromFileNumber } from '../parse/dates.js';
import { fileNumberCountries } from './decimal-file.js';
import type { AuthorityEntry, Registers } from './registers.js';
import { fold, wordKeys } from './text.js';

export type SettingSource = 'dateline' | 'head' | 'filenumber';

/** A country the document is set in, with what in the document names it. */
export interface SettingCountry {
  /** The places register's record (`pl-indonesia`). */
  id: string;
  name: string;
  /** Folded word sequences that name the country or its people in a role (`indonesia`, `indonesian`). */
  terms: readonly string[];
  /** What names it: the dateline's place, a post in the head, the file number. */
  evidence: { source: SettingSource; text: string }[];
}

export interface DocumentSetting {
  /** ISO date (YYYY-MM-DD) of the document, and where it comes from. */
  date?: string;
  dateSource?: SettingSource;
  year?: number;
  countries: readonly SettingCountry[];
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const HEAD_DATE = new RegExp(`\\b(${MONTHS.join('|')})\\s+(\\d{1,2}),\\s+(\\d{4})`);

/** A date the head prints (`Memorandum … Washington, March 3, 1955`), ISO. */
export function headDate(head: string): string | undefined {
  const m = HEAD_DATE.exec(head);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[1]!) + 1;
  return `${m[3]}-${String(month).padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
}

/** The document's date: the dateline's, else the head's, else the file number's. */
export function settingDate(doc: DocumentModel): { date: string; source: SettingSource } | undefined {
  if (doc.date?.when && doc.date.source === 'dateline') return { date: doc.date.when.slice(0, 10), source: 'dateline' };
  const head = doc.head ? headDate(plainText(doc.head.inlines)) : undefined;
  if (head) return { date: head, source: 'head' };
  const file = dateFromFileNumber(doc.fileNumber ?? doc.sourceNote?.text ?? '');
  return file ? { date: file, source: 'filenumber' } : undefined;
}

// A post abroad the head names: "Embassy in Iraq", "The Ambassador in the Soviet Union",
// "Consulate General at Nicosia", "the Chargé in Iraq", "Legation in Ecuador"; and an office of a
// country: "the Prime Minister of Iraq", "the Shah of Iran".
const PLACE = String.raw`(?:the\s+)?(\p{Lu}[\p{L}’'.-]*(?:\s+(?:of\s+)?\p{Lu}[\p{L}’'.-]*)*)`;
const POST = new RegExp(
  String.raw`\b(?:(?:Embassy|Legation|Consulate(?:\s+General)?|Consul(?:\s+General)?|Mission|Ambassador|Minister|Chargé(?:\s+d[’']Affaires)?(?:\s+ad\s+interim)?|High\s+Commissioner|Representative)\s+(?:in|at|to)|(?:Prime\s+Minister|Foreign\s+Minister|Minister\s+of\s+Foreign\s+Affairs|President|King|Queen|Shah|Government|Embassy)\s+of)\s+${PLACE}`,
  'gu',
);

/** The places (country or city names) of the posts a head names, as printed. */
export function headPosts(head: string): string[] {
  return [...head.matchAll(POST)].map((m) => m[1]!.replace(/[.’']+$/, ''));
}

/**
 * States of the period a present-day country stood for (the places register names the present-day
 * state a city lies in: Moscow is in Russia, which in 1947 was the Soviet Union).
 */
const PERIOD_STATES: readonly { present: string; period: string; from: number; to: number }[] = [
  { present: 'pl-russia', period: 'pl-soviet-union', from: 1922, to: 1991 },
];

const COUNTRY_TYPES = new Set(['country', 'historical-state', 'territory']);

/** The country record a printed place name is, or lies in, at a year. */
export function countryOfPlace(registers: Registers, name: string, year: number | undefined): AuthorityEntry | undefined {
  const keys = wordKeys(name.replace(/^the\s+/i, ''));
  const places = registers.trie.exact(keys).map((h) => h.entry).filter((e) => e.kind === 'place');
  const country = places.find((e) => COUNTRY_TYPES.has(e.placeType ?? ''));
  const found = country ?? places.map((e) => (e.country ? registers.entries.get(e.country) : undefined)).find((e) => e !== undefined);
  if (!found) return undefined;
  const period = year === undefined ? undefined : PERIOD_STATES.find((p) => p.present === found.id && year >= p.from && year <= p.to);
  return (period && registers.entries.get(period.period)) || found;
}

// Adjectives and demonyms that do not follow from the country's name by a regular ending.
const IRREGULAR: Record<string, readonly string[]> = {
  'soviet union': ['soviet', 'russian'],
  russia: ['soviet', 'russian'],
  'united kingdom': ['british', 'english'],
  'united states': ['american'],
  greece: ['greek'],
  turkey: ['turkish', 'turk'],
  cyprus: ['cypriot'],
  lebanon: ['lebanese'],
  france: ['french'],
  spain: ['spanish'],
  netherlands: ['dutch', 'netherlands'],
  switzerland: ['swiss'],
  denmark: ['danish'],
  sweden: ['swedish'],
  norway: ['norwegian'],
  finland: ['finnish'],
  poland: ['polish'],
  portugal: ['portuguese'],
  philippines: ['philippine', 'filipino'],
  thailand: ['thai', 'siamese'],
  afghanistan: ['afghan'],
  'saudi arabia': ['saudi'],
  ireland: ['irish'],
  iceland: ['icelandic'],
  czechoslovakia: ['czechoslovak', 'czech'],
  yugoslavia: ['yugoslav'],
  argentina: ['argentine'],
  'new zealand': ['new zealand'],
  china: ['chinese'],
  'republic of china': ['chinese'],
};

/** Adjectives a single-word country name makes by a regular ending (Iraq: Iraqi; Indonesia: Indonesian; Egypt: Egyptian). */
function regularAdjectives(name: string): string[] {
  const out = [`${name}n`, `${name}i`, `${name}ian`, `${name}ese`];
  if (/[aeiouy]$/.test(name)) {
    const stem = name.slice(0, -1);
    out.push(`${stem}ian`, `${stem}an`, `${stem}ese`, stem);
  }
  if (name.endsWith('um')) out.push(`${name.slice(0, -2)}an`);
  return out;
}

/** The word sequences that name a country or its people: its name forms and adjectives. */
export function countryTerms(e: AuthorityEntry): string[] {
  const out = new Set<string>();
  for (const f of e.forms) {
    // abbreviations say other things in a role's text (USA: the United States Army), and a form
    // with its article ("the States") is a word of other names without it
    if (f.type === 'abbr' || /^the\s/i.test(f.text)) continue;
    const keys = wordKeys(f.text);
    if (keys.length === 0) continue;
    out.add(keys.join(' '));
    if (keys.length === 1) for (const a of regularAdjectives(keys[0]!)) out.add(a);
  }
  for (const a of IRREGULAR[fold(e.name)] ?? []) out.add(a);
  return [...out];
}

/** Whether a text (a role, an identification) names one of the terms. */
export function namesCountry(text: string, terms: readonly string[]): boolean {
  const joined = ` ${wordKeys(text).join(' ')} `;
  return terms.some((t) => joined.includes(` ${t} `));
}

/** The countries a document is set in: its dateline's place, the posts of its head, its file number's country numbers. */
export function settingCountries(doc: DocumentModel, registers: Registers, year: number | undefined): SettingCountry[] {
  const found = new Map<string, SettingCountry>();
  const add = (name: string, source: SettingSource, text: string) => {
    const e = countryOfPlace(registers, name, year);
    if (!e) return;
    const had = found.get(e.id);
    if (had) {
      if (!had.evidence.some((x) => x.source === source && x.text === text)) had.evidence.push({ source, text });
      return;
    }
    found.set(e.id, { id: e.id, name: e.name, terms: countryTerms(e), evidence: [{ source, text }] });
  };
  for (const item of [...doc.opener, ...doc.closer]) if (item.kind === 'dateline' && item.place) add(item.place.text, 'dateline', item.place.text);
  const head = doc.head ? plainText(doc.head.inlines) : '';
  for (const post of headPosts(head)) add(post, 'head', post);
  if (doc.fileNumber) for (const c of fileNumberCountries(doc.fileNumber, year)) add(c.country, 'filenumber', `${doc.fileNumber.split('/')[0]} (${c.number}: ${c.country})`);
  return [...found.values()];
}

export function documentSetting(doc: DocumentModel, registers: Registers): DocumentSetting {
  const dated = settingDate(doc);
  const year = dated ? Number(dated.date.slice(0, 4)) : undefined;
  const setting: DocumentSetting = { countries: settingCountries(doc, registers, year) };
  if (dated) {
    setting.date = dated.date;
    setting.dateSource = dated.source;
    setting.year = year;
  }
  return setting;
}

/** How the setting reads in a reason: `Iraq (dateline Baghdad; head Embassy in Iraq)`. */
export function describeCountry(c: SettingCountry): string {
  return `${c.name} (${c.evidence.map((x) => `${x.source} ${x.text}`).join('; ')})`;
}
