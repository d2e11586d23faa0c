/**
 * Persons linked to the Office of the Historian's authorities (issue 12), on the user's telegram of
 * 14 January 1947: each mention's record carries the people-database id (and POCOM's where it knows
 * the person); offices in the head resolve by date and post.
 *
 * The pointer from a mention to its record is read from @ref or @corresp, whichever the document
 * uses (the pointing convention is not what these tests pin).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { XmlDocument } from 'libxml2-wasm';
import { convertText } from '../src/index.js';
import { defaultRegisters } from '../src/annotate/index.js';
import { chiefsOn, headOffice, principalOn } from '../src/annotate/offices.js';
import { vettingEntries } from '../src/annotate/vetting.js';
import { seedText } from './helpers.js';

const ns = { t: 'http://www.tei-c.org/ns/1.0' };
const registers = defaultRegisters();
const result = convertText(seedText(), { file: 'smith-1947-01-14-montgomery-visit.txt', annotate: { registers } });
const xml = XmlDocument.fromString(result.documents[0]!.tei!.xml);
afterAll(() => xml.dispose());

const str = (xpath: string): string => String(xml.eval(`string(${xpath})`, ns));
/** The record ids the mentions selected by an XPath point to. */
function targets(xpath: string): string[] {
  const n = Number(xml.eval(`count(${xpath})`, ns));
  return Array.from({ length: n }, (_, k) => str(`(${xpath})[${k + 1}]/@*[name() = "ref" or name() = "corresp"]`).replace(/^#/, ''));
}
const idno = (record: string, type: string): string => str(`//t:person[@xml:id="${record}"]/t:idno[@type="${type}"]`);
const hsgOf = (xpath: string): string[] => targets(xpath).map((id) => idno(id, 'hsg-people'));

describe('the seed telegram: persons linked to the people database and POCOM', () => {
  it('links Smith in the head to 112671 and smith-walter-bedell', () => {
    const [smith] = targets('//t:head/t:persName[@type="from"]');
    expect(idno(smith!, 'hsg-people')).toBe('112671');
    expect(idno(smith!, 'pocom')).toBe('smith-walter-bedell');
  });
  it('resolves the addressee "Secretary of State" on 14 January 1947 to Byrnes (Marshall from 21 January)', () => {
    const [secretary] = targets('//t:head/t:gloss[@type="to"]');
    expect(idno(secretary!, 'pocom')).toBe('byrnes-james-francis');
  });
  it('links every Montgomery to 109306 and every Stalin to 112894', () => {
    const montgomery = hsgOf('//t:text//t:persName[contains(., "Montgomery")]');
    const stalin = hsgOf('//t:text//t:persName[. = "Stalin"]');
    expect(montgomery.length).toBeGreaterThanOrEqual(8);
    expect(new Set(montgomery)).toEqual(new Set(['109306']));
    expect(stalin.length).toBeGreaterThanOrEqual(8);
    expect(new Set(stalin)).toEqual(new Set(['112894']));
  });
  it('links "British Ambassador" and note 2\'s Sir Maurice Drummond Peterson to 110611', () => {
    expect(hsgOf('//t:text//t:gloss[@type = "role"][. = "British Ambassador"]')).toEqual(['110611']);
    expect(hsgOf('//t:note[@n="2"]/t:persName')).toEqual(['110611']);
  });
  it('does not take Voroshilov (an academy) for a person', () => {
    expect(Number(xml.eval('count(//t:persName[contains(., "Voroshilov")])', ns))).toBe(0);
  });
  it('gives each record dated roles with their sources', () => {
    const [smith] = targets('//t:head/t:persName[@type="from"]');
    const post = `//t:person[@xml:id="${smith}"]/t:occupation[@from]`;
    expect(str(`${post}/@from`)).toBe('1946-04-03');
    expect(str(`${post}/@source`)).toBe('https://history.state.gov/departmenthistory/people/smith-walter-bedell');
  });
});

describe('the seed telegram: identification in the JSON and the HTML index', () => {
  const out = result.documents[0]!.outputs!;
  it('carries the hsg-people and pocom ids in the JSON entities', () => {
    const json = JSON.parse(out.json) as { entities: Record<string, string | null>[] };
    const smith = json.entities.find((e) => e['hsg-people'] === '112671');
    expect(smith?.['pocom']).toBe('smith-walter-bedell');
    expect(json.entities.find((e) => e['pocom'] === 'byrnes-james-francis')?.['hsg-people']).toBe('102048');
  });
  it("shows each person's identification with its source and dates in the index entry", () => {
    const html = out.html;
    expect(html).toContain('href="https://history.state.gov/departmenthistory/people/smith-walter-bedell"');
    expect(html).toMatch(/Ambassador Extraordinary and Plenipotentiary to the Soviet Union \(1946–1948\)/);
    expect(html).toContain('people database 112671; POCOM smith-walter-bedell');
  });
});

describe('the seed telegram: why each link', () => {
  const entries = vettingEntries(result.documents[0]!.tei!.xml);
  it('records the reason with the record, and the vetting list prints it', () => {
    const secretary = entries.find((e) => e.element === 'gloss[to]');
    expect(secretary?.reason).toBe('POCOM: Secretary of State on 1947-01-14');
    const peterson = entries.find((e) => e.text === 'British Ambassador');
    expect(peterson?.reason).toMatch(/^identified by a footnote of the document; people database 110611/);
    // Smith is the chief of mission the head names, that day; note 5's "The Ambassador" is he too
    const smith = entries.find((e) => e.text === 'Smith' && e.where === 'note 5');
    expect(smith?.reason).toBe('POCOM: chief of mission in Soviet Union on 1947-01-14, surname Smith; “the Ambassador”: POCOM, Ambassador in Soviet Union (the post the head names) on 1947-01-14');
    const ambassador = entries.find((e) => e.element === 'gloss[role]' && e.where === 'note 5');
    expect(ambassador).toMatchObject({ text: 'Ambassador', resp: 'office', cert: 'medium', reason: smith?.reason });
  });
});

describe('offices by date and post (POCOM)', () => {
  const offices = registers.offices!;
  it('knows who was Secretary of State on either side of 21 January 1947', () => {
    expect(principalOn(offices, 'Secretary of State', '1947-01-14')?.pocom).toBe('byrnes-james-francis');
    expect(principalOn(offices, 'Secretary of State', '1947-01-22')?.pocom).toBe('marshall-george-catlett');
  });
  it('knows the chief of mission in a country on a date', () => {
    expect(chiefsOn(offices, 'the Soviet Union', '1947-01-14').map((e) => e.pocom)).toEqual(['smith-walter-bedell']);
  });
  it('reads the office a head names, and never resolves an acting holder', () => {
    expect(headOffice('The Ambassador in the Soviet Union')).toEqual({ kind: 'chief', country: 'Soviet Union' });
    expect(headOffice('Acting Secretary of State')).toBeUndefined();
  });
});
