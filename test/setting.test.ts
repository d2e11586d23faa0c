/**
 * A document's setting (issue 12, item 3): its date and its countries from the dateline, the posts
 * in its head and the decimal file number, read from small synthetic documents in the FRUS layout
 * (test/fixtures/setting) against the project's registers.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readRegisters } from '../src/annotate/index.js';
import { fileNumberCountries, schemeOf } from '../src/annotate/decimal-file.js';
import { countryOfPlace, countryTerms, documentSetting, headDate, headPosts, namesCountry } from '../src/annotate/setting.js';
import { parseDocument } from '../src/parse/document.js';
import { splitDocuments } from '../src/read/split.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const registers = readRegisters(resolve(repoRoot, 'tei'));
const fixture = (name: string) => parseDocument(splitDocuments(readFileSync(resolve(repoRoot, 'test/fixtures/setting', name), 'utf8'), name)[0]!);

describe('the decimal file number: its scheme and country numbers', () => {
  it('reads the class digit, then the country number, and for a bilateral file the second country', () => {
    expect(fileNumberCountries('787.00/3–1059', 1959).map((c) => c.country)).toEqual(['Iraq']);
    expect(fileNumberCountries('611.88/4–1255', 1955).map((c) => c.country)).toEqual(['United States', 'Iran']);
    expect(fileNumberCountries('711.94/2–1148', 1948).map((c) => c.country)).toEqual(['United States', 'Japan']);
  });

  it('reads a number by the scheme of its year (Saudi Arabia: 90F before 1950, 86A after)', () => {
    expect(schemeOf(1949)).toBe('1910-1949');
    expect(schemeOf(1950)).toBe('1950-1963');
    expect(fileNumberCountries('890F.00/3–1247', 1947).map((c) => c.country)).toEqual(['Saudi Arabia']);
    expect(fileNumberCountries('786A.00/3–1255', 1955).map((c) => c.country)).toEqual(['Saudi Arabia']);
    // 87 is Iraq only in the 1950 scheme
    expect(fileNumberCountries('787.00/3–1247', 1947)).toEqual([]);
  });

  it('names no country for a number no documented source gives, nor without a year', () => {
    expect(fileNumberCountries('756D.00/3–1254', 1954)).toEqual([]);
    expect(fileNumberCountries('787.00', undefined)).toEqual([]);
    expect(fileNumberCountries('Department of State, Central Files', 1955)).toEqual([]);
  });

  it('says where each number is documented', () => {
    for (const c of fileNumberCountries('611.88/4–1255', 1955)) expect(c.source).toMatch(/National Archives|UPA/);
  });
});

describe('the head: its date and the posts it names', () => {
  it('finds the place of every post abroad', () => {
    expect(headPosts('Telegram From the Embassy in Iraq to the Department of State')).toEqual(['Iraq']);
    expect(headPosts('The Ambassador in the Soviet Union (Smith) to the Secretary of State')).toEqual(['Soviet Union']);
    expect(headPosts('The Secretary of State to the Consulate General at Nicosia')).toEqual(['Nicosia']);
    expect(headPosts('The Chargé in Iraq (Moose) to the Secretary of State')).toEqual(['Iraq']);
    expect(headPosts('Letter From the Prime Minister of Iraq (Nuri) to President Eisenhower')).toEqual(['Iraq']);
    expect(headPosts('Letter From President Eisenhower to the Shah of Iran')).toEqual(['Iran']);
    expect(headPosts('Memorandum of Conversation, by the Assistant Chief of the Division of South Asian Affairs (Thurston)')).toEqual([]);
  });

  it('reads a date the head prints', () => {
    expect(headDate('Memorandum by the Secretary of State, Washington, March 3, 1955')).toBe('1955-03-03');
    expect(headDate('Telegram From the Embassy in Iraq')).toBeUndefined();
  });
});

describe('places and the countries they stand for', () => {
  it('a city stands for the country it lies in; Moscow for the Soviet Union while there was one', () => {
    expect(countryOfPlace(registers, 'Djakarta', 1954)?.id).toBe('pl-indonesia');
    expect(countryOfPlace(registers, 'Moscow', 1947)?.id).toBe('pl-soviet-union');
    expect(countryOfPlace(registers, 'Moscow', 1995)?.id).toBe('pl-russia');
    expect(countryOfPlace(registers, 'the Soviet Union', 1947)?.id).toBe('pl-soviet-union');
    expect(countryOfPlace(registers, 'Department of State', 1947)).toBeUndefined();
  });

  it('a country is named in a role by its name or its people’s adjective', () => {
    const terms = (id: string) => countryTerms(registers.entries.get(id)!);
    expect(namesCountry('Iraqi Prime Minister from July 1958', terms('pl-iraq'))).toBe(true);
    expect(namesCountry('Prime Minister of Indonesia', terms('pl-indonesia'))).toBe(true);
    expect(namesCountry('Indonesian Ambassador to the United States', terms('pl-indonesia'))).toBe(true);
    expect(namesCountry('Soviet Minister of Foreign Affairs', terms('pl-soviet-union'))).toBe(true);
    expect(namesCountry('Greek Prime Minister', terms('pl-greece'))).toBe(true);
    expect(namesCountry('Prime Minister of Pakistan', terms('pl-indonesia'))).toBe(false);
    expect(namesCountry('Iranian Ambassador', terms('pl-iraq'))).toBe(false);
  });
});

describe('the setting of a document', () => {
  it('a Djakarta telegram of 1954: Indonesia from its dateline and its head (756D names no country here)', () => {
    const s = documentSetting(fixture('jakarta-1954-prime-minister-ali.txt'), registers);
    expect(s.date).toBe('1954-03-12');
    expect(s.dateSource).toBe('dateline');
    expect(s.countries.map((c) => c.id)).toEqual(['pl-indonesia']);
    expect(s.countries[0]!.evidence.map((e) => e.source)).toEqual(['dateline', 'head']);
  });

  it('a Baghdad telegram of 1959: Iraq from dateline, head and file number', () => {
    const s = documentSetting(fixture('baghdad-1959-nuri-qassim.txt'), registers);
    expect(s.countries.map((c) => c.id)).toEqual(['pl-iraq']);
    expect(s.countries[0]!.evidence.map((e) => e.source)).toEqual(['dateline', 'head', 'filenumber']);
  });

  it('a memorandum without dateline: date and countries from its file number', () => {
    const s = documentSetting(fixture('washington-1955-file-number.txt'), registers);
    expect(s.date).toBe('1955-04-12');
    expect(s.dateSource).toBe('filenumber');
    expect(s.countries.map((c) => c.id)).toEqual(['pl-united-states', 'pl-iran']);
  });
});
