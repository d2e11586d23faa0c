/**
 * The country a State Department decimal file number names (`787.00/3–1059`: 7 internal political
 * affairs, 87 Iraq; `611.88`: 6 international political relations, 11 the United States, 88 Iran).
 *
 * The Department filed its correspondence from 1910 to January 1963 under two versions of a decimal
 * scheme: in the 1910–1949 one class 7 is the political relations of states and class 8 their
 * internal affairs; in the 1950–1963 one class 6 is international political relations and class 7
 * internal political affairs. Each country had a "country number", two digits or two digits and a
 * letter, and some numbers changed in 1950 (National Archives, "Central Decimal Files, 1910–1963",
 * https://www.archives.gov/research/foreign-policy/state-dept/rg-59-central-files/1910-1963).
 *
 * Only numbers a documented source gives are listed; a number not listed names no country here.
 */

/** Which version of the scheme a number belongs to: the 1950 manual replaced the 1910–1949 one. */
export type DecimalScheme = '1910-1949' | '1950-1963';

interface CountryNumber {
  number: string;
  /** The country's name as the places register knows it. */
  country: string;
  /** Where the number is documented. */
  source: string;
}

const NARA = 'National Archives, Central Decimal Files, 1910–1963 (archives.gov)';

/** Country numbers of the 1910–1949 scheme. */
const SCHEME_1910: readonly CountryNumber[] = [
  { number: '11', country: 'United States', source: NARA },
  { number: '90F', country: 'Saudi Arabia', source: NARA },
  // NARA microfilm T1249, Records of the Department of State relating to Internal Affairs of the Soviet Union, 1930–1939 (files 861.…)
  { number: '61', country: 'Soviet Union', source: 'National Archives microfilm T1249 (861.…)' },
  // 711.94: United States–Japan relations, 1945–1949 (Truman State University library, guide to the microfilm of that file)
  { number: '94', country: 'Japan', source: 'Records relating to political relations between the United States and Japan (711.94)' },
];

/** Country numbers of the 1950–1963 scheme. */
const SCHEME_1950: readonly CountryNumber[] = [
  { number: '11', country: 'United States', source: NARA },
  { number: '86A', country: 'Saudi Arabia', source: NARA },
  // University Publications of America, Confidential U.S. State Department Central Files, Iraq 1960–January 1963: 787, 887, 687, 611.87
  { number: '87', country: 'Iraq', source: 'UPA, Confidential U.S. State Department Central Files: Iraq, 1960–January 1963' },
  // the same series, Iran 1955–1959: 788, 888, 988, 688, 611.88
  { number: '88', country: 'Iran', source: 'UPA, Confidential U.S. State Department Central Files: Iran, 1955–1959' },
  // 611.94: United States–Japan relations from 1950 (Truman State University library)
  { number: '94', country: 'Japan', source: 'Records relating to political relations between the United States and Japan (611.94)' },
];

/** The scheme a file number of a year was filed under (the 1950 manual took effect on 1 January 1950). */
export function schemeOf(year: number): DecimalScheme {
  return year >= 1950 ? '1950-1963' : '1910-1949';
}

export interface FileNumberCountry {
  /** The country number as printed (`87`, `56D`). */
  number: string;
  country: string;
  source: string;
}

/**
 * The countries the subject part of a decimal file number names, for the scheme of its year:
 * `787.00` one (class digit, then the country number), `611.87` two (class 6, country 11, then
 * after the point the second country). The class digit 0–5 files (administration, conferences,
 * trade) are read the same way only where a country number follows. Without a year (a file
 * number without its date part), nothing: the two schemes disagree.
 */
export function fileNumberCountries(fileNumber: string, year: number | undefined): FileNumberCountry[] {
  if (year === undefined || year < 1910 || year > 1963) return [];
  const subject = /^\s*(\d)(\d{2}[A-Z]?)(?:\.(\d{2}[A-Z]?))?/i.exec(fileNumber);
  if (!subject) return [];
  const table = schemeOf(year) === '1950-1963' ? SCHEME_1950 : SCHEME_1910;
  const find = (n: string | undefined) => (n ? table.find((c) => c.number === n.toUpperCase()) : undefined);
  const out: FileNumberCountry[] = [];
  const first = find(subject[2]);
  if (first) out.push({ number: first.number, country: first.country, source: first.source });
  // the part after the point is a second country only in a bilateral file (class 6 from 1950, 7 before)
  const bilateralClass = schemeOf(year) === '1950-1963' ? '6' : '7';
  const second = subject[1] === bilateralClass ? find(subject[3]) : undefined;
  if (second && second.number !== first?.number) out.push({ number: second.number, country: second.country, source: second.source });
  return out;
}
