#!/usr/bin/env node
/**
 * Builds the persons register from the Office of the Historian's own authorities, merged with the
 * hand-curated records:
 *
 *   ../shared/authority/hsg-people.jsonl.gz   the people database (name forms, titles, FRUS identifications)
 *   ../shared/authority/pocom.tgz             Principal Officers and Chiefs of Mission (posts with dates)
 *   tei/persons-curated.xml                   persons neither source has, verified Wikidata ids, notes
 *
 * and writes
 *
 *   tei/persons.xml.gz         the register, gzipped (20 MB of TEI: too large to commit as text) (TEI listPerson; idno hsg-people / pocom / wikidata, name
 *                              forms, dated roles with their sources, one description)
 *   tei/persons-index.json.gz  the compact index the annotator loads (same facts, no markup)
 *
 * Deterministic: the same sources give the same bytes (records sorted, no timestamps, gzip mtime 0).
 * The persons lists of the dev corpus volumes (HELD_OUT) are left out, so that the figures measured on
 * the dev corpus predict volumes the register has never seen.
 *
 *   node scripts/build-registers.mjs [--authority DIR] [--out DIR]
 */
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// the annotator's own code keys the names (run `npm run build` first: npm run build-registers does)
import { entryOf, lookupKeys } from '../dist/annotate/person-index.js';
import { nameSkeleton, skeletonWords } from '../dist/annotate/spelling.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const k = args.indexOf(name);
  return k >= 0 && args[k + 1] ? resolve(args[k + 1]) : dflt;
};
const AUTHORITY = opt('--authority', resolve(ROOT, '..', 'shared', 'authority'));
const OUT = opt('--out', join(ROOT, 'tei'));
const CURATED = join(ROOT, 'tei', 'persons-curated.xml');

/** Volumes of the dev corpus (../shared/corpus/frus-dev): held out of the register. */
export const HELD_OUT = new Set(['frus1942v06', 'frus1948v05p1', 'frus1955-57v24']);

const FRUS_PREFIX = 'https://history.state.gov/historicaldocuments/';
const POCOM_PREFIX = 'https://history.state.gov/departmenthistory/people/';

// ---------------------------------------------------------------------------------------------
// Reading the sources

/** The files of a .tgz (ustar), as name -> text. */
function untar(buf) {
  const files = new Map();
  let off = 0;
  let longName;
  while (off + 512 <= buf.length) {
    const header = buf.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const str = (a, b) => header.subarray(a, b).toString('utf8').replace(/\0.*$/s, '');
    let name = str(0, 100);
    const prefix = str(345, 500);
    if (prefix) name = `${prefix}/${name}`;
    const size = parseInt(str(124, 136).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const body = buf.subarray(off + 512, off + 512 + size);
    if (type === 'L') longName = body.toString('utf8').replace(/\0.*$/s, '');
    else {
      if (longName) name = longName;
      longName = undefined;
      if (type === '0' || type === '\0') files.set(name.replace(/^\.\//, ''), body.toString('utf8'));
    }
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

const unescapeXml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const tag = (xml, name) => {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
  return m ? unescapeXml(m[1].trim()) : '';
};
const blocks = (xml, name) => xml.match(new RegExp(`<${name}>[\\s\\S]*?</${name}>`, 'g')) ?? [];
const dateIn = (xml, name) => {
  const m = new RegExp(`<${name}>\\s*<date>([^<]*)</date>`).exec(xml);
  return m ? m[1].trim() : '';
};

/** Country names as FRUS prints them, where POCOM's territory id says something else. */
const TERRITORY_NAMES = {
  russia: ['Soviet Union', 'USSR', 'U.S.S.R.', 'Russia'],
  'united-kingdom': ['United Kingdom', 'Great Britain', 'UK', 'U.K.', 'England'],
  china: ['China', 'Republic of China'],
  taiwan: ['China', 'Republic of China', 'Taiwan', 'Formosa'],
  germany: ['Germany', 'Federal Republic of Germany', 'West Germany'],
  'german-democratic-republic': ['German Democratic Republic', 'East Germany'],
  iran: ['Iran', 'Persia'],
  thailand: ['Thailand', 'Siam'],
  'sri-lanka': ['Ceylon', 'Sri Lanka'],
  myanmar: ['Burma', 'Myanmar'],
  'korea-south': ['Korea', 'Republic of Korea'],
  'holy-see': ['Holy See', 'Vatican'],
  netherlands: ['Netherlands', 'The Netherlands', 'Holland'],
  'czech-republic': ['Czechoslovakia', 'Czech Republic'],
  serbia: ['Yugoslavia', 'Serbia'],
  'congo-democratic-republic': ['Congo', 'Congo (Léopoldville)', 'Zaire'],
  'dominican-republic': ['Dominican Republic'],
  'el-salvador': ['El Salvador'],
  'costa-rica': ['Costa Rica'],
  'saudi-arabia': ['Saudi Arabia'],
  'south-africa': ['South Africa', 'Union of South Africa'],
  'new-zealand': ['New Zealand'],
  'cote-divoire': ["Côte d'Ivoire", 'Ivory Coast'],
  'congo-republic': ['Republic of the Congo', 'Congo (Brazzaville)'],
  'guinea-bissau': ['Guinea-Bissau'],
  'vietnam-south': ['Vietnam', 'South Vietnam', 'Republic of Vietnam'],
  'saint-vincent-grenadines': ['Saint Vincent and the Grenadines'],
  'antigua-barbuda': ['Antigua and Barbuda'],
  'bosnia-herzegovina': ['Bosnia and Herzegovina'],
  'saint-kitts-nevis': ['Saint Kitts and Nevis'],
  'two-sicilies': ['Two Sicilies', 'Kingdom of the Two Sicilies'],
  'timor-leste': ['Timor-Leste', 'East Timor'],
};

/** The name a post of a given date gives the country, where it changed (first: the name from that date on). */
const NAMES_IN_TIME = {
  russia: [['1922-12-30', 'Soviet Union'], ['1991-12-26', 'Russia']],
  iran: [['1935-03-21', 'Iran']],
  thailand: [['1939-06-24', 'Thailand']],
  'sri-lanka': [['1972-05-22', 'Sri Lanka']],
  myanmar: [['1989-06-18', 'Myanmar']],
  'congo-democratic-republic': [['1971-10-27', 'Zaire'], ['1997-05-17', 'Democratic Republic of the Congo']],
  'czech-republic': [['1993-01-01', 'Czech Republic']],
  serbia: [['2003-02-04', 'Serbia and Montenegro'], ['2006-06-05', 'Serbia']],
};
const BEFORE_RENAMING = { russia: 'Russia', iran: 'Persia', thailand: 'Siam', 'sri-lanka': 'Ceylon', myanmar: 'Burma', 'congo-democratic-republic': 'Congo', 'czech-republic': 'Czechoslovakia', serbia: 'Yugoslavia' };
/** Country names said with the article ("Ambassador to the Soviet Union"). */
const WITH_ARTICLE = /^(?:Soviet Union|United |Netherlands|Dominican Republic|Philippines|Holy See|Central African Republic|Gambia|Bahamas|Maldives|Marshall Islands|Solomon Islands|Comoros|Seychelles|Czech Republic|German Democratic Republic|Federal Republic|Republic of|Democratic Republic|Two Sicilies|Congo$)/;

/** The country of a post as a role names it on the post's date: "to the Soviet Union" (1946), "to Russia" (1862). */
export function countryOn(territory, date) {
  let name = BEFORE_RENAMING[territory] ?? territoryNames(territory)[0];
  for (const [from, later] of NAMES_IN_TIME[territory] ?? []) if (date >= from) name = later;
  return WITH_ARTICLE.test(name) ? `the ${name}` : name;
}
const titleCase = (id) => id.split('-').map((w) => (/^(and|of|the)$/.test(w) ? w : w[0].toUpperCase() + w.slice(1))).join(' ');
export const territoryNames = (id) => TERRITORY_NAMES[id] ?? [titleCase(id)];

function readPocom(tgz) {
  const files = untar(gunzipSync(tgz));
  const roleNames = new Map();
  const people = new Map();
  /** pocom id -> [{ post, country?, position?, from, to, source }] */
  const posts = new Map();
  /** office tables for the annotator: chiefs of mission per country, principal officers per position */
  const offices = { chiefs: {}, principals: {} };
  const add = (pid, post) => (posts.get(pid) ?? posts.set(pid, []).get(pid)).push(post);
  for (const [name, xml] of files) {
    if (/^roles-country-chiefs\/.+\.xml$/.test(name)) roleNames.set(tag(xml, 'id'), tag(tag(xml, 'names'), 'singular'));
  }
  for (const [name, xml] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (/^people\/.+\.xml$/.test(name)) {
      const id = tag(xml, 'id');
      const pn = tag(xml, 'persName');
      people.set(id, { id, surname: tag(pn, 'surname'), forename: tag(pn, 'forename'), birth: tag(xml, 'birth'), death: tag(xml, 'death') });
    } else if (/^missions-countries\/.+\.xml$/.test(name)) {
      const territory = tag(xml, 'territory-id');
      for (const chief of blocks(xml, 'chief')) {
        const pid = tag(chief, 'person-id');
        const role = tag(chief, 'role-title-id');
        const from = dateIn(chief, 'started') || dateIn(chief, 'appointed');
        const to = dateIn(chief, 'ended');
        if (!pid || !from) continue;
        const roleName = roleNames.get(role) ?? titleCase(role);
        const country = countryOn(territory, from);
        add(pid, { text: `${roleName} to ${country}`, from, to, source: `pocom:${pid}` });
        (offices.chiefs[territory] ??= []).push([pid, role, from, to]);
      }
    } else if (/^positions-principals\/.+\.xml$/.test(name)) {
      const position = tag(xml, 'id');
      const title = tag(tag(xml, 'names'), 'singular');
      for (const p of blocks(xml, 'principal')) {
        const pid = tag(p, 'person-id');
        const from = dateIn(p, 'started') || dateIn(p, 'appointed');
        const to = dateIn(p, 'ended');
        if (!pid || !from) continue;
        add(pid, { text: title, from, to, source: `pocom:${pid}` });
        (offices.principals[position] ??= { title, holders: [] }).holders.push([pid, from, to]);
      }
    }
  }
  for (const list of posts.values()) list.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  for (const list of Object.values(offices.chiefs)) list.sort((a, b) => (a[2] < b[2] ? -1 : 1));
  for (const p of Object.values(offices.principals)) p.holders.sort((a, b) => (a[1] < b[1] ? -1 : 1));
  return { people, posts, offices };
}

/** `frus1955-57v24` -> [1955, 1957]; `frus1947v02` -> [1947, 1947]. */
export function volumeYears(volume) {
  const m = /^frus(\d{4})(?:-(\d{2,4}))?/.exec(volume);
  if (!m) return undefined;
  const from = Number(m[1]);
  let to = from;
  if (m[2]) to = m[2].length === 2 ? Number(m[1].slice(0, 2) + m[2]) : Number(m[2]);
  if (to < from) to += 100;
  return [from, to];
}

const volumeOf = (url) => /historicaldocuments\/([^/]+)\/persons/.exec(url)?.[1];
const pocomOf = (url) => (url.startsWith(POCOM_PREFIX) ? url.slice(POCOM_PREFIX.length) : undefined);
/** A source URL in the register's compact form (`frus:` and `pocom:` prefixes, declared in the header). */
const shortSource = (url) =>
  url.startsWith(FRUS_PREFIX) ? `frus:${url.slice(FRUS_PREFIX.length)}` : url.startsWith(POCOM_PREFIX) ? `pocom:${url.slice(POCOM_PREFIX.length)}` : url;
const heldOut = (url) => HELD_OUT.has(volumeOf(url) ?? '');

export function readPeople(gz) {
  const out = [];
  for (const line of gunzipSync(gz).toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    const p = JSON.parse(line);
    const keep = (list) => list.map((x) => ({ ...x, sources: x.sources.filter((s) => !heldOut(s)) })).filter((x) => x.sources.length > 0);
    const forms = keep(p.forms ?? []);
    if (forms.length === 0) continue; // known only from a held-out volume
    out.push({ ...p, forms, titles: keep(p.titles ?? []), remarks: keep(p.remarks ?? []) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Names

const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const TITLE_WORDS = new Set(('mr mrs miss ms dr sir lady dame lord general lieutenant major colonel admiral marshal field brigadier captain commander ' +
  'ambassador senator governor judge justice president prime minister king queen prince princess shah shaikh sheikh emir amir sultan ' +
  'imam sayyid sayid haji archbishop bishop cardinal father rev reverend monsignor vice air chief rear fleet baron viscount earl count ' +
  'countess baroness duke marquess marquis general-lieutenant lt gen col adm maj capt professor prof his her royal highness excellency').split(' '));

/** `Smith, General Walter Bedell` -> { surname: 'Smith', forenames: 'Walter Bedell', titles: ['General'] } */
export function splitPrinted(form) {
  const text = form.replace(/\s+/g, ' ').trim();
  const comma = text.indexOf(',');
  if (comma < 0) return { surname: text, forenames: '', titles: [], natural: text };
  const surname = text.slice(0, comma).trim();
  let rest = text.slice(comma + 1).trim();
  // "Jr." and such after a second comma
  let suffix = '';
  const m = /,\s*(Jr\.?|Sr\.?|II|III|IV)$/.exec(rest);
  if (m) {
    suffix = m[1];
    rest = rest.slice(0, m.index).trim();
  }
  const words = rest.split(' ').filter(Boolean);
  const titles = [];
  while (words.length > 1 && TITLE_WORDS.has(fold(words[0]).replace(/\.$/, ''))) titles.push(words.shift());
  if (words.length === 1 && TITLE_WORDS.has(fold(words[0]).replace(/\.$/, ''))) titles.push(words.shift());
  const forenames = words.join(' ');
  const natural = [forenames, surname, suffix].filter(Boolean).join(' ');
  return { surname, forenames, titles: titles.length ? [titles.join(' ')] : [], natural };
}

const PARTICLES = new Set(['de', 'da', 'di', 'del', 'della', 'dos', 'das', 'do', 'van', 'von', 'der', 'den', 'du', 'la', 'le', 'al', 'el', 'bin', 'ibn', 'y', 'e', 'ben', 'abu', 'ul', 'ud', 'ad', 'as', 'ash', 'at', 'az', 'ter', 'ten', 'zu']);

/**
 * Whether a printed form is a personal name: not an office or a description ("George VI, King of
 * Great Britain and Northern Ireland", "Great Britain and Northern Ireland, …"), at most five
 * words before the comma and no ordinary lower-case word but a particle.
 */
export function isPersonalName(form) {
  const s = splitPrinted(form);
  const words = `${s.forenames} ${s.surname}`.split(/\s+/).filter(Boolean);
  if (words.length === 0 || s.surname.split(/\s+/).length > 4) return false;
  return words.every((w) => !/^\p{Ll}/u.test(w) || PARTICLES.has(w.replace(/[.,]$/, '')));
}


// ---------------------------------------------------------------------------------------------
// Curated records (tei/persons-curated.xml)

export function readCurated(xml) {
  const out = [];
  for (const block of xml.match(/<person [\s\S]*?<\/person>/g) ?? []) {
    const id = /xml:id="([^"]+)"/.exec(block)[1];
    const sex = /<person [^>]*sex="([^"]+)"/.exec(block)?.[1];
    const names = [...block.matchAll(/<persName type="(\w+)">([^<]*)<\/persName>/g)].map((m) => ({ type: m[1], text: unescapeXml(m[2]) }));
    const occupations = [...block.matchAll(/<occupation((?: \w+="[^"]*")*)>([^<]*)<\/occupation>/g)].map((m) => ({
      text: unescapeXml(m[2]),
      from: /from="([^"]+)"/.exec(m[1])?.[1],
      to: /to="([^"]+)"/.exec(m[1])?.[1],
    }));
    out.push({
      id,
      sex,
      names,
      main: names.find((n) => n.type === 'main')?.text ?? '',
      surname: names.find((n) => n.type === 'surname')?.text ?? '',
      birth: /<birth when="([^"]+)"/.exec(block)?.[1],
      death: /<death when="([^"]+)"/.exec(block)?.[1],
      occupations,
      nationality: unescapeXml(/<nationality>([^<]*)</.exec(block)?.[1] ?? ''),
      note: unescapeXml(/<note>([^<]*)</.exec(block)?.[1] ?? ''),
      wikidata: /<idno type="wikidata">([^<]*)</.exec(block)?.[1],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Merging

const yearOf = (s) => (s ? Number(String(s).slice(0, 4)) : undefined);

/**
 * The forms of a curated record as surname and forenames: the main name and every variant of two
 * words or more, in natural order, titles and a suffix (Jr., II) left out. The surname is the
 * record's where the form ends with it, else the last word (with the particles before it) when that
 * is the record's surname in another romanisation ("Abdul Karim Kassem" of Qasim).
 */
function curatedNames(c) {
  const out = [];
  const key = nameSkeleton(c.surname);
  for (const name of [c.main, ...c.names.filter((n) => n.type === 'variant' && /\s/.test(n.text.trim())).map((n) => n.text)]) {
    const words = name.replace(/\s+/g, ' ').replace(/[\s,]+$/, '').trim().split(' ');
    while (words.length > 1 && TITLE_WORDS.has(fold(words[0]).replace(/\.$/, ''))) words.shift();
    while (words.length > 1 && /^(?:Jr\.?|Sr\.?|[IVX]{1,4})$/.test(words[words.length - 1])) words.pop();
    words[words.length - 1] = words[words.length - 1].replace(/,$/, '');
    const text = words.join(' ');
    const idx = text.lastIndexOf(c.surname);
    if (c.surname && idx > 0 && idx + c.surname.length === text.length) {
      out.push({ surname: c.surname, forenames: text.slice(0, idx).trim() });
      continue;
    }
    let s = words.length - 1;
    while (s > 1 && PARTICLES.has(fold(words[s - 1]))) s--;
    const surname = words.slice(s).join(' ');
    if (s > 0 && nameSkeleton(surname) === key) out.push({ surname, forenames: words.slice(0, s).join(' ') });
  }
  return out;
}

/** Words among forenames that are no forename: "son of" and the article (Saud bin Abdulaziz Al Saud). */
const NOT_FORENAMES = new Set(['bin', 'ibn', 'ben', 'al', 'el']);

/** Forenames as words: `{ first, skel }` (a full word's skeleton), or `{ first }` alone for an initial. */
function forenameWords(forenames) {
  const out = [];
  for (const w of fold(forenames).replace(/[()]/g, ' ').split(/[\s.]+/)) {
    const letters = w.replace(/[^a-z]/g, '');
    if (!letters || NOT_FORENAMES.has(letters)) continue;
    if (letters.length === 1) out.push({ first: letters });
    else for (const skel of skeletonWords(w)) out.push({ first: letters[0], skel });
  }
  return out;
}
/** Whether two forename words fit: the same skeleton, or an initial of the other. */
const wordFits = (a, b) => (a.skel && b.skel ? a.skel === b.skel : a.first === b.first);
const sameWord = (a, b) => !!a.skel && a.skel === b.skel;

/** A name's letters and spaces only, folded: the same name printed with other stops and commas. */
const plainName = (s) => fold(s).replace(/[^a-z ]/g, '').replace(/\s+/g, ' ').trim();
/** `jr`, `sr`, `ii` … after a name (`Lay, James S., Jr.`, `Douglas MacArthur II`), or ''. */
const suffixOf = (name) => {
  const m = /[\s,](Jr|Sr|II|III|IV)\.?\s*$/.exec(name);
  // a regnal number is no suffix (Boris III, Faisal II)
  if (!m || (/^I/.test(m[1]) && !/,/.test(name) && name.trim().split(/\s+/).length < 3)) return '';
  return m[1].toLowerCase();
};

const sourceCount = (p) => p.forms.reduce((n, f) => n + f.sources.length, 0);

/** Years a person of the people database is attested: the years of the volumes and those its identifications print. */
function attestedYears(p) {
  const years = [];
  for (const r of [...p.remarks, ...p.forms]) {
    for (const v of r.sources.map(volumeOf).filter(Boolean).map(volumeYears).filter(Boolean)) years.push(...v);
    for (const m of (r.text ?? '').matchAll(/\b(1[6-9]\d\d|20\d\d)\b/g)) years.push(Number(m[1]));
  }
  return years.length ? [Math.min(...years), Math.max(...years)] : undefined;
}

/**
 * A function giving the people database's person for a curated record, if there is one: a form
 * with the same surname in any romanisation (Qasim / Qassim / Kassem) whose forenames fit: the first
 * forenames fit (Abd al-Karim / Abdul Karim, C. Douglas / Clarence Douglas), or the first forename of
 * one is a forename of the other (Walter Bedell / Bedell). A surname spelled otherwise needs a
 * forename in full in common, not an initial only. The person is not attested only before the
 * curated person was grown up or only long after their death, and the birth years are at most three
 * apart. A name printed the same by one person only is that person. Among several, the one with the most evidence (birth years, the name printed the same,
 * forenames in common, the surname printed the same), then the record printed most often (the people
 * database holds some persons twice); a tie is no match.
 */
export function curatedMatcher(people) {
  /** surname skeleton -> [person, folded surname, forename words, folded natural name] of each form */
  const bySurname = new Map();
  /** a whole name, folded and as a skeleton -> persons */
  const byExact = new Map();
  const byNatural = new Map();
  const years = new Map();
  for (const p of people) {
    years.set(p, attestedYears(p));
    const seen = new Set();
    for (const f of [{ name: p.name }, ...p.forms]) {
      const s = splitPrinted(f.name);
      const key = nameSkeleton(s.surname);
      const k = `${s.surname}|${s.forenames}`;
      if (!key || seen.has(k)) continue;
      seen.add(k);
      (bySurname.get(key) ?? bySurname.set(key, []).get(key)).push([p, fold(s.surname), forenameWords(s.forenames), plainName(s.natural)]);
      for (const [map, k2] of [[byNatural, nameSkeleton(s.natural)], [byExact, plainName(s.natural)]]) {
        const list = map.get(k2) ?? map.set(k2, []).get(k2);
        if (!list.includes(p)) list.push(p);
      }
    }
  }
  const suffixes = new Map(people.map((p) => [p, new Set([p.name, ...p.forms.map((f) => f.name)].map(suffixOf))]));
  const plausible = (c, p) => {
    // Jr. is not his father: a suffix the curated name has is one the person is printed with (unless the birth years say)
    const suffix = suffixOf(c.main);
    if (suffix && !suffixes.get(p).has(suffix) && !(c.birth && p.birth)) return false;
    // sources disagree on birth years by a year or two (Byrnes: 1879 or 1882)
    if (c.birth && p.birth && Math.abs(yearOf(p.birth) - yearOf(c.birth)) > 3) return false;
    const y = years.get(p);
    if (y && c.birth && y[1] < yearOf(c.birth) + 15) return false;
    if (y && c.death && y[0] > yearOf(c.death) + 5) return false;
    return true;
  };
  return (c) => matchCurated(c, bySurname, byExact, byNatural, plausible);
}

function matchCurated(c, bySurname, byExact, byNatural, plausible) {
  // the name printed the same, by one person only
  const exact = new Set();
  for (const n of [c.main, ...c.names.filter((x) => x.type === 'variant').map((x) => x.text)]) {
    for (const p of byExact.get(plainName(n)) ?? []) if (plausible(c, p)) exact.add(p);
  }
  if (exact.size === 1) return [...exact][0];
  const found = new Map();
  for (const { surname, forenames } of curatedNames(c)) {
    const mine = forenameWords(forenames);
    if (mine.length === 0) continue;
    const natural = plainName(`${forenames} ${surname}`);
    for (const [p, theirSurname, theirs, theirNatural] of bySurname.get(nameSkeleton(surname)) ?? []) {
      if (theirs.length === 0 || !plausible(c, p)) continue;
      const firstFit = wordFits(mine[0], theirs[0]);
      if (!firstFit && !theirs.some((w) => sameWord(mine[0], w)) && !mine.some((w) => sameWord(theirs[0], w))) continue;
      const inCommon = mine.filter((w) => theirs.some((t) => sameWord(w, t))).length;
      if (inCommon === 0 && fold(surname) !== theirSurname) continue;
      let score = inCommon / Math.max(mine.length, theirs.length) + (firstFit ? 1 : 0);
      if (c.birth && p.birth) score += 2;
      if (natural === theirNatural) score += 1;
      if (fold(surname) === theirSurname) score += 0.5;
      found.set(p, Math.max(found.get(p) ?? 0, score));
    }
  }
  if (found.size === 0) {
    // a person of one name (Makarios III): the same name printed, and only one person printed it
    const same = (byNatural.get(nameSkeleton(c.main)) ?? []).filter((p) => plausible(c, p));
    return same.length === 1 ? same[0] : undefined;
  }
  // evidence, then (for the people database's own duplicates: De Valera, Eamon / Éamon) the record printed most often
  const scored = [...found].map(([p, score]) => [p, score, sourceCount(p)]).sort((a, b) => b[1] - a[1] || b[2] - a[2]);
  if (scored.length > 1 && scored[1][1] === scored[0][1] && scored[1][2] === scored[0][2]) return undefined;
  return scored[0][0];
}

function slug(s) {
  return fold(s).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * An identification as a role's text: one line, without the stop or semicolon that ended it in the
 * list (the outputs print the role's dates after it), an abbreviation's stop kept (Jr., U.S.).
 */
function roleText(text) {
  const t = text.replace(/\s+/g, ' ').trim().replace(/\s*[;,:]$/, '');
  return /\.$/.test(t) && !/(?:\b[A-Z]\.|\b(?:Jr|Sr|Co|Inc|Ltd|St|Bros|etc|ret|Ret)\.)$/.test(t) ? t.slice(0, -1) : t;
}

/** "see Qassim", "See Ibn Saud.": a list's pointer to the person's entry under another name, no identification. */
const CROSS_REFERENCE = /^see\s/i;

/** An identification as one sentence: a capital first, one full stop last. */
const sentence = (text) => {
  const t = text.replace(/^[\s.,;:]+/, '').replace(/\s*[.;,:]\s*$/, '');
  return `${t.charAt(0).toUpperCase()}${t.slice(1)}.`;
};

/** `1946–1948`, `1862` (one year), `2018–` (still in post). */
function yearRange(from, to) {
  const a = String(from).slice(0, 4);
  const b = to ? String(to).slice(0, 4) : '';
  return a === b ? a : `${a}–${b}`;
}

/**
 * One clean sentence: the curated note, else the identification of the latest volume that printed
 * one (not a cross-reference), else the last post, else what another source says (a visit, POCOM).
 */
function descriptionOf(curated, roles) {
  if (curated?.note) return curated.note;
  const ids = roles.filter((r) => r.kind === 'frus' && !CROSS_REFERENCE.test(r.text));
  const last = ids.sort((a, b) => (a.to ?? 0) - (b.to ?? 0) || (a.from ?? 0) - (b.from ?? 0))[ids.length - 1];
  if (last) return sentence(last.text);
  const post = roles.filter((r) => r.kind === 'pocom').pop();
  if (post) return `${post.text}, ${yearRange(post.from, post.to)}.`;
  const other = roles.find((r) => r.kind === 'pocom-remark' && !CROSS_REFERENCE.test(r.text));
  return other ? sentence(other.text) : undefined;
}

function build() {
  const people = readPeople(readFileSync(join(AUTHORITY, 'hsg-people.jsonl.gz')));
  const pocom = readPocom(readFileSync(join(AUTHORITY, 'pocom.tgz')));
  const curated = readCurated(readFileSync(CURATED, 'utf8'));

  const matchCurated = curatedMatcher(people);
  const curatedFor = new Map();
  const curatedOnly = [];
  for (const c of curated) {
    const p = matchCurated(c);
    if (p && !curatedFor.has(p.id)) curatedFor.set(p.id, c);
    else curatedOnly.push(c);
  }

  const records = [];
  const usedIds = new Set(curated.map((c) => c.id));
  for (const p of people) {
    const c = curatedFor.get(p.id);
    const main = splitPrinted(p.name);
    const pocomId = p.forms.flatMap((f) => f.sources).map(pocomOf).find(Boolean);
    let id = c?.id;
    if (!id) {
      id = `per-hsg-${p.id}`;
    }
    usedIds.add(id);
    const forms = [];
    const seenForms = new Set();
    const addForm = (text, type, sources) => {
      const k = `${type}|${text}`;
      if (!text || seenForms.has(k)) return;
      seenForms.add(k);
      forms.push({ text, type, sources });
    };
    const mainName = c?.main ?? main.natural;
    addForm(mainName, 'main');
    addForm(c?.surname ?? main.surname, 'surname');
    for (const n of c?.names ?? []) if (n.type === 'variant') addForm(n.text, 'variant');
    for (const f of p.forms) if (isPersonalName(f.name)) addForm(f.name, 'variant', f.sources.map(shortSource));
    for (const a of p.alternates ?? []) if (isPersonalName(typeof a === 'string' ? a : a.name)) addForm(typeof a === 'string' ? a : a.name, 'variant');
    const roles = [];
    for (const post of pocom.posts.get(pocomId) ?? []) roles.push({ kind: 'pocom', text: post.text, from: post.from, to: post.to || undefined, source: post.source });
    for (const r of p.remarks) {
      // one role per volume years: the identification as the volume printed it
      const years = r.sources.map(volumeOf).filter(Boolean).map(volumeYears).filter(Boolean);
      const text = roleText(r.text);
      if (!text) continue;
      const frusSources = r.sources.filter((s) => volumeOf(s));
      if (frusSources.length === 0) {
        if (!/Non-career|Career appointee/i.test(text)) roles.push({ kind: 'pocom-remark', text, source: r.sources.map(shortSource).join(' ') });
        continue;
      }
      const from = Math.min(...years.map((y) => y[0]));
      const to = Math.max(...years.map((y) => y[1]));
      roles.push({ kind: 'frus', text, from, to, source: frusSources.map(shortSource).join(' ') });
    }
    for (const o of c?.occupations ?? []) roles.push({ kind: 'curated', text: o.text, from: o.from, to: o.to });
    // a cross-reference ("see Qassim") is no role: kept only where it alone dates the person (by its volume)
    const identifying = roles.filter((r) => !CROSS_REFERENCE.test(r.text));
    if (identifying.some((r) => r.from || r.to)) roles.splice(0, roles.length, ...identifying);
    const titles = [...new Set([...p.titles.map((t) => t.title), ...forms.flatMap((f) => (f.type === 'variant' ? splitPrinted(f.text).titles : []))])];
    records.push({
      id,
      sex: c?.sex,
      forms,
      birth: c?.birth ?? p.birth ?? undefined,
      death: c?.death ?? p.death ?? undefined,
      roles,
      nationality: c?.nationality,
      description: descriptionOf(c, roles),
      hsg: p.id,
      pocom: pocomId,
      wikidata: c?.wikidata,
      viaf: p.authorities?.viaf,
      titles,
      curated: !!c,
      surname: c?.surname ?? main.surname,
      forenames: c ? (c.main.lastIndexOf(c.surname) > 0 ? c.main.slice(0, c.main.lastIndexOf(c.surname)).trim() : '') : main.forenames,
      name: mainName,
    });
  }
  for (const c of curatedOnly) {
    const forms = c.names.map((n) => ({ text: n.text, type: n.type }));
    const roles = c.occupations.map((o) => ({ kind: 'curated', text: o.text, from: o.from, to: o.to }));
    const idx = c.main.lastIndexOf(c.surname);
    records.push({
      id: c.id, sex: c.sex, forms, birth: c.birth, death: c.death, roles, nationality: c.nationality, description: c.note || undefined,
      wikidata: c.wikidata, titles: [], curated: true, surname: c.surname, forenames: idx > 0 ? c.main.slice(0, idx).trim() : '', name: c.main,
    });
  }
  records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { records, offices: pocom.offices, counts: { people: people.length, curated: curated.length, merged: curatedFor.size, curatedOnly: curatedOnly.length } };
}

// ---------------------------------------------------------------------------------------------
// Writing

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const isoYear = (v) => (v === undefined || v === null || v === '' ? undefined : /^\d{4}(-\d{2}(-\d{2})?)?$/.test(String(v)) ? String(v) : undefined);

function personXml(r) {
  const lines = [];
  lines.push(`<person xml:id="${r.id}"${r.sex ? ` sex="${r.sex}"` : ''}>`);
  for (const f of r.forms) lines.push(`  <persName type="${f.type}"${f.sources?.length ? ` source="${esc(f.sources.join(' '))}"` : ''}>${esc(f.text)}</persName>`);
  if (isoYear(r.birth)) lines.push(`  <birth when="${r.birth}"/>`);
  if (isoYear(r.death)) lines.push(`  <death when="${r.death}"/>`);
  for (const role of r.roles) {
    const att = [];
    if (role.kind === 'frus') {
      att.push(`notBefore="${role.from}"`, `notAfter="${role.to}"`);
    } else {
      if (isoYear(role.from)) att.push(`from="${role.from}"`);
      if (isoYear(role.to)) att.push(`to="${role.to}"`);
    }
    if (role.source) att.push(`source="${esc(role.source)}"`);
    att.push(`type="${role.kind === 'frus' ? 'frus-identification' : role.kind === 'curated' ? 'curated' : 'pocom'}"`);
    lines.push(`  <occupation ${att.join(' ')}>${esc(role.text)}</occupation>`);
  }
  if (r.nationality) lines.push(`  <nationality>${esc(r.nationality)}</nationality>`);
  if (r.description) lines.push(`  <note>${esc(r.description)}</note>`);
  if (r.hsg) lines.push(`  <idno type="hsg-people">${r.hsg}</idno>`);
  if (r.pocom) lines.push(`  <idno type="pocom">${esc(r.pocom)}</idno>`);
  if (r.wikidata) lines.push(`  <idno type="wikidata">${esc(r.wikidata)}</idno>`);
  if (r.viaf) lines.push(`  <idno type="viaf">${esc(r.viaf)}</idno>`);
  lines.push('</person>');
  return lines.join('\n');
}

function registerXml(records) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by scripts/build-registers.mjs (npm run build-registers) from the Office of the Historian's
     people database and Principal Officers and Chiefs of Mission, merged with tei/persons-curated.xml.
     Do not edit by hand: edit tei/persons-curated.xml and run the script again. -->
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title>telegram-tei authority register: persons</title>
      </titleStmt>
      <publicationStmt>
        <p>Part of telegram-tei. Generated from public-domain data of the Office of the Historian, U.S. Department of State
          (the POCOM data under a CC0 1.0 waiver), and the project's curated records.</p>
      </publicationStmt>
      <sourceDesc>
        <listBibl>
          <bibl><author>Office of the Historian, U.S. Department of State</author>, <title>People database</title> (repository HistoryAtState/people): the lists of persons of the FRUS volumes, <title>Principal Officers and Chiefs of Mission</title> and <title>Visits by Foreign Leaders</title>; cited as <code>idno type="hsg-people"</code>.</bibl>
          <bibl><author>Office of the Historian, U.S. Department of State</author>, <title>Principal Officers and Chiefs of Mission</title> (repository HistoryAtState/pocom); cited as <code>idno type="pocom"</code>.</bibl>
          <bibl><title>telegram-tei curated persons</title> (tei/persons-curated.xml): persons neither source has, Wikidata ids.</bibl>
        </listBibl>
      </sourceDesc>
    </fileDesc>
    <encodingDesc>
      <listPrefixDef>
        <prefixDef ident="frus" matchPattern="(.+)" replacementPattern="https://history.state.gov/historicaldocuments/$1">
          <p>A FRUS volume's list of persons: <code>frus:frus1947v02/persons#p_SWB1</code>.</p>
        </prefixDef>
        <prefixDef ident="pocom" matchPattern="(.+)" replacementPattern="https://history.state.gov/departmenthistory/people/$1">
          <p>A person of <title>Principal Officers and Chiefs of Mission</title>.</p>
        </prefixDef>
      </listPrefixDef>
      <classDecl>
        <taxonomy xml:id="occupation-types">
          <category xml:id="pocom"><catDesc>A post from Principal Officers and Chiefs of Mission, with its start and end dates.</catDesc></category>
          <category xml:id="frus-identification"><catDesc>The identification a FRUS volume's list of persons printed; dated by the volume's years.</catDesc></category>
          <category xml:id="curated"><catDesc>An office from the project's curated records.</catDesc></category>
        </taxonomy>
      </classDecl>
    </encodingDesc>
  </teiHeader>
  <text>
    <body>
      <listPerson>
${records.map(personXml).join('\n')}
      </listPerson>
    </body>
  </text>
</TEI>
`;
}

/** The annotator's index: one array per person, fields in a fixed order (see src/annotate/authority.ts). */
function indexJson(records, offices) {
  const persons = records.map((r) => {
    const variants = r.forms.filter((f) => f.type === 'variant').map((f) => f.text);
    const roles = r.roles
      .map((x) => [x.from ?? '', x.to ?? '', x.kind === 'frus' ? x.source.split(' ')[0] : x.source ?? '', x.text].map(String).join('\t'))
      .join('\n');
    return [r.id, r.name, r.surname, r.forenames, variants, r.titles, isoYear(r.birth) ?? '', isoYear(r.death) ?? '', roles, r.description ?? '', r.hsg ?? '', r.pocom ?? '', r.wikidata ?? '', r.curated ? 1 : 0];
  });
  // look-up tables for the persons the annotator materialises on demand (keys folded by the annotator's own code)
  const surnames = {};
  const firstWords = {};
  /** romanisation skeleton -> folded surnames of every person, curated or not (the annotator's fallback for a spelling no one has) */
  const spellings = {};
  persons.forEach((row, i) => {
    const keys = lookupKeys(entryOf(row));
    for (const k of keys.surnames) {
      const list = (spellings[nameSkeleton(k)] ??= []);
      if (!list.includes(k)) list.push(k);
    }
    if (row[13] === 1) return;
    for (const k of keys.surnames) (surnames[k] ??= []).push(i);
    for (const k of keys.first) (firstWords[k] ??= []).push(i);
  });
  for (const list of Object.values(spellings)) list.sort();
  const countries = Object.fromEntries(Object.keys(offices.chiefs).sort().map((t) => [t, territoryNames(t)]));
  return JSON.stringify({ format: 'telegram-tei persons index 1', fields: ['id', 'name', 'surname', 'forenames', 'variants', 'titles', 'birth', 'death', 'roles', 'description', 'hsg', 'pocom', 'wikidata', 'curated'], persons, surnames: sortedKeys(surnames), firstWords: sortedKeys(firstWords), spellings: sortedKeys(spellings), offices: { ...offices, countries } });
}

const sortedKeys = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k].join(',')]));

function writeAtomic(path, data) {
  writeFileSync(`${path}.tmp`, data);
  renameSync(`${path}.tmp`, path);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
const { records, offices, counts } = build();
writeAtomic(join(OUT, 'persons.xml.gz'), gzipSync(Buffer.from(registerXml(records)), { level: 9 }));
writeAtomic(join(OUT, 'persons-index.json.gz'), gzipSync(Buffer.from(indexJson(records, offices)), { level: 9 }));
console.log(`persons register: ${records.length} records (${counts.people} from the people database, ${counts.merged} of them merged with a curated record; ${counts.curatedOnly} curated only)`);
}
