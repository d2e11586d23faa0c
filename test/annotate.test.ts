/**
 * The annotate stage: persons, places, organisations, roles and dates, tagged, linked and marked
 * for vetting. Unit tests on small fixtures, the seed telegram against the project's registers
 * (`tei/`), and the measured targets on the dev corpus (`../shared/corpus/frus-dev`, skipped when
 * absent).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  annotateDocument, loadRegisters, loadUserPersons, readRegisters, vettingEntries, vettingList, type Registers,
} from '../src/annotate/index.js';
import { findDates } from '../src/annotate/dates.js';
import { periodsOf } from '../src/annotate/registers.js';
import { parseDocument } from '../src/parse/document.js';
import { splitDocuments } from '../src/read/split.js';
import { buildTei } from '../src/tei/build.js';
import { extractFields } from '../src/eval/tei-fields.js';
import { aggregate, compareDocuments, type DocumentScore } from '../src/eval/compare.js';
import type { DocumentModel, EntityRecord, Mention } from '../src/model.js';
import { inlinesOf, skipNote } from './helpers.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const sharedDir = resolve(repoRoot, '../shared');
const corpusDir = resolve(sharedDir, 'corpus/frus-dev');
const seedFile = resolve(sharedDir, 'seeds/smith-1947-01-14-montgomery-visit.txt');
const exampleSeed = resolve(repoRoot, 'examples/smith-1947-01-14-montgomery-visit.txt');
const haveCorpus = existsSync(resolve(corpusDir, 'manifest.json'));

const registers: Registers = readRegisters(resolve(repoRoot, 'tei'));

function parseText(text: string, file = 'test.txt'): DocumentModel {
  return parseDocument(splitDocuments(text, file)[0]!);
}


function mentions(doc: DocumentModel, where: 'body' | 'notes' | 'all' = 'all'): Mention[] {
  return inlinesOf(doc, where).filter((i): i is Mention => i.kind === 'mention');
}

function entity(doc: DocumentModel, id: string | undefined): EntityRecord | undefined {
  return doc.entities.find((e) => e.id === id);
}

// ---------------------------------------------------------------------------------------------
// Registers and persons lists

const PERSONS_TEI = `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listPerson>
  <person xml:id="per-rountree-william"><persName type="main">William M. Rountree</persName><persName type="surname">Rountree</persName>
    <occupation from="1955" to="1959">Assistant Secretary of State for Near Eastern Affairs</occupation><idno type="wikidata">Q1</idno></person>
  <person xml:id="per-jernegan-john"><persName type="main">John D. Jernegan</persName><persName type="surname">Jernegan</persName></person>
</listPerson></body></text></TEI>`;

const PLACES_TEI = `<listPlace xmlns="http://www.tei-c.org/ns/1.0">
  <place xml:id="pl-athens" type="city"><placeName type="main">Athens</placeName><note>Capital of Greece.</note></place>
  <place xml:id="pl-istanbul" type="city"><placeName type="main">Istanbul</placeName><placeName type="historical" to="1930">Constantinople</placeName></place>
  <place xml:id="pl-varna" type="city"><placeName type="main">Varna</placeName><placeName type="historical" from="1949" to="1956">Stalin</placeName></place>
</listPlace>`;

const ORGS_TEI = `<listOrg xmlns="http://www.tei-c.org/ns/1.0">
  <org xml:id="org-nato"><orgName type="main">North Atlantic Treaty Organization</orgName><orgName type="abbr">NATO</orgName></org>
  <org xml:id="org-un"><orgName type="main">United Nations</orgName><orgName type="abbr">UN</orgName></org>
</listOrg>`;

const FRUS_PERSONS = `<div xmlns="http://www.tei-c.org/ns/1.0" type="section" xml:id="persons"><head>List of Persons</head><list type="names">
  <item><hi rend="strong"><persName xml:id="p_RWM1">Rountree, William
      M.</persName>,</hi> Deputy Assistant Secretary of State for Near Eastern Affairs until July 1956</item>
  <item><hi rend="strong"><persName xml:id="p_JJD1">Jernegan, John D.</persName>,</hi> Ambassador to Iraq</item>
  <item><hi rend="strong"><persName xml:id="p_DAW1">Dulles, Allen W.</persName>,</hi> Director of Central Intelligence</item>
  <item><hi rend="strong"><persName xml:id="p_DJF1">Dulles, John Foster</persName>,</hi> Secretary of State</item>
  <item><hi rend="strong"><persName xml:id="p_WAM1">Warren, Avra M.</persName>,</hi> Ambassador to Turkey until February 1956</item>
  <item><hi rend="strong"><persName xml:id="p_WF1">Warren, Fletcher</persName>,</hi> Ambassador to Turkey from March 1956</item>
  <item><hi rend="strong"><persName xml:id="p_MSRM1">Makins, Sir Roger M.</persName>,</hi> British Ambassador in the United States</item>
  <item><hi rend="strong"><persName xml:id="p_MIII1">Makarios III</persName>,</hi> Archbishop and Ethnarch of Cyprus</item>
  <item><hi rend="strong"><persName xml:id="p_MADII1">MacArthur, Douglas, II</persName>,</hi> Counselor of the Department of State</item>
</list></div>`;

describe('registers', () => {
  const regs = loadRegisters({ persons: PERSONS_TEI, places: PLACES_TEI, orgs: ORGS_TEI });

  it('loads persons, places and organisations with their name forms', () => {
    expect(regs.messages).toEqual([]);
    expect([...regs.entries.keys()].sort()).toEqual(['org-nato', 'org-un', 'per-jernegan-john', 'per-rountree-william', 'pl-athens', 'pl-istanbul', 'pl-varna']);
    const rountree = regs.entries.get('per-rountree-william')!;
    expect(rountree.surname).toBe('Rountree');
    expect(rountree.forenames).toEqual(['william', 'm']);
    expect(rountree.wikidata).toBe('Q1');
    expect(rountree.periods[0]).toMatchObject({ from: '1955', to: '1959' });
    expect(regs.surnames.get('rountree')?.map((s) => s.entry.id)).toEqual(['per-rountree-william']);
    expect(regs.trie.exact(['nato']).map((h) => h.entry.id)).toEqual(['org-nato']);
  });

  it('reports a register that is not well-formed', () => {
    const bad = loadRegisters({ persons: '<listPerson><person xml:id="x">' });
    expect(bad.messages.map((m) => m.rule)).toContain('annotate/register-not-well-formed');
  });

  it('reads a FRUS "List of Persons": surname, forenames, titles, suffixes, identification and periods', () => {
    const user = loadUserPersons(FRUS_PERSONS, 'persons.xml');
    expect(user.error).toBeUndefined();
    expect(user.entries.size).toBe(9);
    const r = user.entries.get('p_RWM1')!;
    expect(r.name).toBe('William M. Rountree');
    expect(r.description).toMatch(/^Deputy Assistant Secretary/);
    expect(r.periods[0]).toMatchObject({ to: '1956-07' });
    const makins = user.entries.get('p_MSRM1')!;
    expect(makins.titles).toEqual(['Sir']);
    expect(makins.forenames).toEqual(['roger', 'm']);
    expect(user.entries.get('p_MIII1')!.surname).toBe('Makarios');
    expect(user.entries.get('p_MADII1')!.name).toBe('Douglas MacArthur II');
    expect(user.surnames.get('dulles')?.length).toBe(2);
  });

  it('reads a TEI listPerson as a user list, and reports an unusable one', () => {
    expect(loadUserPersons(PERSONS_TEI).entries.has('per-jernegan-john')).toBe(true);
    expect(loadUserPersons('<list/>').error).toMatch(/no entries/);
    expect(loadUserPersons('<list>').error).toMatch(/not well-formed/);
  });

  it('splits identifications into dated offices', () => {
    const p = periodsOf('Assistant Secretary of State until July 1956; Ambassador to Greece, October 1956–November 1957; thereafter Director, U.S. Information Agency');
    expect(p.map((x) => [x.from, x.to])).toEqual([[undefined, '1956-07'], ['1956-10', '1957-11'], ['1957-11', undefined]]);
  });
});

// ---------------------------------------------------------------------------------------------
// Dates

describe('dates', () => {
  const at = (text: string, date?: string) =>
    findDates(text, 0, { date }).map((c) => ({ text: text.slice(c.start, c.end), when: c.when, from: c.from, to: c.to, cert: c.cert }));

  it('normalises full dates, supplies the year, and keeps ranges and year-months', () => {
    expect(at('signed in London on May 26, 1942. For text', '1947-01-14')).toEqual([{ text: 'May 26, 1942', when: '1942-05-26', from: undefined, to: undefined, cert: 'high' }]);
    expect(at('Earlier in the day of January 10 before', '1947-01-14')[0]).toMatchObject({ text: 'January 10', when: '1947-01-10', cert: 'medium' });
    expect(at('met September 10–12, 1956 in Paris')[0]).toMatchObject({ text: 'September 10–12, 1956', from: '1956-09-10', to: '1956-09-12', cert: 'high' });
    expect(at('from March 1956 onwards')[0]).toMatchObject({ text: 'March 1956', when: '1956-03' });
    expect(at('criticisms of the 1942 treaty')[0]).toMatchObject({ text: '1942', when: '1942' });
    expect(at('on 3 August 1948 at')[0]).toMatchObject({ when: '1948-08-03' });
    expect(at('on June 20th Prime Minister', '1956-10-19')[0]).toMatchObject({ text: 'June 20th', when: '1956-06-20' });
  });

  it('takes a month far after the document’s for the previous year, with low certainty', () => {
    expect(at('as agreed on December 20 last', '1947-01-14')[0]).toMatchObject({ when: '1946-12-20', cert: 'low' });
  });

  it('gives a date without a year when the document date is unknown', () => {
    expect(at('on January 10 before')[0]).toMatchObject({ when: '--01-10', cert: 'low' });
  });

  it('tags a clock time only with a day to attach it to', () => {
    expect(at('On the next day in telegram 95 from Moscow at 11 a. m., in connection', '1947-01-14')).toContainEqual(
      expect.objectContaining({ text: '11 a. m.', when: '1947-01-15T11:00:00' }),
    );
    expect(at('Reference telegram No. 215, March 19, 5 p.m. The Legation', '1942-03-20')[0]).toMatchObject({ text: 'March 19, 5 p.m.', when: '1942-03-19T17:00:00' });
    expect(at('the meeting at 11 a. m. was short', '1947-01-14')).toEqual([]);
  });

  it('does not take telegram numbers for years', () => {
    expect(at('In telegram 1945 from Athens')).toEqual([]);
    expect(at('Despatch 1942, June 3, 1942')[0]).toMatchObject({ text: 'June 3, 1942' });
  });
});

// ---------------------------------------------------------------------------------------------
// Persons, roles, organisations on small texts

const doc = (body: string, notes = '', head = 'The Ambassador in Greece (Cannon) to the Secretary of State') =>
  parseText(`781.00/9–1056: Telegram\n\n${head}\n\n\nAthens, September 10, 1956—7 p. m.\n\n${body}${notes ? `\n\n${notes}` : ''}\n`);

describe('persons', () => {
  const regs = loadRegisters({ persons: PERSONS_TEI, places: PLACES_TEI, orgs: ORGS_TEI });
  const user = loadUserPersons(FRUS_PERSONS);

  it('tags the name without the title, and the full name where the text gives it', () => {
    const d = annotateDocument(doc('Mr. Rountree saw Ambassador Jernegan and Assistant Secretary of State William M. Rountree.'), { registers: regs });
    const ps = mentions(d).filter((m) => m.type === 'person');
    expect(ps.map((m) => m.text)).toEqual(['Rountree', 'Jernegan', 'William M. Rountree']);
    expect(new Set(ps.map((m) => m.ref))).toEqual(new Set(['per-rountree-william', 'per-jernegan-john']));
    expect(ps.every((m) => m.resp === 'register')).toBe(true);
    expect(entity(d, 'per-rountree-william')?.source).toBe('register');
  });

  it('links to the user list with corresp, by surname and forenames', () => {
    const d = annotateDocument(doc('Rountree told Jernegan that Sir Roger Makins had called. Later Sir Roger agreed. Makarios was told.'), { registers: regs, userPersons: user });
    const ps = mentions(d).filter((m) => m.type === 'person');
    expect(ps.map((m) => [m.text, m.corresp])).toEqual([
      ['Rountree', 'p_RWM1'], ['Jernegan', 'p_JJD1'], ['Roger Makins', 'p_MSRM1'], ['Roger', 'p_MSRM1'], ['Makarios', 'p_MIII1'],
    ]);
    expect(ps.every((m) => m.resp === 'userlist')).toBe(true);
  });

  it('tells persons who share a surname apart by the document’s context and date', () => {
    const signed = annotateDocument(parseText(`Telegram From the Department of State to the Embassy in Greece\n\n\nWashington, October 5, 1956—7 p.m.\n\nThe Secretary of State wishes you to proceed.\n\nDulles\n`), { registers: regs, userPersons: user });
    expect(mentions(signed).find((m) => m.text === 'Dulles')?.corresp).toBe('p_DJF1');
    const warren = annotateDocument(doc('Ambassador Warren informed the Department.', '', 'The Ambassador in Turkey (Warren) to the Department of State'), { registers: regs, userPersons: user });
    expect(mentions(warren).find((m) => m.text === 'Warren')?.corresp).toBe('p_WF1');
  });

  it('makes a person of the document for a titled name no list knows, and links its later mentions', () => {
    const d = annotateDocument(doc('Mr. Skouras saw the Prime Minister. Skouras said he would return.'), { registers: regs });
    const ps = mentions(d).filter((m) => m.type === 'person');
    expect(ps.map((m) => [m.text, m.ref, m.resp, m.cert])).toEqual([
      ['Skouras', 'per-doc-skouras', 'pattern', 'high'],
      ['Skouras', 'per-doc-skouras', 'pattern', 'medium'],
    ]);
    expect(entity(d, 'per-doc-skouras')).toMatchObject({ kind: 'person', name: 'Skouras' });
  });

  it('does not take titles, roles, adjectives or institutions for persons', () => {
    const d = annotateDocument(doc('The Prime Minister asked me to call. Soviet Marshal’s coat. The General Assembly met. He saw the Secretary. British and Greek officials met.'), { registers: regs });
    expect(mentions(d).filter((m) => m.type === 'person')).toEqual([]);
  });

  it('keeps a peerage title untagged', () => {
    const d = annotateDocument(doc('The Field Marshal arrived.', '  1. Field Marshal Bernard Law Montgomery, Viscount Montgomery of Alamein, Chief of the Imperial General Staff.'), { registers: regs });
    expect(mentions(d, 'notes').filter((m) => m.type === 'person').map((m) => m.text)).toEqual(['Bernard Law Montgomery']);
  });

  it('leaves the head and the dateline to the parser', () => {
    const d = annotateDocument(doc('Athens is calm.'), { registers: regs });
    expect(d.head!.inlines.some((i) => i.kind === 'mention')).toBe(false);
    expect(mentions(d).map((m) => m.text)).toEqual(['Athens']);
  });

  it('returns a new model and leaves the input unchanged', () => {
    const input = doc('Mr. Rountree left Athens.');
    const before = JSON.stringify(input);
    const out = annotateDocument(input, { registers: regs });
    expect(JSON.stringify(input)).toBe(before);
    expect(out).not.toBe(input);
    expect(mentions(out).length).toBe(2);
  });
});

describe('places and organisations', () => {
  const regs = loadRegisters({ persons: PERSONS_TEI, places: PLACES_TEI, orgs: ORGS_TEI });

  it('links register names and abbreviations (in capitals only)', () => {
    const d = annotateDocument(doc('NATO and the United Nations met in Athens; let us see.'), { registers: regs });
    expect(mentions(d).map((m) => [m.text, m.type, m.ref])).toEqual([
      ['NATO', 'org', 'org-nato'], ['United Nations', 'org', 'org-un'], ['Athens', 'place', 'pl-athens'],
    ]);
  });

  it('does not use a historical name outside its years', () => {
    const d = annotateDocument(parseText('The Ambassador in the Soviet Union (Smith) to the Secretary of State\n\n\nMoscow, January 14, 1947—noon.\n\nHe was dined by Stalin in Constantinople.\n'), { registers: regs });
    expect(mentions(d).filter((m) => m.type === 'place')).toEqual([]);
  });

  it('builds institutions on their head noun, and splits coordinated names', () => {
    const d = annotateDocument(doc('He inspected Voroshilov and Frunze Military Academies and Stalin Tank School, then the British Embassy and the Department of State.'), { registers: regs });
    const orgs = mentions(d).filter((m) => m.type === 'org');
    expect(orgs.map((m) => m.text)).toEqual(['Voroshilov', 'Frunze Military Academies', 'Stalin Tank School', 'British Embassy', 'Department of State']);
    expect(orgs.map((m) => entity(d, m.ref)?.name)).toEqual(['Voroshilov Military Academy', 'Frunze Military Academy', 'Stalin Tank School', 'British Embassy', 'Department of State']);
    expect(mentions(d).filter((m) => m.type === 'person')).toEqual([]);
  });
});

describe('robustness', () => {
  const regs = loadRegisters({ persons: PERSONS_TEI, places: PLACES_TEI, orgs: ORGS_TEI });

  it('takes time linear in the text (a long one-paragraph input)', () => {
    const sentence = 'Mr. Rountree told Jernegan, Cannon and Thurston on September 10, 1956 in Athens that the British Embassy agreed. ';
    const cpu = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const small = doc(sentence.repeat(200));
    const large = doc(sentence.repeat(2000));
    const t0 = cpu();
    const a = annotateDocument(small, { registers: regs });
    const t1 = cpu();
    const b = annotateDocument(large, { registers: regs });
    const t2 = cpu();
    expect(mentions(b).length).toBe(10 * mentions(a).length);
    // ten times the text in well under a hundred times the time (quadratic work would show)
    expect(t2 - t1).toBeLessThan(Math.max(30 * (t1 - t0), 3000));
  });

  it('never tags across a page break, and tags a name right before a note marker', () => {
    const d = annotateDocument(doc('He met William M. [Page 12] Rountree. Ambassador Jernegan’s1 visit.', '  1. Not printed.'), { registers: regs });
    const ps = mentions(d).filter((m) => m.type === 'person').map((m) => m.text);
    expect(ps).toContain('Jernegan');
    expect(ps.some((t) => /William/.test(t) && /Rountree/.test(t))).toBe(false);
    const p = d.body[0]!;
    expect(p.kind === 'p' && p.inlines.some((i) => i.kind === 'pageBreak')).toBe(true);
  });

  it('gives an empty vetting list for a document without machine-made tags, or not well-formed', () => {
    expect(vettingList('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>Nothing.</p></body></text></TEI>')).toBe('no machine-made tags\n');
    expect(vettingEntries('<TEI')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The seed telegram, with the project's registers

describe('seed: Smith, Moscow, January 14, 1947 (Montgomery’s visit)', () => {
  const file = existsSync(seedFile) ? seedFile : exampleSeed;
  const d = annotateDocument(parseText(readFileSync(file, 'utf8'), file), { registers });
  const body = mentions(d, 'body');
  const notes = mentions(d, 'notes');
  const persons = body.filter((m) => m.type === 'person');
  const count = (text: string) => persons.filter((m) => m.text === text).length;

  it('finds Montgomery, Stalin and Vassilievski as persons in the body, and nothing else', () => {
    // The body names Montgomery six times ("Montgomery’s¹", "Montgomery’s activities", "turned to
    // Montgomery", "Montgomery had made", "Montgomery’s suggestion", "Montgomery’s visit").
    expect(count('Montgomery')).toBe(6);
    expect(count('Stalin')).toBe(3);
    expect(count('Vassilievski')).toBe(1);
    expect(persons.length).toBe(10);
  });

  it('links every Montgomery to one record carrying footnote 1’s identification', () => {
    const refs = new Set(persons.filter((m) => m.text === 'Montgomery').map((m) => m.ref));
    expect(refs.size).toBe(1);
    const rec = entity(d, [...refs][0])!;
    expect(rec.name).toBe('Bernard Law Montgomery');
    expect(rec.description).toMatch(/Viscount Montgomery of Alamein/);
    expect(rec.description).toMatch(/Chief of the Imperial General Staff/);
    expect(persons.find((m) => m.text === 'Montgomery')!.resp).toBe('footnote');
  });

  it('links Vassilievski to the Vasilevsky record of footnote 4', () => {
    const v = persons.find((m) => m.text === 'Vassilievski')!;
    const rec = entity(d, v.ref)!;
    expect(rec.name).toMatch(/Vasilevsky/);
    expect(rec.description).toMatch(/Deputy Minister of Armed Forces/);
    expect(notes.find((m) => m.type === 'person' && /Vasilevsky/.test(m.text))?.ref).toBe(v.ref);
  });

  it('tags the British Ambassador as a role pointing to Peterson', () => {
    const role = body.find((m) => m.type === 'role')!;
    expect(role.text).toBe('British Ambassador');
    expect(entity(d, role.ref)!.name).toMatch(/Peterson/);
    expect(notes.find((m) => m.type === 'person' && /Peterson/.test(m.text))?.ref).toBe(role.ref);
  });

  it('tags the academies, the school and the United Nations as organisations', () => {
    const orgs = body.filter((m) => m.type === 'org').map((m) => m.text);
    expect(orgs).toEqual(expect.arrayContaining(['Voroshilov', 'Frunze Military Academies', 'Stalin Tank School', 'United Nations']));
  });

  it('tags Moscow and England as places, and no adjective', () => {
    const places = body.filter((m) => m.type === 'place').map((m) => m.text);
    expect(places).toEqual(expect.arrayContaining(['Moscow', 'England']));
    for (const adj of ['Soviet', 'British', 'Anglo-Soviet', 'Anglo-American']) expect(body.some((m) => m.text === adj)).toBe(false);
  });

  it('makes no false persons', () => {
    const all = [...persons, ...notes.filter((m) => m.type === 'person')].map((m) => m.text);
    for (const wrong of ['Field Marshal', 'Marshal', 'Soviet Marshal', 'Kremlin', 'Ambassador Smith', 'Ambassador', 'Montgomery of Alamein']) expect(all).not.toContain(wrong);
    expect(notes.filter((m) => m.type === 'person').map((m) => m.text)).toContain('Smith');
  });

  it('normalises the dates, with the year from the document where the text leaves it out', () => {
    const dates = [...body, ...notes].filter((m) => m.type === 'date');
    expect(dates.find((m) => m.text === 'May 26, 1942')).toMatchObject({ when: '1942-05-26', cert: 'high' });
    expect(dates.find((m) => m.text === 'January 10')).toMatchObject({ when: '1947-01-10', cert: 'medium' });
  });

  it('gives every mention a resp and a cert, and every ref a record', () => {
    for (const m of [...body, ...notes]) {
      expect(['register', 'footnote', 'pattern', 'userlist', 'office']).toContain(m.resp);
      expect(['high', 'medium', 'low']).toContain(m.cert);
      if (m.type !== 'date') expect(entity(d, m.ref), `${m.text} -> ${m.ref}`).toBeDefined();
    }
    const ids = d.entities.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lists the mentions for vetting, low certainty first', () => {
    const xml = buildTei(d, { sourceName: 'seed.txt' }).xml;
    const entries = vettingEntries(xml);
    const certs = entries.map((e) => e.cert);
    expect(certs).toEqual([...certs].sort((a, b) => ['low', 'medium', 'high'].indexOf(a) - ['low', 'medium', 'high'].indexOf(b)));
    const role = entries.find((e) => e.element === 'gloss[role]' && e.resp === 'footnote')!;
    expect(role).toMatchObject({ text: 'British Ambassador', recordName: expect.stringMatching(/Peterson/) as unknown as string });
    const text = vettingList(xml);
    expect(text).toMatch(/^(low|medium|high) \(\d+\)\n/);
    expect(text).toMatch(/persName {2}"Montgomery" -> #\S+ \(Bernard Law Montgomery\) {2}\[footnote\]/);
  });
});

// ---------------------------------------------------------------------------------------------
// The dev corpus: measured targets

interface ManifestDoc {
  id: string;
  raw: string;
  gold: string;
  variant: 'full' | 'bare';
}

const corpusSuite = 'dev corpus (frus1955-57v24 persons, against the gold)';
describe.skipIf(!haveCorpus)(haveCorpus ? corpusSuite : skipNote(corpusSuite), () => {
  const manifest = haveCorpus ? (JSON.parse(readFileSync(resolve(corpusDir, 'manifest.json'), 'utf8')) as { documents: ManifestDoc[] }).documents : [];
  const v24 = manifest.filter((d) => d.id.startsWith('frus1955-57v24'));
  const personsList = haveCorpus ? loadUserPersons(readFileSync(resolve(corpusDir, 'persons/frus1955-57v24.xml'), 'utf8'), 'frus1955-57v24.xml') : undefined;

  function score(userPersons: typeof personsList) {
    const scores: DocumentScore[] = [];
    for (const d of v24) {
      const raw = readFileSync(resolve(corpusDir, d.raw), 'utf8');
      const model = annotateDocument(parseText(raw, d.raw), { registers, userPersons });
      const xml = buildTei(model, { sourceName: d.raw }).xml;
      const gold = extractFields(readFileSync(resolve(corpusDir, d.gold), 'utf8'), { bare: d.variant === 'bare' });
      const predicted = extractFields(xml, { bare: d.variant === 'bare' });
      if (!gold.ok || !predicted.ok) throw new Error(`${d.id}: ${JSON.stringify([gold, predicted])}`);
      scores.push(compareDocuments(gold.fields, predicted.fields, { id: d.id }));
    }
    const corresp = scores.flatMap((s) => s.fields.filter((f) => f.field === 'corresp'));
    const right = corresp.reduce((n, f) => n + f.strict, 0);
    const all = corresp.reduce((n, f) => n + f.scored, 0);
    return { ...aggregate(scores).persons, corresp: all === 0 ? 0 : right / all };
  }

  const fmt = (x: { precision: number; recall: number; f1: number }) => `P ${x.precision.toFixed(3)} R ${x.recall.toFixed(3)} F1 ${x.f1.toFixed(3)}`;

  it('finds the persons the gold tags in the running text (with the volume’s persons list)', () => {
    const s = score(personsList);
    console.info(`annotate, frus1955-57v24 with persons list: strict ${fmt(s.strict)}; fuzzy ${fmt(s.fuzzy)}; corresp ${s.corresp.toFixed(3)}`);
    expect(s.fuzzy.f1).toBeGreaterThanOrEqual(0.9);
    expect(s.strict.f1).toBeGreaterThanOrEqual(0.85);
    expect(s.corresp).toBeGreaterThanOrEqual(0.9);
  });

  it('finds them without a persons list too (registers and patterns only)', () => {
    const s = score(undefined);
    console.info(`annotate, frus1955-57v24 without persons list: strict ${fmt(s.strict)}; fuzzy ${fmt(s.fuzzy)}`);
    expect(s.fuzzy.f1).toBeGreaterThanOrEqual(0.8);
  });

  it('annotates a document in a few milliseconds once the registers are loaded', () => {
    const models = manifest.map((d) => parseText(readFileSync(resolve(corpusDir, d.raw), 'utf8'), d.raw));
    for (const m of models) annotateDocument(m, { registers, userPersons: personsList }); // warm up
    // CPU time, not wall time: the figure should not depend on what else the machine is doing.
    const cpu = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const rounds = 5;
    const t0 = cpu();
    for (let r = 0; r < rounds; r++) for (const m of models) annotateDocument(m, { registers, userPersons: personsList });
    const perDoc = (cpu() - t0) / (rounds * models.length);
    const t1 = cpu();
    readRegisters(resolve(repoRoot, 'tei'));
    const load = cpu() - t1;
    console.info(`annotate: ${perDoc.toFixed(2)} ms CPU per document after a one-time register load of ${load.toFixed(0)} ms CPU`);
    expect(perDoc).toBeLessThan(10);
  });
});
