import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregate,
  alignBodies,
  compareDocuments,
  diffMatch,
  FIELDS,
  type FieldName,
  formatTable,
  prf,
  softKey,
  strictKey,
  worst,
  type DocumentScore,
} from '../src/eval/compare.js';
import { extractFields, type PersonSpan, type TeiFields } from '../src/eval/tei-fields.js';
import { skipNote } from './helpers.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const corpusDir = resolve(repoRoot, '../shared/corpus/frus-dev');
const haveCorpus = existsSync(corpusDir);

interface ManifestDoc {
  id: string;
  gold: string;
  variant: 'full' | 'bare';
}

function manifest(): ManifestDoc[] {
  return (JSON.parse(readFileSync(resolve(corpusDir, 'manifest.json'), 'utf8')) as { documents: ManifestDoc[] })
    .documents;
}

function goldXml(id: string): string {
  return readFileSync(resolve(corpusDir, 'gold', `${id}.xml`), 'utf8');
}

function fields(xml: string, bare = false): TeiFields {
  const r = extractFields(xml, { bare });
  if (!r.ok) throw new Error(r.error);
  return r.fields;
}

/** Replaces exactly one occurrence, failing loudly when the gold no longer has it. */
function replaceOnce(xml: string, from: string | RegExp, to: string): string {
  const count = typeof from === 'string' ? xml.split(from).length - 1 : (xml.match(new RegExp(from, 'g')) ?? []).length;
  expect(count, `pattern ${String(from)}`).toBeGreaterThanOrEqual(1);
  return xml.replace(from, to);
}

function failing(score: DocumentScore): FieldName[] {
  return score.fields.filter((f) => !f.ok).map((f) => f.field);
}

function field(score: DocumentScore, name: FieldName) {
  const f = score.fields.find((r) => r.field === name);
  if (!f) throw new Error(`field ${name} not scored`);
  return f;
}

function perturbed(id: string, edit: (xml: string) => string): DocumentScore {
  const xml = goldXml(id);
  return compareDocuments(fields(xml), fields(edit(xml)), { id });
}

describe.skipIf(!haveCorpus)(haveCorpus ? 'gold corpus' : skipNote('gold corpus'), () => {
  it('gold compared with itself scores 1.0 on every field, full and bare', () => {
    const docs = manifest();
    expect(docs).toHaveLength(50);
    for (const bare of [false, true]) {
      const scores = docs.map((d) => {
        const f = fields(goldXml(d.id), bare && d.variant === 'bare');
        return compareDocuments(f, f, { id: d.id });
      });
      for (const s of scores) expect(failing(s), s.id).toEqual([]);
      const corpus = aggregate(scores);
      for (const r of corpus.fields) {
        expect([r.field, r.rateStrict, r.rateSoft, r.unitsStrict, r.unitsSoft]).toEqual([r.field, 1, 1, r.units, r.units]);
      }
      expect(corpus.fields.map((r) => r.field)).toEqual([...FIELDS]);
      expect(corpus.meanSimilarity).toBe(1);
      for (const c of [corpus.persons.strict, corpus.persons.fuzzy]) {
        expect([c.precision, c.recall, c.f1, c.fp, c.fn]).toEqual([1, 1, 1, 0, 0]);
        expect(c.tp).toBeGreaterThan(150);
      }
      expect(worst(scores, 5)).toEqual([]);
    }
  });

  it('extracts the gold fields of a 1950s document', () => {
    const f = fields(goldXml('frus1955-57v24_d190'));
    expect(f.head).toBe('190. Telegram From the Embassy in Greece to the Department of State');
    expect(f.from).toBe('Embassy in Greece');
    expect(f.to).toBe('Department of State');
    expect(f.source).toMatch(/^Source: Department of State, Central Files, 747C\.00\/8–1856\. Secret; Priority\./);
    expect([f.place, f.date]).toEqual(['Athens', '1956-08-28T21:00:00']);
    expect(f.footnotes.map((n) => n.n)).toEqual(['1', '2', '3', '4']);
    expect(f.footnotes[0]!.anchor).toBe('partmentofState'.slice(-12));
    expect(f.footnotes[2]!.anchor).toBe('EOKAdocuments'.slice(-12));
    expect(f.pageBreaks[0]).toMatchObject({ n: '395', before: 'hisgovernment'.slice(-12) });
    expect(f.body).not.toMatch(/Colonial Office/); // note text is not body text
    expect(f.body).toMatch(/^190\. Telegram From the Embassy in Greece to the Department of State Athens, August 28/);
    for (const p of f.persons) expect(f.body.slice(p.start, p.end)).toBe(p.text);
    expect(f.persons.map((p) => p.text)).not.toContain('George Grivas'); // in a note
    expect(f.persons[0]).toMatchObject({ text: 'Karamanlis', corresp: '#p_KC1' });
  });

  it('a bare gold has no place, date or signed, and no frame text', () => {
    const xml = goldXml('frus1942v06_d417');
    const full = fields(xml);
    const bare = fields(xml, true);
    expect([full.place, full.date, full.signed]).toEqual(['Washington', '1942-07-25T19:00:00', 'Hull']);
    expect([bare.place, bare.date, bare.signed]).toEqual([undefined, undefined, undefined]);
    expect(full.body).toMatch(/Washington, July 25, 1942—7 p\.m\. 536\./);
    expect(bare.body).toMatch(/\(Long\) 536\. Your 601/);
    expect(bare.body).not.toMatch(/Hull/);
    expect(bare.footnotes).toEqual(full.footnotes);
  });

  it('reads our full TEI document the same as the bare gold div', () => {
    const xml = goldXml('frus1955-57v24_d191');
    const div = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
    const tei =
      '<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">' +
      '<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>x</p></publicationStmt>' +
      '<sourceDesc><p>x</p></sourceDesc></fileDesc><profileDesc><correspDesc><correspAction type="sent">' +
      '<persName>Smith</persName></correspAction></correspDesc></profileDesc></teiHeader>' +
      '<standOff><listPerson><person xml:id="x"><persName>Someone</persName></person></listPerson></standOff>' +
      `<text><body>${div}</body></text></TEI>`;
    const s = compareDocuments(fields(xml), fields(tei));
    expect(failing(s)).toEqual([]);
  });

  describe('perturbed copies lose exactly the expected fields', () => {
    it('removing a footnote', () => {
      const s = perturbed('frus1942v06_d417', (x) =>
        replaceOnce(x, /<note n="58" xml:id="d417fn58">[^<]*<\/note>/, ''),
      );
      expect(failing(s)).toEqual(['footnoteCount', 'footnotes']);
      expect(field(s, 'footnotes')).toMatchObject({ scored: 2, strict: 1, soft: 1, difference: 'note 58 missing' });
      expect(field(s, 'footnoteCount').difference).toBe('expected 2 notes, got 1');
    });

    it('moving a page break', () => {
      const s = perturbed('frus1955-57v24_d190', (x) => {
        const pb = /<pb\s+n="395"[^>]*\/>/;
        const tag = x.match(pb)![0];
        return replaceOnce(replaceOnce(x, pb, ''), 'step down, leaving', `step down, ${tag}leaving`);
      });
      expect(failing(s)).toEqual(['pageBreaks']);
      expect(field(s, 'pageBreaks')).toMatchObject({ scored: 2, strict: 1, soft: 1 });
      expect(field(s, 'pageBreaks').difference).toBe(
        'page break 395 after "ortostepdown", expected after "isgovernment"',
      );
    });

    it('changing the sender (head and body text change; persons still align)', () => {
      const s = perturbed('frus1955-57v24_d190', (x) =>
        replaceOnce(x, '<gloss type="from">Embassy in Greece</gloss>', '<gloss type="from">Embassy in the United Kingdom</gloss>'),
      );
      expect(failing(s)).toEqual(['head', 'from', 'body']);
      expect(field(s, 'from').difference).toBe('expected "Embassy in Greece", got "Embassy in the United Kingdom"');
      expect(s.similarity).toBeGreaterThan(0.99);
      expect(s.similarity).toBeLessThan(1);
      expect(s.persons?.strict).toMatchObject({ fp: 0, fn: 0 });
    });

    it('dropping a persName', () => {
      const s = perturbed('frus1955-57v24_d190', (x) =>
        replaceOnce(x, '<persName corresp="#p_KC1">Karamanlis</persName> I', 'Karamanlis I'),
      );
      expect(failing(s)).toEqual(['persons']);
      expect(s.persons?.strict).toMatchObject({ fp: 0, fn: 1 });
      expect(s.persons?.fuzzy).toMatchObject({ fp: 0, fn: 1 });
      expect(field(s, 'persons').difference).toMatch(/^missing "Karamanlis" at gold character \d+$/);
      expect(field(s, 'persons').okSoft).toBe(false);
    });

    it('shifting a persName span to include "Mr. "', () => {
      const s = perturbed('frus1955-57v24_d191', (x) =>
        replaceOnce(x, 'Mr. <persName corresp="#p_TRL1">Thurston</persName>,', '<persName corresp="#p_TRL1">Mr. Thurston</persName>,'),
      );
      expect(failing(s)).toEqual(['persons']);
      const persons = field(s, 'persons');
      expect(persons.okSoft).toBe(true);
      expect(persons.difference).toMatch(/^"Mr\. Thurston" instead of "Thurston"/);
      expect(s.persons?.strict).toMatchObject({ fp: 1, fn: 1 });
      expect(s.persons?.fuzzy).toMatchObject({ fp: 0, fn: 0 });
      expect(field(s, 'corresp').ok).toBe(true);
    });

    it('a wrong corresp fails only corresp', () => {
      const s = perturbed('frus1955-57v24_d190', (x) =>
        replaceOnce(x, '<persName corresp="#p_KC1">Karamanlis</persName> I', '<persName corresp="#p_X1">Karamanlis</persName> I'),
      );
      expect(failing(s)).toEqual(['corresp']);
      expect(field(s, 'corresp').difference).toBe('"Karamanlis" has corresp "#p_X1", expected "#p_KC1"');
    });

    it('a missing or broken document fails every field the gold has', () => {
      const gold = fields(goldXml('frus1955-57v24_d190'));
      const broken = extractFields('<div type="document"><p>x</div>');
      expect(broken.ok).toBe(false);
      const s = compareDocuments(gold, undefined, { id: 'd190', error: broken.ok ? '' : broken.error });
      expect(s.produced).toBe(false);
      expect(failing(s)).toEqual([...FIELDS]);
      expect(s.fields.every((f) => f.strict === 0 && f.soft === 0 && !f.okSoft)).toBe(true);
      expect(s.persons?.strict).toEqual({ tp: 0, fp: 0, fn: gold.persons.length });
      expect(extractFields('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text/></TEI>')).toEqual({
        ok: false,
        error: "no div[@type='document']",
      });
    });
  });

  describe('soft versus strict', () => {
    it('case and punctuation in the head: strict fails, soft passes', () => {
      const s = perturbed('frus1955-57v24_d190', (x) =>
        replaceOnce(x, '190. Telegram From the', '190 TELEGRAM from the,'),
      );
      expect(failing(s)).toEqual(['head', 'body']);
      expect(field(s, 'head')).toMatchObject({ ok: false, okSoft: true });
      expect(field(s, 'body')).toMatchObject({ ok: false, okSoft: true });
    });

    it('whitespace alone changes nothing', () => {
      const s = perturbed('frus1955-57v24_d190', (x) => replaceOnce(x, '190. Telegram From the', '190.\n   Telegram\tFrom  the'));
      expect(failing(s)).toEqual([]);
    });

    it('date: same day passes soft, another day fails both', () => {
      const offset = perturbed('frus1955-57v24_d190', (x) => replaceOnce(x, 'when="1956-08-28T21:00:00"', 'when="1956-08-28T21:00:00+03:00"'));
      expect(failing(offset)).toEqual(['date']);
      expect(field(offset, 'date')).toMatchObject({ ok: false, okSoft: true });
      const day = perturbed('frus1955-57v24_d190', (x) => replaceOnce(x, 'when="1956-08-28T21:00:00"', 'when="1956-08-29T21:00:00"'));
      expect(field(day, 'date')).toMatchObject({ ok: false, okSoft: false });
    });

    it('footnote text differing in punctuation only passes soft', () => {
      const s = perturbed('frus1942v06_d417', (x) => replaceOnce(x, 'printed.</note>', 'Printed</note>'));
      expect(failing(s)).toEqual(['footnotes']);
      expect(field(s, 'footnotes')).toMatchObject({ scored: 2, strict: 1, soft: 2, okSoft: true });
    });
  });

  it('formats a readable table', () => {
    const xml = goldXml('frus1955-57v24_d190');
    const gold = fields(xml);
    const table = formatTable(aggregate([compareDocuments(gold, gold, { id: 'a' }), compareDocuments(gold, undefined, { id: 'b' })]));
    expect(table).toMatch(/^2 documents, 1 produced\n/);
    expect(table).toMatch(/\nhead\s+2\s+50\.0%\s+50\.0%\n/);
    expect(table).toMatch(/persons strict P 1\.000 {2}R 0\.500 {2}F1 0\.667/);
  });
});

describe('text keys', () => {
  it('strict normalises whitespace only; soft also drops case and punctuation', () => {
    expect(strictKey('  The  Secretary\n of State ')).toBe('The Secretary of State');
    expect(softKey('The Secretary of State,')).toBe(softKey('the secretary of  state'));
    expect(softKey('Greece–UK')).toBe(softKey('Greece - UK'));
    expect(softKey('Athens')).not.toBe(softKey('Athen'));
  });
});

describe('person P/R/F1 on a hand-made example', () => {
  const body = 'Alpha met Bravo and Charlie Delta near Echo Foxtrot.';
  const span = (text: string, corresp?: string): PersonSpan => {
    const start = body.indexOf(text);
    return corresp === undefined ? { start, end: start + text.length, text } : { start, end: start + text.length, text, corresp };
  };
  const doc = (persons: PersonSpan[]): TeiFields => ({ body, footnotes: [], pageBreaks: [], persons });
  // gold: Alpha, Bravo, Charlie Delta
  const gold = doc([span('Alpha', '#a'), span('Bravo', '#b'), span('Charlie Delta', '#c')]);
  // predicted: Alpha (exact), "met Bravo" (overlap), "Delta" (overlap), "Echo" (spurious), "Foxtrot" (spurious)
  const predicted = doc([span('Alpha', '#a'), span('met Bravo', '#x'), span('Delta', '#c'), span('Echo'), span('Foxtrot')]);

  it('counts HIPE strict and fuzzy TP/FP/FN', () => {
    const s = compareDocuments(gold, predicted);
    expect(s.persons).toEqual({ strict: { tp: 1, fp: 4, fn: 2 }, fuzzy: { tp: 3, fp: 2, fn: 0 } });
    expect(field(s, 'persons')).toMatchObject({ scored: 3, strict: 1, soft: 3, ok: false, okSoft: false });
    expect(field(s, 'corresp')).toMatchObject({ scored: 3, strict: 2, ok: false });
    expect(failing(s)).toEqual(['persons', 'corresp']);
  });

  it('micro-averages over documents', () => {
    const s1 = compareDocuments(gold, predicted);
    const s2 = compareDocuments(doc([span('Echo')]), doc([span('Echo')]));
    const c = aggregate([s1, s2]).persons;
    // strict: tp 2, fp 4, fn 2 → P 1/3, R 1/2, F1 0.4; fuzzy: tp 4, fp 2, fn 0 → P 2/3, R 1, F1 0.8
    expect(c.strict.precision).toBeCloseTo(1 / 3, 10);
    expect(c.strict.recall).toBeCloseTo(1 / 2, 10);
    expect(c.strict.f1).toBeCloseTo(0.4, 10);
    expect(c.fuzzy.precision).toBeCloseTo(2 / 3, 10);
    expect(c.fuzzy.recall).toBe(1);
    expect(c.fuzzy.f1).toBeCloseTo(0.8, 10);
    expect(prf({ tp: 0, fp: 0, fn: 0 })).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(prf({ tp: 0, fp: 0, fn: 3 })).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  it('persons are not scored where the gold has none', () => {
    const s = compareDocuments(doc([]), predicted);
    expect(s.persons).toBeUndefined();
    expect(s.fields.map((f) => f.field)).toEqual(['body']);
  });

  it('maps spans through a changed body text', () => {
    const changed = `Yesterday ${body.replace('near', 'close to')}`;
    const at = (text: string): PersonSpan => {
      const start = changed.indexOf(text);
      return { start, end: start + text.length, text };
    };
    const p: TeiFields = { body: changed, footnotes: [], pageBreaks: [], persons: [at('Alpha'), at('Bravo'), at('Charlie Delta')] };
    const s = compareDocuments(doc([span('Alpha'), span('Bravo'), span('Charlie Delta')]), p);
    expect(failing(s)).toEqual(['body']);
    expect(s.persons?.strict).toEqual({ tp: 3, fp: 0, fn: 0 });
  });
});

describe('token diff', () => {
  const lcsLength = (a: number[], b: number[]): number => {
    const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        dp[i]![j] = a[i - 1] === b[j - 1] ? dp[i - 1]![j - 1]! + 1 : Math.max(dp[i - 1]![j]!, dp[i]![j - 1]!);
      }
    }
    return dp[a.length]![b.length]!;
  };

  it('finds a longest common subsequence', () => {
    const seq = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 40 });
    fc.assert(
      fc.property(seq, seq, (a, b) => {
        const match = diffMatch(Int32Array.from(a), Int32Array.from(b));
        let last = -1;
        let common = 0;
        match.forEach((j, i) => {
          if (j < 0) return;
          expect(j).toBeGreaterThan(last);
          expect(b[j]).toBe(a[i]);
          last = j;
          common++;
        });
        expect(common).toBe(lcsLength(a, b));
      }),
      { numRuns: 500 },
    );
  });

  it('similarity is 1 for equal texts and lower for edits', () => {
    expect(alignBodies('a b c', 'a  b c').similarity).toBe(1);
    expect(alignBodies('', '').similarity).toBe(1);
    expect(alignBodies('abcd', '').similarity).toBe(0);
    expect(alignBodies('one two three four', 'one two four').similarity).toBeCloseTo((2 * 10) / 25, 10);
  });
});
