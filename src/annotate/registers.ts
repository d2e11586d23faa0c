/**
 * The authority registers (`tei/persons.xml`, `tei/places.xml`, `tei/orgs.xml`) and a user's persons
 * list, loaded once into entries and a word trie of all their name forms.
 *
 * Register format (TEI):
 *   <person xml:id="per-…"><persName type="main|surname|variant">…</persName><occupation/><note/><idno type="wikidata"/></person>
 *   <place xml:id="pl-…" type="…"><placeName type="main|historical|variant" from="" to="">…</placeName><location><geo/></location><note/></place>
 *   <org xml:id="org-…"><orgName type="main|abbr|variant">…</orgName><note/></org>
 * User persons: a TEI listPerson in the same format, or a FRUS "List of Persons"
 * (`<div xml:id="persons">` with `<item><persName xml:id="p_…">Surname, Forenames</persName>, identification</item>`).
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { message, type Message } from '../messages.js';
import type { EntityKind } from '../model.js';
import { findAll, kids, parseXmlTree, textContent, type XElement } from './xml.js';
import { fold, FORENAMES, HONORIFICS, MONTH_NUMBER, SUFFIXES, TITLE_PHRASES, wordKeys } from './text.js';
import { TokenTrie } from './trie.js';
import { nameSkeleton } from './spelling.js';
import { readPersonIndex, type Offices, type PeopleIndex } from './person-index.js';

export type FormType = 'main' | 'full' | 'surname' | 'surname-part' | 'forename' | 'variant' | 'abbr' | 'historical';

export interface NameForm {
  text: string;
  type: FormType;
  /** For historical place names: the years the form was in use (ISO date or year). */
  from?: string;
  to?: string;
}

export interface AuthorityEntry {
  id: string;
  kind: EntityKind;
  /** The main name, in natural order (`Bernard Law Montgomery`). */
  name: string;
  forms: NameForm[];
  /** Persons: surname and forenames (folded words), titles as printed in the list (`Sir`, `Field Marshal`). */
  surname?: string;
  forenames?: string[];
  titles?: string[];
  description?: string;
  wikidata?: string;
  /** Places: the register's @type (country, city, …). */
  placeType?: string;
  /** Places: the id of the country record the place lies in (`location/country/@ref`), for a document's setting. */
  country?: string;
  /** Offices held, with their years where known (ISO dates, year-months or years), for disambiguation. */
  periods: Period[];
  born?: string;
  died?: string;
  /** Folded words of the description, to compare with a document's words. */
  contextWords: ReadonlySet<string>;
  origin: 'register' | 'userlist';
  /** Ids in the Office of the Historian's people database and in POCOM (generated register). */
  hsg?: string;
  pocom?: string;
  /** Whether the project's curated records know the person (not only the people database). */
  curated?: boolean;
  /** Dated roles with their sources (POCOM posts, FRUS identifications), for the record and the choice. */
  roles?: readonly Role[];
  /** First and last year the person is attested in a role (FRUS volume years, POCOM posts). */
  active?: readonly [number, number];
}

/** A dated role of a person: a POCOM post or the identification a FRUS volume printed. */
export interface Role {
  text: string;
  from?: string;
  to?: string;
  /** `pocom:smith-walter-bedell`, `frus:frus1947v02/persons#p_SWB1`. */
  source?: string;
}

/** One name form of one entry, as stored in the trie. */
export interface FormHit {
  entry: AuthorityEntry;
  form: NameForm;
  /** Upper-case abbreviations (`NATO`, `US`) must be printed in capitals to match. */
  caseSensitive: boolean;
}

export interface Authority {
  entries: Map<string, AuthorityEntry>;
  trie: TokenTrie<FormHit>;
  /** Persons by folded surname (the whole surname, or one word of a compound one: `part`). */
  surnames: Map<string, { entry: AuthorityEntry; part: boolean }[]>;
  /** Folded forenames of the persons, to tell a forename before a surname. */
  forenames: Set<string>;
  messages: Message[];
  /** Set (only) when the file could not be used at all: not well-formed, or no entries. */
  error?: string;
  /** Office-holders by date (POCOM), when the generated persons index is loaded. */
  offices?: Offices;
  /** The people database's persons beyond the curated ones, looked up on demand. */
  people?: PeopleIndex;
  /** Romanisation skeleton -> folded surnames, made when first needed (for an authority without `people`). */
  spellings?: Map<string, string[]>;
}

/** An office or activity and when it was held (either bound may be missing). */
export interface Period {
  from?: string;
  to?: string;
  words: ReadonlySet<string>;
}

export type Registers = Authority;
export type UserPersons = Authority;

export interface RegisterSources {
  persons?: string;
  places?: string;
  orgs?: string;
}

// ---------------------------------------------------------------------------------------------
// Building

export function newAuthority(): Authority {
  return { entries: new Map(), trie: new TokenTrie(), surnames: new Map(), forenames: new Set(), messages: [] };
}

/** A name form with the folded keys of its words, as the trie holds it. */
export interface KeyedForm {
  form: NameForm;
  keys: readonly string[];
  /** Upper-case abbreviations (`NATO`, `US`) must be printed in capitals to match. */
  caseSensitive: boolean;
}

/** The forms an entry is found by: each form's folded word keys, once per form type and keys. */
export function keyedForms(entry: AuthorityEntry): KeyedForm[] {
  const out: KeyedForm[] = [];
  const seen = new Set<string>();
  for (const form of entry.forms) {
    const keys = wordKeys(form.text);
    if (keys.length === 0) continue;
    const k = `${form.type}|${keys.join(' ')}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const letters = form.text.replace(/[^\p{L}]/gu, '');
    out.push({ form, keys, caseSensitive: letters.length > 0 && letters.length <= 6 && letters === letters.toUpperCase() });
  }
  return out;
}

export function addEntry(auth: Authority, entry: AuthorityEntry): void {
  addKeyedEntry(auth, entry, keyedForms(entry));
}

/** addEntry with the entry's keyed forms already made (`keyedForms`; the prebuilt registers keep them). */
export function addKeyedEntry(auth: Authority, entry: AuthorityEntry, keyed: readonly KeyedForm[]): void {
  if (auth.entries.has(entry.id)) {
    auth.messages.push(message('warning', 'annotate/duplicate-register-id', `register id ${entry.id} occurs more than once; the first is kept`, 'registers'));
    return;
  }
  auth.entries.set(entry.id, entry);
  for (const { form, keys, caseSensitive } of keyed) {
    auth.trie.insert(keys, { entry, form, caseSensitive });
    if (entry.kind === 'person' && (form.type === 'surname' || form.type === 'surname-part')) {
      auth.spellings = undefined;
      const key = keys.join(' ');
      const list = auth.surnames.get(key) ?? [];
      const known = list.find((x) => x.entry === entry);
      if (!known) list.push({ entry, part: form.type === 'surname-part' });
      // a whole surname as printed beats a word of a compound one (López, of López Pumarejo, printed alone)
      else if (form.type === 'surname') known.part = false;
      auth.surnames.set(key, list);
    }
  }
  for (const f of entry.forenames ?? []) if (f.length > 1) auth.forenames.add(f);
}

const TITLE_KEYS = new Set<string>([...TITLE_PHRASES.flatMap((t) => wordKeys(t)), ...HONORIFICS, 'of', 'state', 'chief', 'brigadier']);

/** Split `Field Marshal Sir John` into titles (`Field Marshal`, `Sir`) and forenames (`John`). */
function splitTitles(forenames: string): { titles: string[]; names: string } {
  const words = forenames.split(/\s+/).filter(Boolean);
  let i = 0;
  while (i < words.length - 1 && TITLE_KEYS.has(fold(words[i]!.replace(/\.$/, '')))) i++;
  // a lone forename like "Sir" alone is a title too
  if (i === words.length - 1 && TITLE_KEYS.has(fold(words[i]!.replace(/\.$/, ''))) && words.length > 1) i++;
  return { titles: words.slice(0, i), names: words.slice(i).join(' ') };
}

export interface PersonNameParts {
  surname: string;
  forenames: string;
  titles: string[];
  suffix?: string;
  nicknames: string[];
}

/** `Surname, Forenames[, Jr.]` or a name in natural order (`Bernard Law Montgomery`, `Makarios III`). */
export function personNameParts(raw: string): PersonNameParts {
  const nicknames: string[] = [];
  let text = raw.replace(/\s+/g, ' ').trim();
  text = text.replace(/\s*\(([^)]*)\)/g, (_, inner: string) => {
    if (/^\p{Lu}[\p{L}’'-]+$/u.test(inner.trim())) nicknames.push(inner.trim());
    return '';
  });
  const parts = text.split(/\s*,\s*/).filter(Boolean);
  if (parts.length >= 2) {
    let suffix: string | undefined;
    const last = parts[parts.length - 1]!;
    if (parts.length >= 3 && SUFFIXES.has(fold(last.replace(/\.$/, '')))) {
      suffix = last;
      parts.pop();
    }
    const { titles, names } = splitTitles(parts.slice(1).join(' '));
    return { surname: parts[0]!, forenames: names, titles, suffix, nicknames };
  }
  const words = text.split(' ');
  let suffix: string | undefined;
  const last = words[words.length - 1]!;
  // "Jr.", or a regnal number ("Paul I", "Makarios III")
  if (words.length > 1 && (SUFFIXES.has(fold(last.replace(/\.$/, ''))) || /^[IVX]{1,4}$/.test(last))) suffix = words.pop();
  const { titles, names } = splitTitles(words.join(' '));
  const ws = names.split(' ').filter(Boolean);
  if (ws.length <= 1) return { surname: ws[0] ?? text, forenames: '', titles, suffix, nicknames };
  // natural order: the surname is the last word, with a particle before it (de Gaulle)
  let s = ws.length - 1;
  while (s > 1 && /^(?:de|da|di|del|della|van|von|der|du|la|le|al|el|bin|ibn)$/i.test(ws[s - 1]!)) s--;
  return { surname: ws.slice(s).join(' '), forenames: ws.slice(0, s).join(' '), titles, suffix, nicknames };
}

/** Name forms of a person from its parts: full name, forename + surname, surname (and its words). */
export function personForms(p: PersonNameParts): NameForm[] {
  const forms: NameForm[] = [];
  const fn = p.forenames.split(/\s+/).filter(Boolean);
  const full = [...fn, p.surname].join(' ');
  forms.push({ text: full, type: 'full' });
  if (p.suffix) forms.push({ text: `${full} ${p.suffix}`, type: 'full' }, { text: `${p.surname} ${p.suffix}`, type: 'full' });
  for (const f of [...fn, ...p.nicknames]) {
    if (f.replace(/\./g, '').length > 1) forms.push({ text: `${f} ${p.surname}`, type: 'full' });
  }
  // initials + surname (`C. Burke Elbrick` is also `C. B. Elbrick`)
  if (fn.length > 1) forms.push({ text: `${fn.map((f) => `${f[0]}.`).join(' ')} ${p.surname}`, type: 'full' });
  forms.push({ text: p.surname, type: 'surname' });
  const sw = p.surname.split(/\s+/);
  if (sw.length > 1) for (const w of sw) if (!/^(?:de|da|di|del|van|von|der|du|la|le|al|el)$/i.test(w)) forms.push({ text: w, type: 'surname-part' });
  return forms;
}

export function forenameKeys(p: PersonNameParts): string[] {
  return [...p.forenames.split(/[\s.]+/), ...p.nicknames].filter(Boolean).map(fold);
}

const STOP_CONTEXT = new Set(['the', 'of', 'and', 'to', 'in', 'for', 'on', 'at', 'from', 'until', 'a', 'an', 'with', 'by', 'thereafter', 'also', 'as']);

export function contextWordsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const k of wordKeys(text)) if (k.length > 2 && !STOP_CONTEXT.has(k) && !/^\d+$/.test(k)) out.add(k);
  return out;
}

const MONTH_YEAR = '(January|February|March|April|May|June|July|August|September|October|November|December|spring|summer|autumn|fall|winter)?\\s*(?:\\d{1,2},\\s*)?(\\d{4})';

function ym(m: string | undefined, y: string): string {
  const n = m ? MONTH_NUMBER.get(m.toLowerCase()) : undefined;
  return n ? `${y}-${String(n).padStart(2, '0')}` : y;
}

/**
 * The offices of an identification and when they were held: clauses separated by `;`, with
 * `until February 1957`, `from March 1956`, `April 1955–September 1956`, `thereafter …`.
 */
export function periodsOf(text: string): Period[] {
  const out: Period[] = [];
  let previousEnd: string | undefined;
  for (const clause of text.split(/;\s*/)) {
    const words = contextWordsOf(clause);
    if (words.size === 0) continue;
    let from: string | undefined;
    let to: string | undefined;
    const range = new RegExp(`${MONTH_YEAR}\\s*[–-]\\s*${MONTH_YEAR}`, 'i').exec(clause);
    const until = new RegExp(`\\b(?:until|to)\\s+${MONTH_YEAR}`, 'i').exec(clause);
    const since = new RegExp(`\\b(?:from|since|after)\\s+${MONTH_YEAR}`, 'i').exec(clause);
    if (range) {
      from = ym(range[1], range[2]!);
      to = ym(range[3], range[4]!);
    } else {
      if (until) to = ym(until[1], until[2]!);
      if (since) from = ym(since[1], since[2]!);
    }
    if (!from && /\bthereafter\b/i.test(clause) && previousEnd) from = previousEnd;
    const period: Period = { words };
    if (from) period.from = from;
    if (to) period.to = to;
    out.push(period);
    previousEnd = to ?? previousEnd;
  }
  return out;
}

/** Whether a date (ISO) falls within a period, at the precision the period gives. */
export function inPeriod(date: string, p: { from?: string; to?: string }): boolean {
  if (p.from && date.slice(0, p.from.length) < p.from) return false;
  if (p.to && date.slice(0, p.to.length) > p.to) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Registers (TEI)

function attrId(el: XElement): string | undefined {
  return el.attrs['xml:id'] ?? el.attrs['id'];
}

function personFromTei(el: XElement, origin: 'register' | 'userlist'): AuthorityEntry | undefined {
  const id = attrId(el);
  if (!id) return undefined;
  const names = kids(el, 'persName');
  if (names.length === 0) return undefined;
  const main = names.find((n) => n.attrs['type'] === 'main' || n.attrs['type'] === undefined) ?? names[0]!;
  const structuredSurname = kids(main, 'surname').map((s) => textContent(s)).join(' ');
  const structuredForenames = kids(main, 'forename').map((s) => textContent(s)).join(' ');
  const mainText = textContent(main);
  let parts = personNameParts(mainText);
  if (structuredSurname) parts = { ...parts, surname: structuredSurname, forenames: structuredForenames || parts.forenames.replace(structuredSurname, '').trim() };
  const surnameEl = names.find((n) => n.attrs['type'] === 'surname');
  if (surnameEl) {
    const s = textContent(surnameEl);
    const natural = /,/.test(mainText) ? `${parts.forenames} ${parts.surname}` : mainText;
    const idx = natural.lastIndexOf(s);
    parts = { ...parts, surname: s, forenames: idx > 0 ? splitTitles(natural.slice(0, idx).trim()).names : parts.forenames };
  }
  const name = /,/.test(mainText) ? [parts.forenames, parts.surname, parts.suffix].filter(Boolean).join(' ') : mainText;
  const forms: NameForm[] = [{ text: name, type: 'main' }, ...personForms(parts)];
  for (const n of names) {
    if (n === main || n === surnameEl) continue;
    const t = textContent(n);
    if (!t) continue;
    const type = n.attrs['type'];
    if (type === 'forename') {
      forms.push({ text: t, type: 'forename' });
      continue;
    }
    const single = wordKeys(t).length === 1;
    forms.push({ text: t, type: single ? 'surname' : 'variant' });
    if (!single && /,/.test(t)) forms.push(...personForms(personNameParts(t)).map((f) => ({ ...f, type: f.type === 'full' ? ('variant' as const) : f.type })));
  }
  const occupation = kids(el, 'occupation').map((o) => textContent(o)).filter(Boolean);
  const notes = kids(el, 'note').map((o) => textContent(o)).filter(Boolean);
  const description = [...occupation, ...notes].join('; ') || undefined;
  const idno = kids(el, 'idno').find((i) => i.attrs['type'] === 'wikidata');
  const birth = kids(el, 'birth')[0]?.attrs['when'];
  const death = kids(el, 'death')[0]?.attrs['when'];
  const periods: Period[] = kids(el, 'occupation').map((o) => {
    const p: Period = { words: contextWordsOf(textContent(o)) };
    const from = o.attrs['from'] ?? o.attrs['notBefore'] ?? o.attrs['when'];
    const to = o.attrs['to'] ?? o.attrs['notAfter'] ?? o.attrs['when'];
    if (from) p.from = from;
    if (to) p.to = to;
    return p;
  });
  if (periods.length === 0 && description) periods.push(...periodsOf(description));
  return {
    id,
    kind: 'person',
    name,
    forms,
    surname: parts.surname,
    forenames: forenameKeys(parts),
    titles: parts.titles,
    description,
    wikidata: idno ? textContent(idno) : undefined,
    periods,
    born: birth,
    died: death,
    contextWords: contextWordsOf([description ?? '', ...parts.titles].join(' ')),
    origin,
  };
}

function placeFromTei(el: XElement): AuthorityEntry | undefined {
  const basics = recordBasics(el, 'placeName');
  if (!basics) return undefined;
  const { id, name, forms, description, wikidata } = basics;
  return {
    id,
    kind: 'place',
    name,
    forms,
    description,
    wikidata,
    placeType: el.attrs['type'],
    ...countryRef(el),
    contextWords: contextWordsOf(description ?? ''),
    periods: [],
    origin: 'register',
  };
}

/** `<location><country ref="#pl-iraq">` -> `{ country: 'pl-iraq' }`. */
function countryRef(el: XElement): { country?: string } {
  const ref = kids(el, 'location').flatMap((l) => kids(l, 'country'))[0]?.attrs['ref'];
  return ref?.startsWith('#') ? { country: ref.slice(1) } : {};
}

/** The name forms of a place or organisation record, with their periods (`@from`/`@to`). */
function nameForms(names: readonly XElement[]): NameForm[] {
  return names.map((n) => {
    const t = n.attrs['type'];
    const type: FormType = t === 'historical' ? 'historical' : t === 'variant' ? 'variant' : t === 'abbr' ? 'abbr' : 'main';
    const form: NameForm = { text: textContent(n), type };
    const from = n.attrs['from'] ?? n.attrs['notBefore'];
    const to = n.attrs['to'] ?? n.attrs['notAfter'];
    if (from) form.from = from;
    if (to) form.to = to;
    return form;
  }).filter((f) => f.text.length > 0);
}

/** What place and organisation records share: id, main name, name forms, description, Wikidata id. */
function recordBasics(el: XElement, nameElement: 'placeName' | 'orgName'):
  { id: string; name: string; forms: NameForm[]; description?: string; wikidata?: string } | undefined {
  const id = attrId(el);
  const names = kids(el, nameElement);
  if (!id || names.length === 0) return undefined;
  const main = names.find((n) => n.attrs['type'] === 'main' || n.attrs['type'] === undefined) ?? names[0]!;
  const notes = [...kids(el, 'note'), ...kids(el, 'desc')].map((o) => textContent(o)).filter(Boolean);
  const idno = kids(el, 'idno').find((i) => i.attrs['type'] === 'wikidata');
  return {
    id,
    name: textContent(main),
    forms: nameForms(names),
    description: notes.join('; ') || undefined,
    wikidata: idno ? textContent(idno) : undefined,
  };
}

function orgFromTei(el: XElement): AuthorityEntry | undefined {
  const basics = recordBasics(el, 'orgName');
  if (!basics) return undefined;
  const { id, name, forms, description, wikidata } = basics;
  return {
    id,
    kind: 'org',
    name,
    forms,
    description,
    wikidata,
    contextWords: contextWordsOf(description ?? ''),
    periods: [],
    origin: 'register',
  };
}

function loadList(auth: Authority, xml: string, file: string, element: string, make: (el: XElement) => AuthorityEntry | undefined): void {
  const parsed = parseXmlTree(xml);
  if (!parsed.ok) {
    auth.messages.push(message('error', 'annotate/register-not-well-formed', `register is not well-formed: ${parsed.error}`, file, parsed));
    return;
  }
  let skipped = 0;
  for (const el of findAll(parsed.root, element)) {
    const entry = make(el);
    if (entry) addEntry(auth, entry);
    else skipped++;
  }
  if (skipped > 0) auth.messages.push(message('warning', 'annotate/register-entry-skipped', `${skipped} ${element} entries without xml:id or name were skipped`, file));
}

/** Builds the registers from the three XML texts (any may be missing). */
export function loadRegisters(sources: RegisterSources, files: { persons?: string; places?: string; orgs?: string } = {}): Registers {
  const auth = newAuthority();
  if (sources.persons) loadList(auth, sources.persons, files.persons ?? 'persons.xml', 'person', (el) => personFromTei(el, 'register'));
  if (sources.places) loadList(auth, sources.places, files.places ?? 'places.xml', 'place', placeFromTei);
  if (sources.orgs) loadList(auth, sources.orgs, files.orgs ?? 'orgs.xml', 'org', orgFromTei);
  return auth;
}

/** Reads `persons.xml`, `places.xml` and `orgs.xml` from a folder (the project's `tei/`). */
export function readRegisters(dir: string): Registers {
  // the generated persons index (scripts/build-registers.mjs) when there is one, else a TEI persons.xml
  const index = join(dir, 'persons-index.json.gz');
  const files = { persons: existsSync(index) ? index : join(dir, 'persons.xml'), places: join(dir, 'places.xml'), orgs: join(dir, 'orgs.xml') };
  const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : undefined);
  const regs = loadRegisters({ persons: files.persons === index ? undefined : read(files.persons), places: read(files.places), orgs: read(files.orgs) }, files);
  if (files.persons === index) readPersonIndex(regs, readFileSync(index), index);
  for (const [k, f] of Object.entries(files)) {
    if (!existsSync(f)) regs.messages.push(message('warning', 'annotate/register-missing', `the ${k} register ${f} was not found; no ${k} are linked from it`, f));
  }
  return regs;
}

export function emptyRegisters(): Registers {
  return newAuthority();
}

// ---------------------------------------------------------------------------------------------
// A user's persons list

function frusItem(item: XElement): AuthorityEntry | undefined {
  const pn = findAll(item, 'persName').find((p) => p.attrs['xml:id']);
  if (!pn) return undefined;
  const id = pn.attrs['xml:id']!;
  const raw = textContent(pn);
  const parts = personNameParts(raw);
  // the identification: the item's text after the name
  const whole = textContent(item);
  const at = whole.indexOf(raw);
  const description = (at >= 0 ? whole.slice(at + raw.length) : whole).replace(/^[\s,]+/, '').trim() || undefined;
  const name = [parts.forenames, parts.surname, parts.suffix].filter(Boolean).join(' ');
  const forms = personForms(parts);
  const alts = findAll(item, 'persName').filter((p) => p !== pn && p.attrs['type'] === 'alt').map((p) => textContent(p));
  for (const a of alts) forms.push({ text: a, type: 'variant' });
  return {
    id,
    kind: 'person',
    name,
    forms,
    surname: parts.surname,
    forenames: forenameKeys(parts),
    titles: parts.titles,
    description,
    periods: description ? periodsOf(description) : [],
    contextWords: contextWordsOf([description ?? '', ...parts.titles].join(' ')),
    origin: 'userlist',
  };
}

/**
 * Loads a user's authority file: a TEI `listPerson` (persons with xml:id and persName), or a FRUS
 * "List of Persons" (`persName xml:id="p_…"` with "Surname, Forenames" and the identification after it).
 */
export function loadUserPersons(xml: string, file = 'persons.xml'): UserPersons {
  const auth = newAuthority();
  const parsed = parseXmlTree(xml);
  if (!parsed.ok) {
    auth.messages.push(message('error', 'annotate/persons-not-well-formed', `persons list is not well-formed: ${parsed.error}`, file, parsed));
    auth.error = `${file}:${parsed.line}:${parsed.column}: the persons list is not well-formed: ${parsed.error}`;
    return auth;
  }
  const persons = findAll(parsed.root, 'person');
  if (persons.length > 0) {
    for (const el of persons) {
      const e = personFromTei(el, 'userlist');
      if (e) addEntry(auth, e);
    }
  } else {
    for (const item of findAll(parsed.root, 'item')) {
      const e = frusItem(item);
      if (e) addEntry(auth, e);
    }
  }
  if (auth.entries.size === 0) {
    auth.messages.push(message('warning', 'annotate/persons-empty', 'the persons list has no entries (expected TEI person elements or FRUS items with persName xml:id)', file));
    auth.error = `${file}: the persons list has no entries (expected TEI <person xml:id> elements, or FRUS <item>s with <persName xml:id="p_…">)`;
  }
  return auth;
}

/** A person found by surname: `part` when by one word of a compound surname, `spelling` when spelled otherwise. */
export interface SurnameCandidate {
  entry: AuthorityEntry;
  part: boolean;
  spelling?: boolean;
}

/** Persons with a folded surname: the register's entries, then the people database's others. */
export function surnameCandidates(auth: Authority, key: string): readonly SurnameCandidate[] {
  const own = auth.surnames.get(key) ?? [];
  const more = auth.people?.surnames(key) ?? [];
  return more.length === 0 ? own : own.length === 0 ? more : [...own, ...more];
}

/**
 * Persons whose surname is the folded `key` in another romanisation (Kassim: Qassim, Qasim, Kassem;
 * spelling.ts), for a surname no person has as printed. Each marked `spelling`.
 */
export function surnameVariants(auth: Authority, key: string): readonly SurnameCandidate[] {
  const out: SurnameCandidate[] = [];
  for (const k of surnamesSpelledLike(auth, key)) {
    for (const c of surnameCandidates(auth, k)) if (!out.some((o) => o.entry === c.entry)) out.push({ ...c, spelling: true });
  }
  return out;
}

/** Whether the register (not the people database beyond it) has a person of this surname, as printed or spelled otherwise. */
export function knowsSurname(auth: Authority, key: string): boolean {
  return auth.surnames.has(key) || surnamesSpelledLike(auth, key).some((k) => auth.surnames.has(k));
}

/** Spellings shorter than this are left as printed: too little of them is left to tell names apart. */
const MIN_VARIANT_LENGTH = 4;

/** The folded surnames of an authority other than `key` with its romanisation skeleton. */
function surnamesSpelledLike(auth: Authority, key: string): string[] {
  if (key.length < MIN_VARIANT_LENGTH) return [];
  const skeleton = nameSkeleton(key);
  // the generated index has the table; a list read from TEI (the user's) makes its own, once
  let keys: readonly string[];
  if (auth.people) keys = auth.people.spelledLike(skeleton);
  else {
    if (!auth.spellings) {
      auth.spellings = new Map();
      for (const k of auth.surnames.keys()) {
        const sk = nameSkeleton(k);
        auth.spellings.set(sk, [...(auth.spellings.get(sk) ?? []), k]);
      }
    }
    keys = auth.spellings.get(skeleton) ?? [];
  }
  return keys.filter((k) => k !== key);
}

/** Whether a folded word is a known forename (built-in list, or a forename in a register). */
export function isForename(key: string, ...auths: readonly (Authority | undefined)[]): boolean {
  if (FORENAMES.has(key)) return true;
  return auths.some((a) => a?.forenames.has(key) === true);
}
