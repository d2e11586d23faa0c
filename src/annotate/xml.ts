/**
 * A minimal element tree for reading the authority registers and users' persons lists: parsed once
 * with saxes (strict, namespace-aware). TEI elements (and elements in no namespace) are known by
 * their local name; attributes by local name, `xml:` attributes as `xml:id`, `xml:lang`.
 */
import { createRequire } from 'node:module';

type Saxes = typeof import('saxes');
let saxes: Saxes | undefined;

/**
 * saxes, loaded on first use (it is CommonJS): a start that reads the prebuilt registers
 * (register-store.ts) parses no XML here, and loading saxes costs ~35 ms.
 */
const saxesModule = (): Saxes => (saxes ??= createRequire(import.meta.url)('saxes') as Saxes);

export interface XElement {
  kind: 'element';
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
}

export interface XText {
  kind: 'text';
  text: string;
}

export type XNode = XElement | XText;

export type XParse = { ok: true; root: XElement } | { ok: false; error: string; line: number; column: number };

/**
 * Parses without namespace processing (the registers are large and this is several times faster):
 * element names lose any prefix, attributes keep `xml:` and drop other prefixes.
 */
export function parseXmlTree(xml: string): XParse {
  const parser = new (saxesModule().SaxesParser)({ xmlns: false, position: true });
  const stack: XElement[] = [];
  let root: XElement | undefined;
  let failure: { error: string; line: number; column: number } | undefined;
  parser.on('error', (e) => {
    failure ??= { error: e.message, line: parser.line, column: parser.column };
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    const raw = tag.attributes as Record<string, string>;
    for (const name in raw) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      const colon = name.indexOf(':');
      attrs[colon < 0 || name.startsWith('xml:') ? name : name.slice(colon + 1)] = raw[name]!;
    }
    const colon = tag.name.indexOf(':');
    const el: XElement = { kind: 'element', name: colon < 0 ? tag.name : tag.name.slice(colon + 1), attrs, children: [] };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root ??= el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const onText = (t: string) => {
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push({ kind: 'text', text: t });
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  try {
    parser.write(xml).close();
  } catch (e) {
    failure ??= { error: (e as Error).message, line: parser.line, column: parser.column };
  }
  if (failure) return { ok: false, ...failure };
  if (!root) return { ok: false, error: 'no root element', line: 0, column: 0 };
  return { ok: true, root };
}

export function isEl(n: XNode): n is XElement {
  return n.kind === 'element';
}

/** Child elements with the given local name. */
export function kids(el: XElement, name?: string): XElement[] {
  return el.children.filter((c): c is XElement => isEl(c) && (name === undefined || c.name === name));
}

/** All descendant elements with the given local name (document order), not descending into matches. */
export function findAll(el: XElement, name: string, out: XElement[] = []): XElement[] {
  for (const c of el.children) {
    if (!isEl(c)) continue;
    if (c.name === name) out.push(c);
    else findAll(c, name, out);
  }
  return out;
}

/** Text content, whitespace-normalised. `skip` elements contribute nothing. */
export function textContent(el: XElement, skip: (e: XElement) => boolean = () => false): string {
  const parts: string[] = [];
  const walk = (e: XElement) => {
    for (const c of e.children) {
      if (c.kind === 'text') parts.push(c.text);
      else if (!skip(c)) walk(c);
    }
  };
  walk(el);
  return parts.join('').replace(/\s+/g, ' ').trim();
}
