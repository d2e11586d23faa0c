/**
 * What makes a cold start fast must not change what it computes: the JSON Schema validator the
 * build writes (ajv standalone code) judges as ajv compiling the schema does, and SaxonJS loaded
 * with its code cache (and without axios) is used and refuses to fetch over HTTP, and the committed
 * persons index gives its persons (the registers prebuilt from it: register-store.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { DOCUMENT_SCHEMA_PATH, DOCUMENT_VALIDATOR_PATH, documentSchemaAjv, schemaSha256 } from '../src/validate/json-schema.js';
import { CODE_CACHE_PATH, saxon } from '../src/transform/saxon.js';
import { parseTei, renderJson } from '../src/transform/stylesheets.js';
import { gunzipSync, gzipSync } from 'node:zlib';
import { entryOf, readPersonIndex, type Row } from '../src/annotate/person-index.js';
import { emptyRegisters } from '../src/annotate/registers.js';
import { NEEDS, repoRoot, skipNote } from './helpers.js';

const schemaText = readFileSync(DOCUMENT_SCHEMA_PATH, 'utf8');

const validatorSuite = 'the prebuilt document JSON validator';
describe.skipIf(!existsSync(DOCUMENT_VALIDATOR_PATH))(existsSync(DOCUMENT_VALIDATOR_PATH) ? validatorSuite
  : skipNote(validatorSuite, `${DOCUMENT_VALIDATOR_PATH}: ${NEEDS.build}`), () => {
  const prebuilt = createRequire(import.meta.url)(DOCUMENT_VALIDATOR_PATH) as ValidateFunction & { schemaSha256: string };
  const compiled = documentSchemaAjv().compile(JSON.parse(schemaText));
  const sample = renderJson(parseTei(readFileSync(join(repoRoot, 'test/fixtures/seed-sample.tei.xml'), 'utf8')));

  it('was made from the schema as it is now', () => {
    expect(prebuilt.schemaSha256).toBe(schemaSha256(schemaText));
  });

  it('accepts and refuses what ajv compiling the schema accepts and refuses, with the same errors', () => {
    const broken: unknown[] = [
      sample,
      {},
      { ...sample, id: 3 },
      { ...sample, extra: true },
      { ...sample, date: 'not a date' },
      { ...sample, paragraphs: [{ ...sample.paragraphs[0], kind: 'nonsense' }] },
      { ...sample, entities: [{ id: 'x' }] },
    ];
    for (const value of broken) {
      expect(prebuilt(value)).toBe(compiled(value));
      expect(prebuilt.errors ?? null).toEqual(compiled.errors ?? null);
    }
    expect(prebuilt(sample)).toBe(true);
    expect(prebuilt({ ...sample, extra: true })).toBe(false);
  });
});

describe('SaxonJS as loaded for a fast start', () => {
  it('refuses to fetch anything over HTTP', async () => {
    await expect(saxon().getResource({ location: 'http://127.0.0.1:9/x.xml', type: 'text' })).rejects.toThrow(/not allowed/);
  });

  const cacheTest = 'compiles from the code cache the build wrote (a fresh node process)';
  it.skipIf(!existsSync(CODE_CACHE_PATH))(existsSync(CODE_CACHE_PATH) ? cacheTest : skipNote(cacheTest, `${CODE_CACHE_PATH}: ${NEEDS.build}`), () => {
    const script = `import(${JSON.stringify(join(repoRoot, 'dist/transform/saxon.js'))}).then((m) => console.log(m.saxonFromCodeCache()))`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('true');
  });
});

describe('the committed persons index', () => {
  const indexGz = readFileSync(join(repoRoot, 'tei/persons-index.json.gz'));
  it('gives its curated persons at once and the others by surname', () => {
    const regs = emptyRegisters();
    readPersonIndex(regs, indexGz, 'persons-index.json.gz');
    expect(regs.messages).toEqual([]);
    const rows = (JSON.parse(gunzipSync(indexGz).toString('utf8')) as { persons: Row[] }).persons;
    const curated = rows.filter((r) => r[13] === 1).map((r) => r[0]);
    expect([...regs.entries.keys()]).toEqual(curated);
    const marshall = rows.filter((r) => r[13] !== 1 && r[2] === 'Marshall').map((r) => r[0]).sort();
    expect(marshall.length).toBeGreaterThan(0);
    expect(regs.people!.surnames('marshall').map((x) => x.entry.id).sort()).toEqual(marshall);
    expect(regs.people!.surnames('marshall').map((x) => x.entry)).toEqual(
      rows.filter((r) => r[13] !== 1 && r[2] === 'Marshall').map(entryOf).sort((a, b) => a.id.localeCompare(b.id)).map((e) => expect.objectContaining({ id: e.id, forms: e.forms })));
  });

  it('says so when it cannot be read', () => {
    const regs = emptyRegisters();
    readPersonIndex(regs, gzipSync('{ not json'), 'broken.json.gz');
    expect(regs.messages.map((m) => [m.severity, m.rule, m.file])).toEqual([['error', 'annotate/register-not-well-formed', 'broken.json.gz']]);
  });
});
