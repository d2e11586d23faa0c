/**
 * Candidates for a name narrowed by the document's setting (issue 12, items 2 and 3): never a
 * person out of their time, the office a title names in the setting's country, a role at the date
 * there. Synthetic register entries pin the rules; the project's registers pin the cases of the
 * issue ("Prime Minister Ali" in a 1954 Djakarta telegram; Nuri and Qassim in Baghdad, 1959).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readRegisters } from '../src/annotate/index.js';
import { surnameCandidates, type AuthorityEntry, type Role } from '../src/annotate/registers.js';
import { documentSetting, type DocumentSetting } from '../src/annotate/setting.js';
import { exclusionAt, forenameCandidates, holdsOffice, narrowBySetting, officeOf, roleClauses, settingFit } from '../src/annotate/setting-fit.js';
import { parseDocument } from '../src/parse/document.js';
import { splitDocuments } from '../src/read/split.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const registers = readRegisters(resolve(repoRoot, 'tei'));
const settingOf = (name: string) =>
  documentSetting(parseDocument(splitDocuments(readFileSync(resolve(repoRoot, 'test/fixtures/setting', name), 'utf8'), name)[0]!), registers);

/** A register person of our own making. */
function person(name: string, roles: Role[], extra: Partial<AuthorityEntry> = {}): AuthorityEntry {
  const years = roles.flatMap((r) => [r.from, r.to]).filter((x): x is string => !!x).map((x) => Number(x.slice(0, 4)));
  return {
    id: `test-${name.toLowerCase().replace(/\W+/g, '-')}`, kind: 'person', name, forms: [{ text: name, type: 'main' }], periods: [], contextWords: new Set(),
    origin: 'register', roles, ...(years.length > 0 ? { active: [Math.min(...years), Math.max(...years)] as const } : {}), ...extra,
  };
}

const ruritania: DocumentSetting = {
  date: '1954-03-12', dateSource: 'dateline', year: 1954,
  countries: [{ id: 'pl-ruritania', name: 'Ruritania', terms: ['ruritania', 'ruritanian'], evidence: [{ source: 'dateline', text: 'Strelsau' }] }],
};

describe('a role’s clauses and the time each covers', () => {
  it('takes the dates a clause prints, else the volume’s years', () => {
    const clauses = roleClauses({ text: 'Ruritanian Ambassador to the United States until July 1953; Prime Minister from July 30, 1953', from: '1952', to: '1954', source: 'frus:x' });
    expect(clauses.map(({ text, from, to }) => [text, from, to])).toEqual([
      ['Ruritanian Ambassador to the United States until July 1953', '1952', '1953-07'],
      ['Prime Minister from July 30, 1953', '1953-07', '1954'],
    ]);
  });

  it('a POCOM post without an end is still held', () => {
    expect(roleClauses({ text: 'Ambassador to Ruritania', from: '1953-05-02', source: 'pocom:x' })[0]).toMatchObject({ from: '1953-05-02', dated: false });
    expect(roleClauses({ text: 'Ambassador to Ruritania', from: '1953-05-02', source: 'pocom:x' })[0]!.to).toBeUndefined();
  });
});

describe('offices a title names', () => {
  it('knows the words identifications use for the same office', () => {
    expect(officeOf(['prime', 'minister'])).toContain('premier');
    expect(officeOf(['foreign', 'minister'])).toContain('minister of foreign affairs');
    expect(officeOf(['mr'])).toBeUndefined();
    expect(officeOf(['general'])).toBeUndefined();
  });
  it('a deputy does not hold the office', () => {
    expect(holdsOffice('Prime Minister of Ruritania', ['prime minister'])).toBe(true);
    expect(holdsOffice('Deputy Prime Minister of Ruritania', ['prime minister'])).toBe(false);
  });
});

describe('never a person out of their time', () => {
  it('not before they were sixteen, not far from every attested role', () => {
    expect(exclusionAt(person('Young', [], { born: '1945' }), 1954)).toMatch(/born 1945/);
    expect(exclusionAt(person('Later', [{ text: 'Ruritanian Minister of War', from: '1977', to: '1980' }]), 1954)).toMatch(/attested only 1977–1980/);
    expect(exclusionAt(person('Near', [{ text: 'Ruritanian Minister of War', from: '1960', to: '1962' }]), 1954)).toBeUndefined();
  });
});

describe('candidates narrowed by the setting', () => {
  const here = person('Rudolf Ali', [{ text: 'Prime Minister of Ruritania, 1953–1955', from: '1952', to: '1954', source: 'frus:v1' }]);
  const abroad = person('Karl Ali', [{ text: 'Prime Minister of Graustark, 1953–1955', from: '1952', to: '1954', source: 'frus:v2' }]);
  const later = person('Max Ali', [{ text: 'Prime Minister of Ruritania, August 1955–September 1956', from: '1955', to: '1957', source: 'frus:v3' }]);
  const envoy = person('Otto Ali', [{ text: 'Ruritanian Ambassador to the United States', from: '1952', to: '1954', source: 'frus:v4' }]);

  it('an office title keeps those holding that office at the date in the setting’s country, and says so', () => {
    const choice = narrowBySetting([abroad, later, here, envoy], ruritania, ['prime', 'minister']);
    expect(choice.kept).toEqual([here]);
    expect(choice.decided).toMatch(/prime minister in 1954 in Ruritania, dateline Strelsau: "Prime Minister of Ruritania, 1953–1955"/);
  });

  it('the office held only later is no office at the date', () => {
    expect(settingFit(later, ruritania, ['prime minister']).officeRole).toBeUndefined();
  });

  it('without a title, those with any role at the date in the setting’s country', () => {
    const choice = narrowBySetting([abroad, envoy, later], ruritania, []);
    expect(choice.kept).toEqual([envoy]);
    expect(choice.decided).toMatch(/a role in 1954 in Ruritania/);
  });

  it('the living before the dead when nothing else tells them apart', () => {
    const dead = person('Ivan Ali', [{ text: 'Graustarkian poet', from: '1940', to: '1950' }], { died: '1951' });
    const living = person('Igor Ali', [{ text: 'Graustarkian poet', from: '1950', to: '1960' }]);
    const choice = narrowBySetting([dead, living], ruritania, []);
    expect(choice.kept).toEqual([living]);
    expect(choice.decided).toMatch(/Ivan Ali died 1951/);
  });

  it('decides nothing where the setting says nothing', () => {
    const choice = narrowBySetting([abroad, later], ruritania, []);
    expect(choice.kept).toEqual([abroad, later]);
    expect(choice.decided).toBeUndefined();
  });
});

describe('the issue’s cases, against the project’s registers', () => {
  const jakarta = settingOf('jakarta-1954-prime-minister-ali.txt');
  const karachi = settingOf('karachi-1954-prime-minister-ali.txt');
  const aliCandidates = (s: DocumentSetting, title: string[]) => [
    ...surnameCandidates(registers, 'ali').map((c) => c.entry),
    ...forenameCandidates(registers, 'ali', s, title),
  ];

  it('"Prime Minister Ali" in Djakarta, 1954: Ali Sastroamidjojo, never Chaudhri Muhammad Ali (Pakistan, from 1955)', () => {
    const choice = narrowBySetting(aliCandidates(jakarta, ['prime', 'minister']), jakarta, ['prime', 'minister']);
    expect(choice.kept.map((e) => e.name)).toEqual(['Ali Sastroamidjojo']);
    expect(choice.decided).toMatch(/Indonesia/);
  });

  it('"Prime Minister Ali" in Karachi, 1954: the Prime Minister of Pakistan that year, not Chaudhri Muhammad Ali', () => {
    const kept = narrowBySetting(aliCandidates(karachi, ['prime', 'minister']), karachi, ['prime', 'minister']).kept;
    expect(kept.length).toBeGreaterThan(0);
    for (const e of kept) expect(e.name).toMatch(/^(?:Muhammad Ali Bogra|Mohammed Ali)$/);
  });

  it('a forename proposes only persons the setting explains', () => {
    expect(forenameCandidates(registers, 'ali', jakarta, []).map((e) => e.name)).toEqual(['Ali Sastroamidjojo']);
    expect(forenameCandidates(registers, 'ali', { countries: [] }, [])).toEqual([]);
  });

  it('Nuri in Baghdad, 1959 (dead since July 1958) is still Nuri al-Said; Qassim the Prime Minister of Iraq', () => {
    const baghdad = settingOf('baghdad-1959-nuri-qassim.txt');
    const nuri = narrowBySetting(surnameCandidates(registers, 'nuri').map((c) => c.entry), baghdad, []);
    expect(nuri.kept.map((e) => e.name)).toEqual(['Nuri al-Said']);
    const qassim = settingFit(surnameCandidates(registers, 'qassim')[0]!.entry, baghdad);
    expect(qassim.countryRole?.country.id).toBe('pl-iraq');
  });
});
