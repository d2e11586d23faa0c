/**
 * FRUS volumes: what `telegram-tei volume` assembles is valid against the Office of the Historian's
 * own schema (../shared/schemas/frus/frus.rnc, checked with jing, the reference validator), every
 * document div we write is valid inside a volume, ids are unique, and every @corresp resolves into
 * the volume's front matter.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertBytes, convertText } from '../src/index.js';
import { defaultRegisters, loadUserPersons, type AnnotateOptions } from '../src/annotate/index.js';
import type { DocumentModel } from '../src/model.js';
import { assembleVolume } from '../src/volume/assemble.js';
import { corpusDir, hasCorpus, NEEDS, repoRoot, sharedDir, skipNote } from './helpers.js';

const JING = '/usr/share/java/jing.jar';
const FRUS_RNC = join(sharedDir, 'schemas', 'frus', 'frus.rnc');
const hasJava = spawnSync('java', ['-version'], { encoding: 'utf8' }).status === 0;
const hasJing = hasJava && existsSync(JING);
const hasFrusSchema = existsSync(FRUS_RNC);
const NEEDS_FRUS_SCHEMA = `the Office of the Historian's FRUS schema at ${FRUS_RNC} (it comes with the project's shared folder beside the repository, as CI has it)`;
const cli = join(repoRoot, 'dist', 'cli.js');
const hasBuild = existsSync(cli);

const registers = defaultRegisters();
const tmp = mkdtempSync(join(tmpdir(), 'telegram-tei-volume-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** jing over several files in one run (one JVM): the error lines, per file. */
function jing(files: readonly string[]): Map<string, string[]> {
  const run = spawnSync('java', ['-jar', JING, '-c', FRUS_RNC, ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const errors = new Map<string, string[]>();
  for (const line of `${run.stdout}${run.stderr}`.split('\n').filter(Boolean)) {
    const file = files.find((f) => line.startsWith(f + ':')) ?? '(jing)';
    errors.set(file, [...(errors.get(file) ?? []), line]);
  }
  if (run.status !== 0 && errors.size === 0) errors.set('(jing)', [`jing exited ${run.status}`]);
  return errors;
}

function convert(file: string, annotate: AnnotateOptions): DocumentModel[] {
  const result = convertBytes(readFileSync(file), { file, annotate });
  expect(result.ok, `${file} converts`).toBe(true);
  return result.documents.map((d) => d.model);
}

/** xml:id values, in document order. */
const idsOf = (xml: string) => [...xml.matchAll(/ xml:id="([^"]+)"/g)].map((m) => m[1]!);

function frontIds(xml: string): Set<string> {
  const front = /<front>([\s\S]*)<\/front>/.exec(xml)?.[1] ?? '';
  return new Set(idsOf(front));
}

function danglingCorresp(xml: string): string[] {
  const body = /<body>([\s\S]*)<\/body>/.exec(xml)?.[1] ?? '';
  const front = frontIds(xml);
  return [...body.matchAll(/ corresp="([^"]+)"/g)].flatMap((m) => m[1]!.split(/\s+/)).filter((t) => !t.startsWith('#') || !front.has(t.slice(1)));
}

const duplicates = (ids: readonly string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);

describe('volume assembly (no ../shared needed)', () => {
  const doc = (number: string | undefined, page: string) =>
    [
      '711.00/1–148: Telegram', '',
      `${number ? `${number}. ` : ''}The Ambassador in France (Caffery) to the Secretary of State`, '', '',
      'secret', '', 'Paris, January 1, 1948—7 p. m.', '',
      `Mr. Bidault told me the matter [Page ${page}] stands where it stood.1`, '',
      'Caffery', '',
      '  1. Georges Bidault, French Foreign Minister.', '',
    ].join('\n');

  it('two documents without a printed number get ids from their input names, stable between runs', () => {
    const a = convertText(doc(undefined, '5'), { file: 'in/a.txt', annotate: { registers } }).documents[0]!.model;
    const b = convertText(doc(undefined, '6'), { file: 'in/b.txt', annotate: { registers } }).documents[0]!.model;
    expect([a.id, b.id]).toEqual(['a', 'b']);
    expect(convertText(doc(undefined, '5'), { file: 'in/a.txt', annotate: { registers } }).documents[0]!.model.id).toBe('a');
    const volume = assembleVolume([a, b], { id: 'v1', title: 'Test' });
    expect(duplicates(idsOf(volume.xml))).toEqual([]);
    expect(volume.documentIds).toEqual(['a', 'b']);
  });

  it('documents in the order of their printed numbers; a number or page two documents share is renamed, with a warning', () => {
    const d12 = convertText(doc('12', '40'), { file: 'x/d12.txt', annotate: { registers } }).documents[0]!.model;
    const d7 = convertText(doc('7', '30'), { file: 'x/d7.txt', annotate: { registers } }).documents[0]!.model;
    const other7 = convertText(doc('7', '30'), { file: 'y/frus1950v01_d7.txt', annotate: { registers } }).documents[0]!.model;
    const volume = assembleVolume([d12, d7, other7], { id: 'v2', title: 'Test' });
    expect(volume.documentIds).toEqual(['d7', 'frus1950v01_d7', 'd12']);
    expect(duplicates(idsOf(volume.xml))).toEqual([]);
    expect(volume.xml).toContain('xml:id="frus1950v01_d7fn1"');
    expect(volume.xml).toContain('xml:id="frus1950v01_d7_pg_30"');
    expect(volume.messages.map((m) => m.rule)).toEqual(['volume/renamed-id', 'volume/renamed-id']);
  });

  it('persons named in the documents are in the List of Persons, every @corresp points into front, no @ref, no rs', () => {
    const model = convertText(doc('3', '9'), { file: 'd3.txt', annotate: { registers } }).documents[0]!.model;
    const volume = assembleVolume([model], { id: 'v3', title: 'Test' });
    expect(volume.xml).toMatch(/<div type="section" xml:id="persons"><head>List of Persons<\/head><list type="names"><item><hi rend="strong"><persName xml:id="p_[A-Z]+1">/);
    expect(volume.xml).toMatch(/<persName type="from" corresp="#p_[A-Z]+1"/);
    expect(danglingCorresp(volume.xml)).toEqual([]);
    expect(volume.xml).not.toMatch(/<persName[^>]* ref=|<placeName[^>]* ref=|<orgName[^>]* ref=|<rs[ >]/);
  });
});

const corpusTitle = 'the dev corpus in FRUS volumes (jing, frus.rnc)';
describe.skipIf(!hasCorpus || !hasJing || !hasFrusSchema)(
  !hasCorpus ? skipNote(corpusTitle) : !hasFrusSchema ? skipNote(corpusTitle, NEEDS_FRUS_SCHEMA) : !hasJing ? skipNote(corpusTitle, NEEDS.jing) : corpusTitle,
  () => {
  const manifest = hasCorpus ? (JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8')) as { volumes: { id: string; title: string; persons?: { file: string } }[] }) : { volumes: [] };
  const raws = hasCorpus ? readdirSync(join(corpusDir, 'raw')).filter((f) => f.endsWith('.txt')).sort() : [];
  const volumeOf = (raw: string) => raw.split('_')[0]!;
  const personsOf = (volume: string) => {
    const file = manifest.volumes.find((v) => v.id === volume)?.persons?.file;
    if (!file) return undefined;
    const list = loadUserPersons(readFileSync(join(corpusDir, file), 'utf8'), file);
    return list.error ? undefined : list;
  };
  const models = new Map<string, DocumentModel[]>();
  const modelsOf = (raw: string) => {
    if (!models.has(raw)) models.set(raw, convert(join(corpusDir, 'raw', raw), { registers, userPersons: personsOf(volumeOf(raw)) }));
    return models.get(raw)!;
  };

  it('every converted document, alone in a volume, is valid against frus.rnc', () => {
    const files = raws.map((raw) => {
      const volume = assembleVolume(modelsOf(raw), { id: `v_${raw.replace(/\.txt$/, '').replace(/[^A-Za-z0-9_.-]/g, '_')}`, title: raw });
      const path = join(tmp, `single-${raw.replace(/\.txt$/, '.xml')}`);
      writeFileSync(path, volume.xml);
      return path;
    });
    expect(files).toHaveLength(50);
    expect([...jing(files).values()].flat()).toEqual([]);
  }, 300_000);

  it('the assembled volumes (one per FRUS volume, and all 50 documents in one) are valid, ids unique, every @corresp resolving into front', () => {
    const volumes = [...new Set(raws.map(volumeOf))].map((v) => ({
      name: v,
      xml: assembleVolume(raws.filter((r) => volumeOf(r) === v).flatMap(modelsOf), { id: v, title: manifest.volumes.find((x) => x.id === v)?.title ?? v, userPersons: personsOf(v) }).xml,
    }));
    const all = assembleVolume(raws.flatMap(modelsOf), { id: 'frus-dev', title: 'The frus-dev corpus' });
    volumes.push({ name: 'frus-dev', xml: all.xml });
    const files = volumes.map((v) => {
      const path = join(tmp, `${v.name}.xml`);
      writeFileSync(path, v.xml);
      return path;
    });
    expect([...jing(files).values()].flat()).toEqual([]);
    for (const v of volumes) {
      expect(duplicates(idsOf(v.xml)), v.name).toEqual([]);
      expect(danglingCorresp(v.xml), v.name).toEqual([]);
    }
    expect(all.documentIds).toHaveLength(50);
    // The 1955-57 documents keep the FRUS list's ids, as the gold has them (Makarios is p_MIII1).
    const v24 = volumes.find((v) => v.name === 'frus1955-57v24')!.xml;
    expect(v24).toMatch(/<persName xml:id="p_MIII1">Makarios III<\/persName>,<\/hi> Archbishop/);
    expect(v24).toMatch(/<persName corresp="#p_MIII1"/);
  }, 300_000);
});

describe.skipIf(!hasBuild)(hasBuild ? 'the volume command' : skipNote('the volume command', NEEDS.build), () => {
  it('writes the volume; a failed input writes nothing and exits 1; a usage error exits 2', () => {
    const good = join(tmp, 'good.txt');
    writeFileSync(good, ['711.00/1–148: Telegram', '', 'The Ambassador in France (Caffery) to the Secretary of State', '', '', 'Paris, January 1, 1948.', '', 'Text.', ''].join('\n'));
    const out = join(tmp, 'out', 'vol.xml');
    const ok = spawnSync(process.execPath, [cli, 'volume', good, '--out', out, '--title', 'A volume'], { encoding: 'utf8' });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<title type="complete">A volume</title>');
    // our TEI as input: converted again from its text, the same document
    const teiDir = join(tmp, 'tei');
    expect(spawnSync(process.execPath, [cli, 'convert', good, '--out', teiDir], { encoding: 'utf8' }).status).toBe(0);
    const fromTei = join(tmp, 'from-tei.xml');
    expect(spawnSync(process.execPath, [cli, 'volume', join(teiDir, 'good.tei.xml'), '--out', fromTei], { encoding: 'utf8' }).status).toBe(0);
    expect(readFileSync(fromTei, 'utf8').replace(/<TEI[^>]*>/, '').replace(/<idno type="frus">[^<]*/, '')).toBe(
      readFileSync(out, 'utf8').replace(/<TEI[^>]*>/, '').replace(/<idno type="frus">[^<]*/, '').replace('<title type="complete">A volume</title>', '<title type="complete">Documents converted by telegram-tei</title>').replace('<head>A volume</head>', '<head>Documents converted by telegram-tei</head>'),
    );
    const bad = join(tmp, 'bad.txt');
    writeFileSync(bad, Buffer.from([0, 1, 2, 3, 0, 0, 0]));
    const badOut = join(tmp, 'bad-vol.xml');
    const failed = spawnSync(process.execPath, [cli, 'volume', good, bad, '--out', badOut], { encoding: 'utf8' });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/bad\.txt.*error/);
    expect(existsSync(badOut)).toBe(false);
    expect(spawnSync(process.execPath, [cli, 'volume', good], { encoding: 'utf8' }).status).toBe(2);
  }, 60_000);
});
