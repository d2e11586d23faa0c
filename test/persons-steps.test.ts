/**
 * The three steps of person linking, each with its typed result (src/annotate/persons/): PROPOSE
 * lists the entries a printed name may be, with the evidence that proposed each; CHOOSE decides
 * among them from the name and the document's setting, with a certainty and a reason; a further
 * kind of evidence plugs into CHOOSE as one more scorer.
 */
import { describe, expect, it } from 'vitest';
import { defaultRegisters } from '../src/annotate/index.js';
import { choose, SCORERS, type Scorer } from '../src/annotate/persons/choose.js';
import { plausibleAt, proposeBySurname, type NameQuery } from '../src/annotate/persons/propose.js';

const registers = defaultRegisters();
const query = (surname: string, more: Partial<NameQuery> = {}): NameQuery => ({
  surname, forenames: [], text: surname, titleKeys: [], window: new Set(), create: false, strong: false, ...more,
});
const setting = (date: string, words: string[] = []) => ({ date, words: new Set(words) });

describe('PROPOSE: the entries a printed name may be', () => {
  it('proposes the namesakes plausible at the date, each saying what proposed it', () => {
    const { proposals } = proposeBySurname(registers, query('smith'), '1947-01-14');
    expect(proposals.length).toBeGreaterThan(1);
    expect(proposals.map((p) => p.entry.hsg)).toContain('112671');
    expect(new Set(proposals.map((p) => p.evidence))).toEqual(new Set(['surname smith']));
    for (const p of proposals) expect(plausibleAt(p.entry, '1947-01-14')).toBe(true);
  });
  it('never proposes a person who was not yet of age at the date', () => {
    const later = proposeBySurname(registers, query('smith'), '1947-01-14').proposals.map((p) => p.entry.id);
    const all = proposeBySurname(registers, query('smith'), undefined).proposals;
    const young = all.filter((p) => p.entry.born && Number(p.entry.born.slice(0, 4)) > 1947 - 16);
    expect(young.length).toBeGreaterThan(0);
    for (const p of young) expect(later).not.toContain(p.entry.id);
  });
});

describe('CHOOSE: one decision with its certainty and reason', () => {
  const smiths = proposeBySurname(registers, query('smith'), '1947-01-14').proposals;
  it('chooses the Ambassador to the Soviet Union for "Ambassador Smith" in January 1947, naming the evidence', () => {
    const d = choose(smiths, { forenames: [], titleKeys: ['ambassador'], window: new Set(['moscow', 'soviet']) }, setting('1947-01-14', ['moscow', 'soviet', 'union']));
    expect(d.entry?.hsg).toBe('112671');
    expect(d.candidates).toBe(smiths.length);
    expect(d.reason).toMatch(/^people database 112671: chosen among \d+ of that name \(.*a role at the date.*; margin \d+\.\d\)$/);
    expect(['medium', 'low']).toContain(d.cert);
  });
  it('decides "none" when no proposal has the printed forenames', () => {
    const d = choose(smiths, { forenames: ['zebulon'], titleKeys: [], window: new Set() }, setting('1947-01-14'));
    expect(d.entry).toBeUndefined();
    expect(d.candidates).toBe(0);
    expect(d.reason).toMatch(/forenames/);
  });
  it('takes a further kind of evidence as one more scorer', () => {
    const base = choose(smiths, { forenames: [], titleKeys: [], window: new Set() }, setting('1947-01-14'));
    const other = smiths.find((p) => p.entry !== base.entry)!;
    const favour: Scorer = (p) => (p === other ? ['the test says so', 100] : undefined);
    const d = choose(smiths, { forenames: [], titleKeys: [], window: new Set() }, setting('1947-01-14'), [...SCORERS, favour]);
    expect(d.entry).toBe(other.entry);
    expect(d.cert).toBe('medium');
    expect(d.reason).toContain('the test says so');
  });
});
