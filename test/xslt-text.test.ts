/**
 * The text and JSON stylesheets (xslt/tei-to-text.xsl, xslt/tei-to-json.xsl) through the runner
 * (src/transform/stylesheets.ts):
 *   - every gold TEI of the dev corpus renders back to its raw text (whitespace-normalised, and
 *     byte for byte), with `bare` for the documents history.state.gov rendered without frame;
 *   - the reading layout has no page markers;
 *   - the JSON of gold files and of the bundled sample validates against
 *     schemas/document.schema.json, and its offsets point at the right text;
 *   - parsing once and rendering several times gives the same outputs;
 *   - a transform cannot write files; a missing SEF says to run the build.
 * The compiled stylesheets are (re)built first when missing or older than xslt/*.xsl.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  parseTei,
  renderJson,
  renderJsonText,
  renderText,
  setStylesheetDirectory,
  StylesheetMissingError,
  TransformError,
  type DocumentJson,
  type ParagraphJson,
} from '../src/transform/stylesheets.js';
import { documentSchemaVersion, validateDocumentJson } from '../src/validate/json-schema.js';
import { skipNote } from './helpers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(root, '..', 'shared', 'corpus', 'frus-dev');
const hasCorpus = existsSync(join(corpus, 'gold')) && existsSync(join(corpus, 'raw'));
const samplePath = join(root, 'test', 'fixtures', 'seed-sample.tei.xml');
const sampleRawPath = join(root, 'examples', 'smith-1947-01-14-montgomery-visit.txt');

interface Pair {
  id: string;
  gold: string;
  raw: string;
  bare: boolean;
  pages: number;
}

/** The gold/raw pairs, with the manifest's variant ("bare": rendered without opener, closer, dateline). */
function pairs(): Pair[] {
  if (!hasCorpus) return [];
  const manifestPath = join(corpus, 'manifest.json');
  const manifest = existsSync(manifestPath)
    ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as {
        documents: { id: string; variant?: string; features?: { pb_count?: number } }[];
      })
    : { documents: [] };
  const byId = new Map(manifest.documents.map((d) => [d.id, d]));
  return readdirSync(join(corpus, 'gold'))
    .filter((f) => f.endsWith('.xml') && existsSync(join(corpus, 'raw', f.replace(/\.xml$/, '.txt'))))
    .sort()
    .map((f) => {
      const id = f.replace(/\.xml$/, '');
      const entry = byId.get(id);
      return {
        id,
        gold: join(corpus, 'gold', f),
        raw: join(corpus, 'raw', `${id}.txt`),
        bare: entry?.variant === 'bare',
        pages: entry?.features?.pb_count ?? 0,
      };
    });
}

const PAIRS = pairs();
const squeeze = (s: string): string => s.replace(/\s+/g, ' ').trim();

beforeAll(() => {
  // Cheap when up to date: the script only compares modification times.
  execFileSync(process.execPath, [join(root, 'scripts', 'compile-xslt.mjs'), '--if-stale', 'text', 'json'], {
    cwd: root,
    stdio: 'pipe',
    timeout: 240_000,
  });
}, 300_000);

describe.skipIf(!hasCorpus)(
  hasCorpus ? 'gold TEI → raw text (frus-dev)' : skipNote('gold TEI → raw text (frus-dev)'),
  () => {
    it('has the corpus', () => {
      expect(PAIRS.length).toBeGreaterThan(0);
    });

    it.each(PAIRS)('$id renders to its raw text (whitespace-normalised)', (pair) => {
      const out = renderText(readFileSync(pair.gold, 'utf8'), 'raw', { bare: pair.bare, file: pair.gold });
      expect(squeeze(out)).toBe(squeeze(readFileSync(pair.raw, 'utf8')));
    });

    it.each(PAIRS)('$id renders to its raw text byte for byte', (pair) => {
      const out = renderText(readFileSync(pair.gold, 'utf8'), 'raw', { bare: pair.bare, file: pair.gold });
      expect(out).toBe(readFileSync(pair.raw, 'utf8'));
    });

    it.each(PAIRS.filter((p) => p.pages > 0))('$id: the reading layout has no page markers', (pair) => {
      const xml = readFileSync(pair.gold, 'utf8');
      const raw = renderText(xml, 'raw');
      expect(raw).toContain('[Page ');
      const reading = renderText(xml, 'reading');
      expect(reading).not.toContain('[Page');
      // the notes, as "[1] text" instead of "  1. text"
      if (/^ {2}\w+\. /m.test(raw)) expect(reading).toMatch(/^\[\w+\] /m);
      expect(reading).not.toMatch(/^ {2}\w+\. /m);
    });

    it.each(PAIRS.filter((_, i) => i % 5 === 0))('$id: the JSON validates and its offsets hold', (pair) => {
      const json = renderJson(readFileSync(pair.gold, 'utf8'), { file: pair.gold });
      expect(validateDocumentJson(json, pair.gold)).toEqual([]);
      checkOffsets(json);
    });

    it('renders the same from a parsed document as from the string', () => {
      for (const pair of PAIRS.slice(0, 10)) {
        const xml = readFileSync(pair.gold, 'utf8');
        const parsed = parseTei(xml, pair.gold);
        expect(renderText(parsed, 'raw', { bare: pair.bare })).toBe(renderText(xml, 'raw', { bare: pair.bare }));
        expect(renderJsonText(parsed)).toBe(renderJsonText(xml));
        expect(renderText(parsed, 'reading')).toBe(renderText(xml, 'reading'));
      }
    });
  },
);

describe('a TEI document of our profile', () => {
  const sample = readFileSync(samplePath, 'utf8');

  it('renders back to the example it was made from', () => {
    expect(renderText(sample)).toBe(readFileSync(sampleRawPath, 'utf8').replace(/\n*$/, '\n'));
  });

  it('renders the same from a document parsed once as from the TEI string (each transform parsing it)', () => {
    // parseTei calls SaxonJS's parser directly rather than through parse-xml in XPath
    const parsed = parseTei(sample, 'sample.tei.xml');
    expect(renderText(parsed)).toBe(renderText(sample));
    expect(renderText(parsed, 'reading')).toBe(renderText(sample, 'reading'));
    expect(renderJsonText(parsed)).toBe(renderJsonText(sample));
  });

  it('has a reading text: markers as [n], no page markers', () => {
    const reading = renderText(sample, 'reading');
    expect(reading).toContain('Montgomery’s[1] recent visit');
    expect(reading).toContain('required to cement');
    expect(reading).toMatch(/^\[5\] On the next day/m);
    expect(reading).not.toContain('[Page');
  });

  it('gives JSON that validates, with entities, mentions and offsets', () => {
    const json = renderJson(sample, { file: samplePath });
    expect(validateDocumentJson(json, samplePath)).toEqual([]);
    checkOffsets(json);
    expect(json.schemaVersion).toBe(documentSchemaVersion());
    expect(json.fileNumber).toBe('741.61/1–1447');
    expect(json.date).toBe('1947-01-14');
    expect(json.sender).toEqual({ name: 'Smith', kind: 'person', ref: null });
    expect(json.addressee).toEqual({ name: 'Secretary of State', kind: 'office', ref: null });
    expect(json.entities.find((e) => e.id === 'per-stalin')).toMatchObject({ kind: 'person', wikidata: 'Q855' });
    const first = json.paragraphs.find((p) => p.text.startsWith('90. 1.'));
    expect(first?.mentions[0]).toMatchObject({
      type: 'person', text: 'Montgomery', ref: 'per-montgomery', resp: 'register', cert: 'high',
    });
    expect(json.pages).toEqual([expect.objectContaining({ n: '518', id: 'pg_518' })]);
    const note3 = json.notes.find((n) => n.n === '3');
    expect(note3?.paragraphs).toHaveLength(2);
    expect(note3?.anchor).toEqual(expect.objectContaining({ paragraph: first ? first.n + 1 : -1 }));
  });

  it('gives every object\'s keys in the order the schema lists them', () => {
    const schema = JSON.parse(readFileSync(join(root, 'schemas', 'document.schema.json'), 'utf8')) as {
      properties: Record<string, unknown>;
      $defs: Record<string, { properties?: Record<string, unknown>; oneOf?: { properties?: Record<string, unknown> }[] }>;
    };
    const order = (def: string): string[] => Object.keys(schema.$defs[def]!.properties
      ?? schema.$defs[def]!.oneOf!.find((o) => o.properties)!.properties!);
    /** Whether `keys` come in the order of `listed` (some may be absent). */
    const inOrder = (keys: string[], listed: string[]): boolean =>
      keys.every((k) => listed.includes(k)) && keys.every((k, i) => i === 0 || listed.indexOf(keys[i - 1]!) < listed.indexOf(k));
    const json = renderJson(sample);
    expect(Object.keys(json)).toEqual(Object.keys(schema.properties));
    const paragraphs = [...json.paragraphs, ...json.notes.flatMap((n) => n.paragraphs)];
    for (const p of paragraphs) {
      expect(Object.keys(p)).toEqual(order('paragraph'));
      for (const m of p.mentions) expect(inOrder(Object.keys(m), order('mention')), Object.keys(m).join()).toBe(true);
    }
    for (const n of json.notes) expect(Object.keys(n)).toEqual(order('note'));
    for (const e of json.entities) expect(inOrder(Object.keys(e), order('entity')), Object.keys(e).join()).toBe(true);
    expect(Object.keys(json.sender!)).toEqual(['name', 'kind', 'ref']);
    // and so the text of the written file
    expect(JSON.stringify(json, null, 2)).toMatch(/^\{\n {2}"schemaVersion": "[0-9.]+",\n {2}"id": /);
  });

  it('reports schema violations as typed messages', () => {
    const json = renderJson(sample) as unknown as Record<string, unknown>;
    const messages = validateDocumentJson({ ...json, extra: 1, paragraphs: 'no' }, 'x.json');
    expect(messages.length).toBeGreaterThanOrEqual(2);
    expect(messages[0]).toMatchObject({ severity: 'error', file: 'x.json' });
    expect(messages.map((m) => m.rule)).toEqual(expect.arrayContaining(['json/additionalProperties', 'json/type']));
  });
});

describe('mentions at awkward places', () => {
  // Whitespace, footnote markers, page breaks, nesting, lists, tables and a character outside the
  // BMP around mentions: the text keeps history.state.gov's spacing and every mention's offsets hold.
  const xml = `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>
<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><div type="document" xml:id="d1"><head>Head <persName ref="#p1">Smith</persName></head>
<p>the<persName resp="#resp.register" cert="high"> Smith </persName>and <placeName ref="#x #y">Paris<note n="1" xml:id="fn1">A note with <persName>Jones</persName>.</note></placeName> word <persName><note n="2" xml:id="fn2">Two.</note>Brown</persName> end <orgName><persName>Nested Inner</persName> Outer</orgName> x<date when="1948-01-01"> </date>
 <pb n="5" xml:id="pg5"/> then <rs type="person">him</rs>  <lb/> tail <persName>A<hi>B</hi> \u{1D518}nicode</persName></p>
<list><label>1.</label><item>Item <persName>Lbl</persName></item></list>
<table><row><cell><persName>C1</persName></cell><cell> c2 </cell></row></table>
</div></body></text></TEI>`;

  it('gives the text with markers glued and spaces squeezed', () => {
    expect(renderText(xml)).toBe('Head Smith\n\n\nthe Smith and Paris1 word2Brown end Nested Inner Outer x [Page 5] then him'
      + '\n\ntail AB \u{1D518}nicode\n\n1. Item Lbl\n\nC1\tc2\n\n  1. A note with Jones.\n  2. Two.\n');
  });

  it('gives each mention its own text, trimmed, even when a footnote marker opens it', () => {
    const json = renderJson(xml);
    checkOffsets(json);
    const texts = json.paragraphs.map((p) => p.mentions.map((m) => m.text));
    expect(texts).toEqual([
      ['Smith'],
      ['Smith', 'Paris', 'Brown', 'Nested Inner Outer', 'Nested Inner', '', 'him'],
      ['AB \u{1D518}nicode'],
      ['Lbl'],
      ['C1'],
    ]);
    const p = json.paragraphs[1]!;
    expect(p.mentions[0]).toMatchObject({ start: 4, end: 9, resp: 'register', cert: 'high' });
    expect(p.mentions[1]).toMatchObject({ ref: 'x' });
    expect(p.mentions[6]).toMatchObject({ subtype: 'person' });
    expect(p.notes.map((n) => [n.n, n.offset])).toEqual([['1', 19], ['2', 24]]);
    expect(p.pages).toEqual([{ n: '5', offset: 54, id: 'pg5' }]);
    expect(json.notes[0]?.paragraphs[0]?.mentions[0]?.text).toBe('Jones');
  });
});

describe('confinement and errors', () => {
  afterEach(() => setStylesheetDirectory(undefined));

  it('the stylesheets read and write nothing', () => {
    for (const file of readdirSync(join(root, 'xslt')).filter((f) => f.endsWith('.xsl'))) {
      const source = readFileSync(join(root, 'xslt', file), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
      // the XPath functions that read resources (not tt:document() and the like)
      expect(source, file).not.toMatch(
        /(?<![\w:.$-])(doc|document|unparsed-text|unparsed-text-lines|unparsed-text-available|collection|uri-collection|doc-available|json-doc|transform|load-xquery-module)\s*\(/,
      );
      expect(source, file).not.toMatch(/<xsl:result-document\b/);
    }
  });

  it('refuses xsl:result-document', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tt-xslt-'));
    try {
      const target = join(dir, 'written.txt');
      writeFileSync(join(dir, 'evil.xsl'), `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/"><xsl:result-document href="${new URL(`file://${target}`).href}" method="text">x</xsl:result-document>done</xsl:template>
</xsl:stylesheet>`);
      execFileSync(process.execPath, [
        join(root, 'node_modules', 'xslt3', 'xslt3.js'), `-xsl:${join(dir, 'evil.xsl')}`,
        `-export:${join(dir, 'tei-to-text.sef.json')}`, '-relocate:on', '-nogo',
      ], { stdio: 'pipe', timeout: 120_000 });
      setStylesheetDirectory(dir);
      expect(() => renderText('<TEI xmlns="http://www.tei-c.org/ns/1.0"/>')).toThrow(/result-document is not allowed/);
      expect(existsSync(target)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('says to run the build when a compiled stylesheet is missing', () => {
    setStylesheetDirectory(join(tmpdir(), 'no-such-directory-for-tt'));
    let error: unknown;
    try {
      renderText('<TEI xmlns="http://www.tei-c.org/ns/1.0"/>');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StylesheetMissingError);
    expect((error as StylesheetMissingError).diagnostic).toMatchObject({ rule: 'xslt/missing-stylesheet', severity: 'error' });
    expect(String((error as Error).message)).toContain('npm run build');
  });

  it('reports TEI that is not well-formed as a typed error', () => {
    expect(() => parseTei('<TEI><p></TEI>', 'broken.xml')).toThrow(TransformError);
    expect(() => renderText('<TEI><p></TEI>', 'raw', { file: 'broken.xml' })).toThrow(/broken\.xml/);
  });

  it('does not expand external entities', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE div [<!ENTITY x SYSTEM "file:///etc/hostname">]>
<div xmlns="http://www.tei-c.org/ns/1.0" type="document"><head>a &x; b</head></div>`;
    expect(() => renderText(xml)).toThrow(TransformError);
  });
});

/** Every mention's text is the paragraph text between its offsets (code points); markers fall inside the text. */
function checkOffsets(json: DocumentJson): void {
  const check = (p: ParagraphJson): void => {
    const cps = Array.from(p.text);
    for (const m of p.mentions) {
      expect(cps.slice(m.start, m.end).join('')).toBe(m.text);
    }
    for (const n of p.notes) expect(n.offset).toBeLessThanOrEqual(cps.length);
    for (const pb of p.pages) expect(pb.offset).toBeLessThanOrEqual(cps.length);
  };
  json.paragraphs.forEach((p, i) => {
    expect(p.n).toBe(i + 1);
    check(p);
  });
  for (const note of json.notes) {
    note.paragraphs.forEach(check);
    if (note.anchor && !note.anchor.note) {
      const p = json.paragraphs[note.anchor.paragraph - 1];
      expect(p?.notes.some((m) => m.id === note.id && m.offset === note.anchor?.offset)).toBe(true);
    }
  }
}
