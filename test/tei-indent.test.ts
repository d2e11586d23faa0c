/**
 * The TEI is indented in element-only content (src/tei/indent.ts) and nowhere else:
 *   - every element indent.ts indents is element-only in our schema (no text allowed in it), and
 *     every one is in the xsl:strip-space of xslt/lookups.xsl, so that no output sees the
 *     indentation;
 *   - mixed content is untouched, and the text, JSON and HTML are the same as from the same TEI
 *     on one line;
 *   - validate's positions now say where: a problem in the second paragraph is on its line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRegisters } from '../src/annotate/index.js';
import { isEl, parseXmlTree, type XElement, type XNode } from '../src/annotate/xml.js';
import { convertText } from '../src/index.js';
import { ELEMENT_ONLY } from '../src/tei/indent.js';
import { renderHtml, renderJson, renderText } from '../src/transform/stylesheets.js';
import { validateTeiDocument } from '../src/validate/index.js';
import { repoRoot, seedText } from './helpers.js';

const result = convertText(seedText(), { file: 'smith.txt', annotate: { registers: defaultRegisters() } });
const tei = result.documents[0]!.tei!.xml;
/** The same TEI on one line: the indentation (a newline and spaces between two tags) taken out. */
const oneLine = tei.replace(/>\n *</g, '><').replace(/\n$/, '');

function tree(xml: string): XElement {
  const parsed = parseXmlTree(xml);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.root;
}

/** Every text node with the name of its parent, in document order. */
function texts(node: XElement, out: { parent: string; text: string }[] = []): { parent: string; text: string }[] {
  for (const c of node.children as XNode[]) {
    if (isEl(c)) texts(c, out);
    else out.push({ parent: node.name, text: c.text });
  }
  return out;
}

describe('the TEI, indented', () => {
  it('puts the header, the standOff and each block of the text on lines of their own', () => {
    expect(tei.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<TEI ')).toBe(true);
    const lines = tei.split('\n');
    expect(lines.length).toBeGreaterThan(50);
    expect(lines).toContain('  <teiHeader>');
    expect(lines).toContain('  <standOff>');
    expect(lines.filter((l) => /^ {8}<p>\d/.test(l))).toHaveLength(3); // the three numbered paragraphs
    expect(lines.some((l) => /^ {8}<head>The Ambassador/.test(l))).toBe(true);
  });

  it('adds whitespace only between the children of element-only elements', () => {
    const indented = texts(tree(tei));
    const plain = texts(tree(oneLine));
    const added = indented.filter((t) => /^\n *$/.test(t.text));
    expect(added.length).toBeGreaterThan(50);
    for (const t of added) expect(ELEMENT_ONLY.has(t.parent), `indentation inside <${t.parent}>`).toBe(true);
    // everything else, mixed content included, is as it was
    expect(indented.filter((t) => !/^\n *$/.test(t.text))).toEqual(plain);
  });

  it('gives the same text, JSON and HTML as the same TEI on one line', () => {
    expect(oneLine).not.toContain('\n');
    expect(renderText(tei)).toBe(renderText(oneLine));
    expect(renderText(tei)).toBe(seedText().replace(/\n*$/, '\n'));
    expect(renderText(tei, 'reading')).toBe(renderText(oneLine, 'reading'));
    expect(renderJson(tei)).toEqual(renderJson(oneLine));
    expect(renderHtml(tei)).toBe(renderHtml(oneLine));
  });

  it('makes validate\'s positions useful: a problem in a paragraph is reported on its line', () => {
    const lines = tei.split('\n');
    const second = lines.findIndex((l) => l.startsWith('        <p>2. '));
    expect(second).toBeGreaterThan(0);
    // a machine-made tag without @cert, in the second paragraph
    lines[second] = lines[second]!.replace(/ cert="high"/, '');
    const messages = validateTeiDocument(lines.join('\n'), 'smith.tei.xml');
    expect(messages.find((m) => m.rule === 'tei/resp-without-cert')).toMatchObject({ line: second + 1, severity: 'error' });
    expect(messages.every((m) => m.line === second + 1)).toBe(true);
  });
});

describe('the elements indent.ts indents', () => {
  it('are all element-only in schemas/telegram-tei.rng (no text, value or data in their content)', () => {
    const rng = tree(readFileSync(join(repoRoot, 'schemas', 'telegram-tei.rng'), 'utf8'));
    const defines = new Map<string, XElement>();
    const elements: XElement[] = [];
    const walk = (e: XElement): void => {
      if (e.name === 'define') defines.set(e.attrs['name']!, e);
      if (e.name === 'element') elements.push(e);
      for (const c of e.children) if (isEl(c)) walk(c);
    };
    walk(rng);
    /** Whether text can stand directly in the content of a pattern (following refs, not into other elements). */
    const allowsText = (e: XElement, seen = new Set<string>()): boolean => e.children.some((c) => {
      if (!isEl(c) || c.name === 'element' || c.name === 'attribute') return false;
      if (c.name === 'text' || c.name === 'data' || c.name === 'value' || c.name === 'mixed') return true;
      if (c.name === 'ref') {
        const name = c.attrs['name']!;
        if (seen.has(name)) return false;
        seen.add(name);
        return allowsText(defines.get(name)!, seen);
      }
      return allowsText(c, seen);
    });
    const emitted = new Set<string>();
    for (const name of ELEMENT_ONLY) {
      const patterns = elements.filter((e) => e.attrs['name'] === name);
      if (patterns.length > 0) emitted.add(name);
      for (const p of patterns) expect(allowsText(p), `<${name}> allows text in telegram-tei.rng`).toBe(false);
    }
    expect([...ELEMENT_ONLY].filter((n) => !emitted.has(n))).toEqual([]);
  });

  it('are all stripped by the stylesheets (xsl:strip-space in xslt/lookups.xsl)', () => {
    const lookups = readFileSync(join(repoRoot, 'xslt', 'lookups.xsl'), 'utf8');
    const strip = /<xsl:strip-space elements="([^"]*)"/.exec(lookups)?.[1]?.split(/\s+/) ?? [];
    expect([...ELEMENT_ONLY].filter((n) => !strip.includes(n))).toEqual([]);
  });
});
