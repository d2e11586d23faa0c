// Checks on the curated persons register (tei/persons-curated.xml, an input of scripts/build-registers.mjs): ids of the per- form and unique,
// one main name and exactly one surname per person, no repeated variants, Wikidata ids of the
// right shape, sane dates, and that the people of the example telegram can be found.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { XMLValidator } from 'fast-xml-parser';
import { parseRegister } from './helpers.js';
import { convertText } from '../src/index.js';
import { defaultRegisters } from '../src/annotate/index.js';
import { surnameCandidates } from '../src/annotate/registers.js';

type Attrs = Record<string, string | undefined>;
interface TextNode extends Attrs {
  '#text'?: string;
}
interface PersonNode extends Attrs {
  persName?: (TextNode | string)[];
  birth?: TextNode[];
  death?: TextNode[];
  occupation?: (TextNode | string)[];
  note?: (TextNode | string)[];
  idno?: (TextNode | string)[];
}

const ARRAYS = new Set(['person', 'persName', 'birth', 'death', 'occupation', 'note', 'idno']);

const xml = readFileSync(new URL('../tei/persons-curated.xml', import.meta.url), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const doc = parseRegister('persons-curated.xml', ARRAYS) as any;
const persons = (doc?.TEI?.text?.body?.listPerson?.person ?? []) as PersonNode[];

const text = (n: TextNode | string): string => (typeof n === 'string' ? n : (n['#text'] ?? '')).trim();
const attr = (n: TextNode | string, a: string): string | undefined => (typeof n === 'string' ? undefined : n[a]);
const namesOf = (p: PersonNode, type: string): string[] =>
  (p.persName ?? []).filter((n) => attr(n, 'type') === type).map(text);
const allNames = (p: PersonNode): string[] => (p.persName ?? []).map(text);
const byId = new Map(persons.map((p) => [p['xml:id']!, p]));

describe('persons register: structure', () => {
  it('is well-formed XML with a sizeable listPerson', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(persons.length).toBeGreaterThanOrEqual(400);
  });

  it('has unique ids of the per- form', () => {
    const ids = persons.map((p) => p['xml:id']);
    for (const id of ids) expect(id).toMatch(/^per-[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every person one main name and exactly one surname', () => {
    for (const p of persons) {
      expect(namesOf(p, 'main'), p['xml:id']).toHaveLength(1);
      expect(namesOf(p, 'surname'), p['xml:id']).toHaveLength(1);
      expect(namesOf(p, 'main')[0].length, p['xml:id']).toBeGreaterThan(0);
    }
  });

  it('types every name as main, surname or variant, and repeats no variant within a person', () => {
    for (const p of persons) {
      for (const n of p.persName ?? []) expect(['main', 'surname', 'variant']).toContain(attr(n, 'type'));
      const variants = namesOf(p, 'variant');
      expect(new Set(variants).size, p['xml:id']).toBe(variants.length);
      // a variant never just repeats the main name or the surname
      for (const v of variants) {
        expect(v, p['xml:id']).not.toBe(namesOf(p, 'main')[0]);
        expect(v, p['xml:id']).not.toBe(namesOf(p, 'surname')[0]);
      }
    }
  });

  it('keeps honorifics out of the variants', () => {
    const titled = /^(Mr|Mrs|Madame|Sir|Dr|General|Marshal|Field Marshal|Admiral|Ambassador|President|King|Queen|Emperor|Prince|Count|Pope)\b/;
    for (const p of persons) for (const v of namesOf(p, 'variant')) expect(v, p['xml:id']).not.toMatch(titled);
  });

  it('gives every person a one-sentence note', () => {
    for (const p of persons) {
      expect(p.note, p['xml:id']).toHaveLength(1);
      expect(text(p.note![0]).length, p['xml:id']).toBeGreaterThan(10);
    }
  });

  it('uses Wikidata ids of the form Q<digits>, each for one person only', () => {
    const seen = new Map<string, string>();
    for (const p of persons) {
      for (const i of p.idno ?? []) {
        expect(attr(i, 'type')).toBe('wikidata');
        const q = text(i);
        expect(q).toMatch(/^Q\d+$/);
        expect(seen.get(q), `${q} on ${p['xml:id']} and ${seen.get(q)}`).toBeUndefined();
        seen.set(q, p['xml:id']!);
      }
    }
  });

  it('has sane years: birth before death, offices as from <= to', () => {
    const year = (s: string | undefined): number => Number(s);
    for (const p of persons) {
      const b = p.birth?.[0]?.when;
      const d = p.death?.[0]?.when;
      if (b) expect(b).toMatch(/^\d{4}$/);
      if (d) expect(d).toMatch(/^\d{4}$/);
      if (b && d) expect(year(b), p['xml:id']).toBeLessThan(year(d));
      for (const o of p.occupation ?? []) {
        const from = attr(o, 'from');
        const to = attr(o, 'to');
        expect(from, p['xml:id']).toMatch(/^\d{4}$/);
        expect(to, p['xml:id']).toMatch(/^\d{4}$/);
        expect(year(from), `${p['xml:id']}: ${text(o)}`).toBeLessThanOrEqual(year(to));
        if (d) expect(year(from), `${p['xml:id']}: ${text(o)}`).toBeLessThanOrEqual(year(d));
      }
    }
  });
});

describe('persons register: the example telegram (Smith, Moscow, 14 January 1947)', () => {
  it('has Montgomery, with his peerage and nickname', () => {
    const p = byId.get('per-montgomery-bernard')!;
    expect(p).toBeDefined();
    expect(namesOf(p, 'main')).toEqual(['Bernard Law Montgomery']);
    expect(namesOf(p, 'surname')).toEqual(['Montgomery']);
    expect(allNames(p)).toContain('Viscount Montgomery of Alamein');
    expect(allNames(p)).toContain('Monty');
  });

  it('has Stalin', () => {
    const p = byId.get('per-stalin-joseph')!;
    expect(p).toBeDefined();
    expect(namesOf(p, 'surname')).toEqual(['Stalin']);
    expect(p.idno?.map(text)).toEqual(['Q855']);
  });

  it('has Vasilevsky under the spelling the telegram uses (Vassilievski)', () => {
    const p = byId.get('per-vasilevsky-aleksandr')!;
    expect(p).toBeDefined();
    expect(namesOf(p, 'surname')).toEqual(['Vasilevsky']);
    expect(namesOf(p, 'variant')).toContain('Vassilievski');
    expect(allNames(p)).toContain('Alexander Mikhailovich Vasilevsky');
  });

  it('has the British Ambassador, Sir Maurice Drummond Peterson', () => {
    const p = byId.get('per-peterson-maurice')!;
    expect(p).toBeDefined();
    expect(namesOf(p, 'main')).toEqual(['Maurice Drummond Peterson']);
    expect(namesOf(p, 'surname')).toEqual(['Peterson']);
    expect((p.occupation ?? []).map(text)).toContain('Ambassador to the Soviet Union');
  });

  it('has Smith, the sender, as Walter Bedell Smith', () => {
    const p = byId.get('per-smith-walter')!;
    expect(p).toBeDefined();
    expect(namesOf(p, 'main')).toEqual(['Walter Bedell Smith']);
    expect((p.occupation ?? []).find((o) => text(o) === 'Ambassador to the Soviet Union')).toMatchObject({
      from: '1946',
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The generated register (scripts/build-registers.mjs): curated records merged with the people
// database under any romanisation, and the annotator finding them under every printed spelling.

describe('persons register: a curated person the people database prints under another romanisation', () => {
  const people = [
    {
      id: '111030', name: 'Qassim, Abdul Karim', alternates: [], titles: [], remarks: [], birth: null, death: null,
      forms: [
        { name: 'Qassim, General Abdul Karim', sources: ['https://history.state.gov/historicaldocuments/frus1958-60v11/persons#p_QGAK1'] },
        { name: 'Kassem, Kassim', sources: ['https://history.state.gov/historicaldocuments/frus1958-60v13/persons#p_KK1'] },
      ],
    },
    // a namesake of another forename: never the match
    { id: '900001', name: 'Qasim, Mohammed', alternates: [], titles: [], remarks: [], birth: null, death: null, forms: [{ name: 'Qasim, Mohammed', sources: ['x'] }] },
  ];
  const curatedXml = `<listPerson>
    <person xml:id="per-qasim-abd-al-karim" sex="M">
      <persName type="main">Abd al-Karim Qasim</persName>
      <persName type="surname">Qasim</persName>
      <persName type="variant">Abdul Karim Kassem</persName>
      <birth when="1914"/>
      <note>Iraqi general; Prime Minister 1958–1963.</note>
    </person>
  </listPerson>`;

  it('is matched to the people database record (the builder)', async () => {
    const { curatedMatcher, readCurated } = await import('../scripts/build-registers.mjs');
    const match = curatedMatcher(people);
    const [qasim] = readCurated(curatedXml);
    expect(match(qasim)?.id).toBe('111030');
  });

  it('is one record carrying both ids in the committed register', () => {
    const regs = defaultRegisters();
    const record = regs.entries.get('per-qasim-abd-al-karim');
    expect(record?.hsg).toBe('111030');
    // no second record of the people database's for him
    for (const spelling of ['qassim', 'qasim', 'kassem']) {
      expect(surnameCandidates(regs, spelling).map((c) => c.entry.id), spelling).toEqual(['per-qasim-abd-al-karim']);
    }
  });
});

describe('persons register: every printed spelling of a person is found (a Baghdad telegram of 1959)', () => {
  const text = [
    '787.00/3–1259: Telegram',
    '',
    'The Ambassador in Iraq (Jernegan) to the Department of State',
    '',
    'Baghdad, March 12, 1959—4 p.m.',
    '',
    '1412. Qassim spoke for two hours last night to the officers of the Mosul garrison. Colleagues who heard the broadcast say Kassem was tired. Later in the evening Qasim received the Soviet Ambassador.',
    '',
    'Embassy believes General Kassim will not move against the Communists soon.',
    '',
    'Jernegan',
    '',
  ].join('\n');
  const tei = convertText(text, { file: 'baghdad-1959.txt', annotate: { registers: defaultRegisters() } }).documents[0]!.tei!.xml;
  const mentions = [...tei.matchAll(/<persName [^>]*corresp="#([^"]+)"[^>]*>(Qassim|Kassem|Qasim|Kassim)<\/persName>/g)];

  it('links Qassim, Kassem, Qasim and Kassim to the one record, people database 111030', () => {
    expect(mentions.map((m) => m[2]).sort()).toEqual(['Kassem', 'Kassim', 'Qasim', 'Qassim']);
    const ids = new Set(mentions.map((m) => m[1]));
    expect(ids.size).toBe(1);
    const record = new RegExp(`<person xml:id="${[...ids][0]}">[\\s\\S]*?</person>`).exec(tei)?.[0] ?? '';
    expect(record).toContain('<idno type="hsg-people">111030</idno>');
  });

  it('keeps the title outside the name (General Kassim)', () => {
    expect(tei).toMatch(/General <persName [^>]*>Kassim<\/persName>/);
  });
});
