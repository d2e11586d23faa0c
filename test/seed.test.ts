/**
 * The user's telegram, end to end through the library: every fact issue 2 lists, checked on the
 * TEI with XPath, the plain-text round trip, and the JSON.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { XmlDocument } from 'libxml2-wasm';
import { convertText } from '../src/index.js';
import { defaultRegisters } from '../src/annotate/index.js';
import { seedText } from './helpers.js';
import type { DocumentJson } from '../src/transform/stylesheets.js';

const ns = { t: 'http://www.tei-c.org/ns/1.0' };
const input = seedText();
const result = convertText(input, { file: 'smith-1947-01-14-montgomery-visit.txt', annotate: { registers: defaultRegisters() } });
const doc = result.documents[0]!;
const xml = XmlDocument.fromString(doc.tei!.xml);
afterAll(() => xml.dispose());

const str = (xpath: string): string => String(xml.eval(`string(${xpath})`, ns));
const num = (xpath: string): number => Number(xml.eval(`count(${xpath})`, ns));
const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();
/** The concatenated content of the nodes an XPath 1.0 expression selects. */
const joined = (xpath: string): string => (xml.find(xpath, ns) as unknown as { content: string }[]).map((n) => n.content).join('');

describe('the seed telegram, converted', () => {
  it('converts with no errors, into one document', () => {
    expect(result.ok).toBe(true);
    expect(result.documents).toHaveLength(1);
  });
  it('has the source note and the head, with sender and addressee', () => {
    expect(str('//t:div[@type="document"]/t:note[@type="source"]')).toBe('741.61/1–1447: Telegram');
    expect(str('//t:div[@type="document"]/t:head')).toBe('The Ambassador in the Soviet Union (Smith) to the Secretary of State');
    expect(str('//t:head/t:persName[@type="from"]')).toBe('Smith');
    expect(str('//t:head/t:gloss[@type="to"]')).toBe('Secretary of State');
  });
  it('has exactly three body paragraphs, starting as in the input', () => {
    expect(num('//t:div[@type="document"]/t:p')).toBe(3);
    expect(str('//t:div[@type="document"]/t:p[1]').startsWith('90. 1. Field Marshal')).toBe(true);
    expect(str('//t:div[@type="document"]/t:p[2]').startsWith('2. British Ambassador')).toBe(true);
    expect(str('//t:div[@type="document"]/t:p[3]').startsWith('3. British Embassy')).toBe(true);
  });
  it('has five footnotes numbered 1–5 with unique ids, right after their words, no space before', () => {
    expect(num('//t:text//t:note[@n]')).toBe(5);
    expect((xml.find('//t:text//t:note[@n]/@n', ns) as unknown as { content: string }[]).map((a) => a.content)).toEqual(['1', '2', '3', '4', '5']);
    const ids = (xml.find('//t:text//t:note/@xml:id', ns) as unknown as { content: string }[]).map((a) => a.content);
    expect(new Set(ids).size).toBe(5);
    const after = ['Montgomery’s', 'British Ambassador', 'existed,', 'Vassilievski', 'England.'];
    after.forEach((word, i) => {
      const before = joined(`(//t:text//t:note[@n="${i + 1}"])/preceding::text()[not(ancestor::t:note)][position() <= 3]`);
      expect(before.endsWith(word), `note ${i + 1} after "${word}" (got "…${before.slice(-20)}")`).toBe(true);
    });
  });
  it('keeps footnote 3 with its two paragraphs, and every footnote text as in the input', () => {
    expect(num('//t:note[@n="3"]/t:p')).toBe(2);
    const noteLines = input.split('\n').filter((l) => /^ {2,}\S/.test(l)).map((l) => norm(l.replace(/^ {2}\d+\. /, '')));
    const noteParas = (xml.find('//t:text//t:note[@n]', ns) as unknown as { content: string }[]).flatMap((n, i) => (i === 2 ? [str('//t:note[@n="3"]/t:p[1]'), str('//t:note[@n="3"]/t:p[2]')] : [n.content])).map(norm);
    expect(noteParas).toEqual(noteLines);
  });
  it('has one pb n="518" between "required to" and "cement"', () => {
    expect(num('//t:pb')).toBe(1);
    expect(str('//t:pb/@n')).toBe('518');
    expect(str('//t:pb/preceding-sibling::text()[1]').endsWith('required to ')).toBe(true);
    expect(str('//t:pb/following-sibling::text()[1]').startsWith('cement')).toBe(true);
  });
  it('keeps the body text identical to the input minus the markers', () => {
    const body = [1, 2, 3].map((i) => norm(joined(`//t:div[@type="document"]/t:p[${i}]//text()[not(ancestor::t:note)]`)));
    const expected = input.split('\n').slice(5, 10).filter(Boolean).map((l) => norm(l.replace(/(?<=[’\p{L},.])\d(?=\s|$)/gu, '').replace('[Page 518] ', '')));
    expect(body).toEqual(expected);
  });
  it('is dated 1947-01-14 in the header', () => {
    expect(str('//t:correspAction[@type="sent"]/t:date/@when')).toBe('1947-01-14');
  });
  it('names this tool and its version in the encoding description', () => {
    expect(str('//t:encodingDesc/t:appInfo/t:application/@ident')).toBe('telegram-tei');
    expect(str('//t:encodingDesc/t:appInfo/t:application/@version')).toMatch(/^\d+\.\d+\.\d+/);
  });
  it('gives the input back as text (ignoring white space)', () => {
    expect(doc.outputs!.text.replace(/\s+/g, '')).toBe(input.replace(/\s+/g, ''));
  });
  it('marks every machine-made tag with @resp and @cert', () => {
    expect(num('//t:text//*[@resp and not(@cert)]')).toBe(0);
    expect(num('//t:text//t:persName[not(@type)][not(@resp)]')).toBe(0);
  });
  it('writes JSON with the paragraphs, notes and pages', () => {
    const json = JSON.parse(doc.outputs!.json) as { notes: unknown[]; pages: { n: string }[]; date: string };
    expect(json.notes).toHaveLength(5);
    expect(json.pages.map((p) => p.n)).toEqual(['518']);
    expect(json.date).toBe('1947-01-14');
  });
});

describe('the head of the seed telegram', () => {
  it('links the sender "(Smith)" to the person the document identifies (Ambassador Smith, note 5)', () => {
    const ref = str('//t:head/t:persName[@type="from"]/@corresp');
    expect(ref).toMatch(/^#per-/);
    expect(str(`//t:standOff//t:person[@xml:id="${ref.slice(1)}"]/t:persName[1]`)).toMatch(/Smith/);
  });
  it('carries that link into the JSON: the sender points to the same entity as the head\'s mention', () => {
    const json = JSON.parse(doc.outputs!.json) as DocumentJson;
    const ref = str('//t:head/t:persName[@type="from"]/@corresp').slice(1);
    expect(json.sender).toEqual({ name: 'Smith', kind: 'person', ref, corresp: ref });
    expect(json.paragraphs.find((p) => p.kind === 'head')?.mentions.find((m) => m.subtype === 'from')?.ref).toBe(ref);
    expect(json.entities.some((e) => e.id === ref)).toBe(true);
    // the addressee is an office: its holder that day (Byrnes, from POCOM) is pointed to by the gloss's @corresp
    const holder = str('//t:head/t:gloss[@type="to"]/@corresp').slice(1);
    expect(json.addressee).toMatchObject({ name: 'Secretary of State', kind: 'office', corresp: holder });
    expect(json.entities.some((e) => e.id === holder)).toBe(true);
  });
});

describe('a date read from the file number says so wherever it is shown', () => {
  it('in the JSON (dateSource) and in the HTML header, as the TEI does with @resp', () => {
    expect(str('//t:correspAction[@type="sent"]/t:date/@resp')).toBe('#resp.filenumber');
    const json = JSON.parse(doc.outputs!.json) as DocumentJson;
    expect([json.date, json.dateSource]).toEqual(['1947-01-14', 'filenumber']);
    expect(doc.outputs!.html).toMatch(/<dt>Date<\/dt>\s*<dd><time datetime="1947-01-14">January 14, 1947<\/time> \(from the file number\)<\/dd>/);
    // a date the dateline prints is the document's own
    const dated = convertText(input.replace('\n\n\n', '\n\n\nMoscow, January 14, 1947—4 p. m.\n\n'), { file: 'dated.txt', annotate: { registers: defaultRegisters() } }).documents[0]!;
    expect((JSON.parse(dated.outputs!.json) as DocumentJson).dateSource).toBe('dateline');
    expect(dated.outputs!.html).not.toContain('from the file number');
  });
});
