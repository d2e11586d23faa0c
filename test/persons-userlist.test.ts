/**
 * A user's persons list (`--persons`) takes precedence (issue 12, item 6): mentions point to the
 * list's ids, and each record keeps, beside the list's id, the people-database and POCOM ids of the
 * register's record for the same person. Jr. is not his father.
 */
import { describe, expect, it } from 'vitest';
import { convertText } from '../src/index.js';
import { defaultRegisters, loadUserPersons } from '../src/annotate/index.js';

const LIST = `<div xmlns="http://www.tei-c.org/ns/1.0" xml:id="persons" type="section"><head>List of Persons</head><list type="participants">
<item><hi rend="strong"><persName xml:id="p_DJF1">Dulles, John Foster</persName>,</hi> Secretary of State</item>
<item><hi rend="strong"><persName xml:id="p_HHCJ1">Hoover, Herbert C., Jr.</persName>,</hi> Under Secretary of State until February 1957</item>
</list></div>`;

const TEXT = [
  '711.00/3–1256: Memorandum',
  '',
  'Memorandum by the Under Secretary of State (Hoover) to the Secretary of State',
  '',
  'Washington, March 12, 1956.',
  '',
  'I discussed with Mr. Dulles the question of the Greek bases. Hoover thought it premature.',
  '',
].join('\n');

describe('a user\'s persons list: its ids first, the people database\'s beside them', () => {
  const userPersons = loadUserPersons(LIST, 'persons.xml');
  const tei = convertText(TEXT, { file: 'memo-1956.txt', annotate: { registers: defaultRegisters(), userPersons } }).documents[0]!.tei!.xml;
  const record = (id: string): string => new RegExp(`<person xml:id="${id}">[\\s\\S]*?</person>`).exec(tei)?.[0] ?? '';

  it('points every mention of a listed person to the list\'s id', () => {
    expect([...tei.matchAll(/<persName [^>]*corresp="#([^"]+)"[^>]*>(?:Mr\. )?(Dulles|Hoover)<\/persName>/g)].map((m) => `${m[2]} ${m[1]}`).sort())
      .toEqual(expect.arrayContaining(['Dulles p_DJF1', 'Hoover p_HHCJ1']));
    expect(tei).not.toMatch(/corresp="#per-[^"]*"[^>]*>(?:Dulles|Hoover)</);
  });

  it('keeps the people-database and POCOM ids in the records of the list\'s persons', () => {
    expect(record('p_DJF1')).toContain('<idno type="hsg-people">103703</idno>');
    expect(record('p_DJF1')).toContain('<idno type="pocom">dulles-john-foster</idno>');
  });

  it('takes the register\'s Herbert Hoover Jr. for the list\'s "Hoover, Herbert C., Jr.", not his father', () => {
    const jr = defaultRegisters().entries.get('per-hoover-herbert-jr');
    expect(jr?.hsg).toBeDefined();
    expect(record('p_HHCJ1')).toContain(`<idno type="hsg-people">${jr!.hsg}</idno>`);
  });
});
