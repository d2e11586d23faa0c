/**
 * Every kind of TEI document the test suite produces — the seed, hostile inputs, generated
 * documents — is valid against the full TEI P5 schema (../shared/schemas/tei_all.rng), not only
 * against our stricter schema. (The dev corpus is checked the same way in validate.test.ts.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { convertBytes, convertText } from '../src/index.js';
import { defaultRegisters } from '../src/annotate/index.js';
import { formatMessage } from '../src/messages.js';
import { compiledSchema, validateWith, type CompiledSchema } from '../src/validate/relaxng.js';
import { hostileCases } from './fixtures/hostile.js';
import { documentArb, renderGenerated } from './fixtures/generated.js';
import { hasTeiAll, NEEDS, seedText, skipNote, teiAllPath } from './helpers.js';

describe.skipIf(!hasTeiAll)(hasTeiAll ? 'tei_all.rng accepts what the suite produces' : skipNote('tei_all.rng accepts what the suite produces', NEEDS.teiAll), () => {
  let teiAll: CompiledSchema;
  const registers = defaultRegisters();
  beforeAll(() => {
    teiAll = compiledSchema(teiAllPath);
  }, 180_000);

  const invalid = (xmls: { name: string; xml: string }[]): string[] => xmls.flatMap((d) => validateWith(teiAll, d.xml, d.name).map(formatMessage));

  it('the seed telegram', () => {
    const result = convertText(seedText(), { file: 'seed.txt', annotate: { registers } });
    expect(invalid(result.documents.map((d) => ({ name: 'seed', xml: d.tei!.xml })))).toEqual([]);
  });

  it('every hostile input that converts', () => {
    const docs = hostileCases()
      .filter((c) => !('error' in c.expect) && c.bytes.length < 100_000)
      .flatMap((c) => convertBytes(c.bytes, { file: `${c.name}.txt`, annotate: { registers } }).documents.slice(0, 5).map((d) => ({ name: c.name, xml: d.tei!.xml })));
    expect(docs.length).toBeGreaterThan(10);
    expect(invalid(docs)).toEqual([]);
  });

  it('generated documents', () => {
    const docs = fc.sample(documentArb, { numRuns: 25, seed: 1947 }).map((d, i) => ({ name: `generated-${i}`, xml: convertText(renderGenerated(d).text, { file: 'g.txt', annotate: { registers } }).documents[0]!.tei!.xml }));
    expect(invalid(docs)).toEqual([]);
  });
});
