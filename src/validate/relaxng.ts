/**
 * RELAX NG validation of TEI with libxml2-wasm: our schema (schemas/telegram-tei.rng), compiled once
 * per process, and any other schema for tests (`validateAgainst`, e.g. tei_all).
 *
 * Also the safe parse the rules share (`parseXml`): documents with a DOCTYPE are refused before
 * libxml2 sees them (no DTD, no external or internal entities: no XXE, no entity expansion bombs),
 * and the parser runs with XML_PARSE_NO_XXE | XML_PARSE_NONET and never with NOENT or DTDLOAD,
 * so even a DOCTYPE that slipped through would load nothing.
 *
 * Positions: our TEI is written on one line, so libxml2's line numbers say little and its validation
 * errors carry no column. Each message is located by the element libxml2 names (its XPath), mapped to
 * the offset of that element's start tag in the source (and of the attribute, when the message is
 * about one): `file:1:4598` points at the `<` of the offending tag.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ParseOption, RelaxNGValidator, XmlDocument, XmlElement, XmlError, XmlLibError, XmlXPath } from 'libxml2-wasm';
import type { ErrorDetail, XmlNode } from 'libxml2-wasm';
import type { Located, Message, Severity } from '../messages.js';
import { message } from '../messages.js';

export const SCHEMA_RULE = 'tei/schema';
export const WELL_FORMED_RULE = 'tei/well-formed';
export const DOCTYPE_RULE = 'tei/doctype';

/** schemas/telegram-tei.rng, from src/validate/ and from dist/validate/ alike. */
export const SCHEMA_PATH = fileURLToPath(new URL('../../schemas/telegram-tei.rng', import.meta.url));

export const PARSE_OPTIONS = ParseOption.XML_PARSE_NO_XXE | ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_SKIP_IDS;
// SKIP_IDS: libxml2 would otherwise refuse the whole document at the first duplicate xml:id; the
// schema (xsd:ID) and the rules (tei/duplicate-id) report duplicates with their positions instead.

// ------------------------------------------------------------------------------------------------
// The source index: elements, attributes and their offsets, from the text itself

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

export interface IndexedAttribute {
  /** As written (`xml:id`), local name, namespace URI ('' for none), value (entities decoded). */
  name: string;
  local: string;
  ns: string;
  value: string;
  /** Offset of the attribute name in the source. */
  offset: number;
}

export interface IndexedElement {
  /** Position in document order (0 = the root). */
  ordinal: number;
  name: string;
  local: string;
  ns: string;
  attributes: IndexedAttribute[];
  /** Ordinal of the parent element, -1 for the root. */
  parent: number;
  /** Offset of the `<` of the start tag. */
  offset: number;
}

const TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<\/[^>]*>|<([^\s/>!?][^\s/>]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const REFERENCE = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function attributeValue(raw: string): string {
  if (!/[&\t\n\r]/.test(raw)) return raw;
  // XML attribute-value normalisation, then the references a document without a DTD can hold.
  return raw.replace(/[\t\n\r]/g, ' ').replace(REFERENCE, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
    name ? NAMED[name]! : String.fromCodePoint(parseInt(hex ?? dec!, hex ? 16 : 10)),
  );
}

/** An element's position in document order, as XPath counts it (compiled once, kept). */
let ORDINAL: XmlXPath | undefined;

/**
 * An index of a document's elements built from its text: names, namespaces, attribute values and
 * the offset of every tag and attribute. It reads only what libxml2 has already accepted as
 * well-formed (and free of any DOCTYPE), where a tokenizer is exact; it is how the rules see the
 * document (reading the libxml2 tree from JavaScript costs a wasm call per property, about four
 * times as much in all) and how any message, from libxml2 or the rules, gets its line and column.
 */
export class SourceIndex {
  private elementTable: IndexedElement[] | undefined;
  private lineStarts: number[] | undefined;

  constructor(readonly xml: string) {}

  /** Every element, in document order. */
  get elements(): readonly IndexedElement[] {
    this.elementTable ??= this.scan();
    return this.elementTable;
  }

  private scan(): IndexedElement[] {
    const elements: IndexedElement[] = [];
    const open: number[] = [];
    const scopes: Map<string, string>[] = [new Map([['xml', XML_NAMESPACE]])];
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(this.xml); m; m = TOKEN.exec(this.xml)) {
      const name = m[1];
      if (name === undefined) {
        if (this.xml.startsWith('</', m.index)) {
          open.pop();
          scopes.pop();
        }
        continue;
      }
      const offset = m.index;
      const raw: { name: string; value: string; offset: number }[] = [];
      const attrText = m[2] ?? '';
      const attrStart = offset + 1 + name.length;
      ATTRIBUTE.lastIndex = 0;
      for (let a = ATTRIBUTE.exec(attrText); a; a = ATTRIBUTE.exec(attrText)) {
        raw.push({ name: a[1]!, value: attributeValue(a[2] ?? a[3] ?? ''), offset: attrStart + a.index });
      }
      let scope = scopes[scopes.length - 1]!;
      if (raw.some((a) => a.name === 'xmlns' || a.name.startsWith('xmlns:'))) {
        scope = new Map(scope);
        for (const a of raw) {
          if (a.name === 'xmlns') scope.set('', a.value);
          else if (a.name.startsWith('xmlns:')) scope.set(a.name.slice(6), a.value);
        }
      }
      const split = (qname: string, isElement: boolean): [string, string] => {
        const colon = qname.indexOf(':');
        if (colon < 0) return [qname, isElement ? scope.get('') ?? '' : ''];
        return [qname.slice(colon + 1), scope.get(qname.slice(0, colon)) ?? ''];
      };
      const [local, ns] = split(name, true);
      const attributes: IndexedAttribute[] = [];
      for (const a of raw) {
        if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
        const [aLocal, aNs] = split(a.name, false);
        attributes.push({ name: a.name, local: aLocal, ns: aNs, value: a.value, offset: a.offset });
      }
      const ordinal = elements.length;
      elements.push({ ordinal, name, local, ns, attributes, parent: open.length > 0 ? open[open.length - 1]! : -1, offset });
      if (m[3] !== '/') {
        open.push(ordinal);
        scopes.push(scope);
      }
    }
    return elements;
  }

  /** 1-based line and column (in characters, as libxml2 counts them) of a source offset. */
  position(offset: number): Located {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = this.xml.indexOf('\n'); i >= 0; i = this.xml.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    }
    const ls = this.lineStarts;
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    let column = 1;
    for (let i = ls[lo]!; i < offset; i++) {
      const c = this.xml.charCodeAt(i);
      if (c < 0xdc00 || c > 0xdfff) column++; // a low surrogate continues the previous character
    }
    return { line: lo + 1, column };
  }

  /** Where an element (or one of its attributes) is. */
  locate(element: IndexedElement | undefined, attribute?: IndexedAttribute): Located {
    if (!element) return { line: 0, column: 0 };
    return this.position(attribute?.offset ?? element.offset);
  }

  /** `TEI/text/body/div/p[3]/note[2]`: where an element is, readable in a one-line document. */
  path(element: IndexedElement): string {
    const parts: string[] = [];
    for (let e: IndexedElement | undefined = element; e; e = e.parent >= 0 ? this.elements[e.parent] : undefined) {
      const siblings = this.elements.filter((s) => s.parent === e!.parent && s.name === e!.name);
      parts.unshift(siblings.length > 1 ? `${e.name}[${siblings.indexOf(e) + 1}]` : e.name);
    }
    return parts.join('/');
  }

  /** The indexed element for a node of the libxml2 tree of the same text. */
  elementOf(node: XmlNode): IndexedElement | undefined {
    const element = node instanceof XmlElement ? node : node.parent;
    if (!element) return undefined;
    ORDINAL ??= XmlXPath.compile('count(preceding::*) + count(ancestor::*)');
    const ordinal = element.eval(ORDINAL);
    return typeof ordinal === 'number' ? this.elements[ordinal] : undefined;
  }
}

// ------------------------------------------------------------------------------------------------
// Parsing

export interface ParsedXml {
  doc: XmlDocument;
  index: SourceIndex;
  file: string;
}

const ANY_SURROGATE = /[\uD800-\uDFFF]/;

/** Where a DOCTYPE declaration starts in the prolog, if the document has one. */
export function doctypeOffset(xml: string): number | undefined {
  const prolog = /^\uFEFF?(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*/.exec(xml)![0];
  return /^<!DOCTYPE/i.test(xml.slice(prolog.length)) ? prolog.length : undefined;
}

/**
 * Parse a TEI document safely. Returns the document (the caller must `dispose()` it) or the
 * messages saying why there is none: a DOCTYPE (refused up front) or a well-formedness error.
 */
export function parseXml(xml: string, file: string): { parsed?: ParsedXml; messages: Message[] } {
  const index = new SourceIndex(xml);
  const doctype = doctypeOffset(xml);
  if (doctype !== undefined) {
    return {
      messages: [
        message('error', DOCTYPE_RULE, 'DOCTYPE declarations are refused: TEI from telegram-tei has none, and a DTD can declare external entities (XXE) or entity bombs; the document was not parsed', file, index.position(doctype)),
      ],
    };
  }
  let doc: XmlDocument;
  try {
    // Node's native UTF-8 encoder, then one copy into wasm memory, is cheaper than fromString's
    // encoding in JavaScript. The same bytes, except for lone surrogates (which fromString
    // encodes as they are, and libxml2 refuses): text with any surrogate goes through fromString.
    doc = ANY_SURROGATE.test(xml)
      ? XmlDocument.fromString(xml, { option: PARSE_OPTIONS })
      : XmlDocument.fromBuffer(Buffer.from(xml, 'utf8'), { option: PARSE_OPTIONS });
  } catch (e) {
    const details = e instanceof XmlLibError && e.details.length > 0 ? e.details : [{ message: e instanceof Error ? e.message : String(e), line: 0, col: 0, level: 3 }];
    return { messages: details.map((d) => message('error', WELL_FORMED_RULE, `not well-formed XML: ${clean(d.message)}`, file, { line: d.line, column: d.col })) };
  }
  if (doc.dtd !== null) {
    // Not reachable through doctypeOffset; kept so that a change there cannot open a hole.
    doc.dispose();
    return { messages: [message('error', DOCTYPE_RULE, 'DOCTYPE declarations are refused', file)] };
  }
  return { parsed: { doc, index, file }, messages: [] };
}

function clean(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

// ------------------------------------------------------------------------------------------------
// Validation

/** A compiled RELAX NG schema. Compile once per process: tei_all takes about 10 s. */
export class CompiledSchema {
  private constructor(
    readonly path: string,
    private readonly validator: RelaxNGValidator,
    /** Compile time in milliseconds. */
    readonly compileMs: number,
  ) {}

  static compile(path: string): CompiledSchema {
    const t0 = performance.now();
    const schemaDoc = XmlDocument.fromString(readFileSync(path, 'utf8'), { url: path, option: ParseOption.XML_PARSE_NONET });
    try {
      // libxml2 copies the schema document while compiling: it can be freed right after.
      return new CompiledSchema(path, RelaxNGValidator.fromDoc(schemaDoc), performance.now() - t0);
    } finally {
      schemaDoc.dispose();
    }
  }

  /** Validate a parsed document; messages located at the offending element or attribute. */
  validate(parsed: ParsedXml): Message[] {
    try {
      this.validator.validate(parsed.doc);
      return [];
    } catch (e) {
      if (!(e instanceof XmlError)) throw e;
      const details = e instanceof XmlLibError && e.details.length > 0 ? e.details : [{ message: e.message, line: 0, col: 0, level: 2 }];
      return schemaMessages(details, parsed);
    }
  }

  dispose(): void {
    this.validator.dispose();
  }
}

/** Turn libxml2's validity errors into messages at the element (or attribute) they concern. */
function schemaMessages(details: readonly ErrorDetail[], parsed: ParsedXml): Message[] {
  const { index } = parsed;
  const out: Message[] = [];
  const seen = new Set<string>();
  for (const d of details) {
    const text = clean(d.message);
    let node: XmlNode | null = null;
    if (d.xpath) {
      try {
        node = parsed.doc.get(d.xpath, prefixesOf(d.xpath, index.xml));
      } catch {
        node = null;
      }
    }
    let element = node ? index.elementOf(node) : undefined;
    // libxml2 sometimes names an element but points at its first child ("Element note failed to
    // validate attributes" at the note's first mention): climb to the element it names.
    const named = /^Element (\S+) /.exec(text)?.[1] ?? /for element (\S+)$/.exec(text)?.[1];
    if (element && named) {
      let e: IndexedElement | undefined = element;
      while (e && e.name !== named) e = e.parent >= 0 ? index.elements[e.parent] : undefined;
      if (e) element = e;
    }
    // Point at the attribute when the message is about one.
    const idRedefined = /^ID (\S+) redefined$/.exec(text);
    const attrName = idRedefined ? 'id' : /^Invalid attribute (\S+) for element/.exec(text)?.[1];
    const attribute = attrName ? element?.attributes.find((a) => a.local === attrName) : undefined;
    const located = element ? index.locate(element, attribute) : { line: d.line, column: d.col };
    const wording = idRedefined ? `xml:id "${idRedefined[1]}" is used more than once (xs:ID)` : text;
    const full = element ? `${wording} (at ${index.path(element)})` : wording;
    const key = `${located.line}:${located.column}:${full}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const severity: Severity = d.level === 1 ? 'warning' : 'error';
    out.push(message(severity, SCHEMA_RULE, full, parsed.file, located));
  }
  return out;
}

/**
 * The namespaces of the prefixes in the XPath libxml2 gives (`xi:include` below the root), as the document declares
 * them: without them the XPath fails (libxml2 printing a raw "XPath error" line) and the message
 * loses its position.
 */
function prefixesOf(xpath: string, xml: string): Record<string, string> | undefined {
  const prefixes = new Set([...xpath.matchAll(/([A-Za-z_][\w.-]*):(?![:])/g)].map((m) => m[1]!));
  if (prefixes.size === 0) return undefined;
  const map: Record<string, string> = {};
  for (const prefix of prefixes) {
    const declared = new RegExp(`xmlns:${prefix.replace(/[.]/g, '\\.')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(xml);
    if (declared) map[prefix] = declared[1] ?? declared[2]!;
  }
  return map;
}

let ours: CompiledSchema | undefined;

/** Our schema, compiled on first use (about 50 ms) and kept for the life of the process. */
export function teiSchema(): CompiledSchema {
  ours ??= CompiledSchema.compile(SCHEMA_PATH);
  return ours;
}

/** Validate a parsed document against our schema (for callers that also run the rules). */
export function validateParsed(parsed: ParsedXml): Message[] {
  return teiSchema().validate(parsed);
}

/** Validate TEI against schemas/telegram-tei.rng: messages `file:line:col` with rule `tei/schema`. */
export function validateTei(xml: string, file: string): Message[] {
  return validateWith(teiSchema(), xml, file);
}

/** Validate with an already compiled schema (parse, validate, free). */
export function validateWith(schema: CompiledSchema, xml: string, file: string): Message[] {
  const { parsed, messages } = parseXml(xml, file);
  if (!parsed) return messages;
  try {
    return schema.validate(parsed);
  } finally {
    parsed.doc.dispose();
  }
}

const compiled = new Map<string, CompiledSchema>();

/** Any RELAX NG schema (XML syntax), compiled on first use and kept per path for the process. */
export function compiledSchema(schemaPath: string): CompiledSchema {
  let schema = compiled.get(schemaPath);
  if (!schema) {
    schema = CompiledSchema.compile(schemaPath);
    compiled.set(schemaPath, schema);
  }
  return schema;
}

/**
 * Validate against any RELAX NG schema (XML syntax), compiled on first use and cached per path for
 * the life of the process: for tests, e.g. `../shared/schemas/tei_all.rng` (about 10 s to compile).
 */
export function validateAgainst(schemaPath: string, xml: string, file: string): Message[] {
  return validateWith(compiledSchema(schemaPath), xml, file);
}
