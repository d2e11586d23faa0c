/**
 * Runs the compiled XSLT stylesheets (build/xslt/tei-to-*.sef.json, made by
 * scripts/compile-xslt.mjs) with SaxonJS: TEI → plain text, JSON, HTML.
 *
 * Each SEF is read and parsed once per process (or worker thread: module state is per worker)
 * on first use, and passed as `stylesheetInternal`; SaxonJS mutates it, so it is never shared
 * between threads.
 *
 * Fast path: `parseTei` parses the TEI once into a SaxonJS document; pass that instead of the
 * string to render several outputs without re-parsing (`renderAll` does this).
 *
 * Confinement: a transform can neither write nor read files. `xsl:result-document` is refused
 * (SaxonJS would otherwise write to disk), collection() is refused, and the stylesheets call no
 * doc(), document(), unparsed-text() or collection() (test/xslt-text.test.ts checks their
 * source). The SaxonJS XML parser does not expand external entities (a DOCTYPE with
 * `<!ENTITY x SYSTEM "file:…">` fails with "unknown entity").
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SaxonNode, TransformOptions, XError } from 'saxon-js';
import { message, PipelineError } from '../messages.js';
import { documentKeyOrder, inKeyOrder } from './key-order.js';
import { saxon } from './saxon.js';

export type StylesheetName = 'text' | 'json' | 'html' | 'index';
/** `raw`: the history.state.gov layout telegram-tei reads; `reading`: a clean reading text. */
export type TextLayout = 'raw' | 'reading';

const DEFAULT_DIRECTORY = fileURLToPath(new URL('../../build/xslt/', import.meta.url));
let directory = DEFAULT_DIRECTORY;

/** The compiled stylesheets, by name, parsed from their SEF files (this thread only). */
const loaded = new Map<StylesheetName, object>();

/** Where the SEF files are looked for (default: build/xslt at the package root). */
export function stylesheetDirectory(): string {
  return directory;
}

/** Looks for the SEF files elsewhere (and forgets those already loaded). */
export function setStylesheetDirectory(dir: string | undefined): void {
  directory = dir ?? DEFAULT_DIRECTORY;
  loaded.clear();
}

export function stylesheetPath(name: StylesheetName): string {
  return join(directory, `tei-to-${name}.sef.json`);
}

/** Whether the compiled stylesheet exists (the HTML one may not have been written yet). */
export function hasStylesheet(name: StylesheetName): boolean {
  return loaded.has(name) || existsSync(stylesheetPath(name));
}

// ---------------------------------------------------------------------------------------------
// Errors

/** A compiled stylesheet is missing: the build has not been run. */
export class StylesheetMissingError extends PipelineError {
  constructor(
    readonly stylesheet: StylesheetName,
    readonly path: string,
  ) {
    super(message('error', 'xslt/missing-stylesheet',
      `compiled stylesheet tei-to-${stylesheet}.sef.json not found in ${directory}: run npm run build `
      + '(or node scripts/compile-xslt.mjs)', path));
    this.name = 'StylesheetMissingError';
  }
}

/** The TEI is not well-formed, or the transform raised an error. */
export class TransformError extends PipelineError {
  constructor(
    readonly stylesheet: StylesheetName | 'parse',
    readonly code: string,
    text: string,
    file: string,
  ) {
    super(message('error', stylesheet === 'parse' ? 'xml/not-well-formed' : `xslt/${stylesheet}`,
      code ? `${text} [${code}]` : text, file));
    this.name = 'TransformError';
  }
}

function load(name: StylesheetName): object {
  const cached = loaded.get(name);
  if (cached) return cached;
  const path = stylesheetPath(name);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new StylesheetMissingError(name, path);
  }
  const sef = JSON.parse(text) as object;
  loaded.set(name, sef);
  return sef;
}

// ---------------------------------------------------------------------------------------------
// Parsing once

const PARSED = Symbol('ParsedTei');

/** A TEI document parsed by SaxonJS, to be rendered several times without re-parsing. */
export interface ParsedTei {
  readonly [PARSED]: true;
  readonly node: SaxonNode;
  readonly file: string;
}

export type TeiInput = string | ParsedTei;

/**
 * fn:parse-xml without XPath: SaxonJS's parse-xml is its platform's `parseXmlFromString` plus a
 * (null) static base URI on the document, but `XPath.evaluate('parse-xml($xml)')` compiles the
 * expression again on every call, a third of the ~2 ms the parse takes. The platform object is
 * not documented API: when it lacks the function (another SaxonJS), parse-xml through XPath.
 */
let platformParse: ((xml: string) => SaxonNode) | null | undefined;

function platformParser(): ((xml: string) => SaxonNode) | null {
  if (platformParse !== undefined) return platformParse;
  const platform = saxon().getPlatform?.();
  const parse = platform?.parseXmlFromString;
  if (typeof parse !== 'function') return (platformParse = null);
  return (platformParse = (xml: string): SaxonNode => {
    let node: SaxonNode & { _saxonBaseUri?: unknown };
    try {
      node = parse.call(platform, xml) as SaxonNode;
    } catch (error) {
      // as parse-xml reports it: the parser's message, with parse-xml's error code
      const e = error as Partial<XError> | undefined;
      throw Object.assign(new Error(typeof e?.message === 'string' ? e.message : String(error)), { code: 'FODC0006' });
    }
    node._saxonBaseUri = null;
    return node;
  });
}

/** Parses TEI (or a bare FRUS div) once, for several renderings. */
export function parseTei(teiXml: string, file = '<tei>'): ParsedTei {
  try {
    const parse = platformParser();
    const node = parse ? parse(teiXml) : saxon().XPath.evaluate('parse-xml($xml)', null, { params: { xml: teiXml } });
    if (node === null || typeof node !== 'object') {
      throw new TransformError('parse', '', 'the TEI could not be parsed', file);
    }
    return { [PARSED]: true, node, file };
  } catch (error) {
    if (error instanceof TransformError) throw error;
    throw wrap('parse', error, file);
  }
}

function isParsed(input: TeiInput): input is ParsedTei {
  return typeof input === 'object' && input !== null && PARSED in input;
}

// ---------------------------------------------------------------------------------------------
// Running

/**
 * SaxonJS calls this once at the start of every transform (with a probe URI) and then for each
 * xsl:result-document; the result's `save` is what would write the document: it refuses.
 */
function refuseResultDocument(): { destination: 'serialized'; save: (uri: unknown) => never } {
  return {
    destination: 'serialized',
    save(uri: unknown): never {
      throw new Error(`xsl:result-document is not allowed (${String(uri)})`);
    },
  };
}

function refuseCollection(uri: string): never {
  throw new Error(`collection() is not allowed (${uri})`);
}

function wrap(stylesheet: StylesheetName | 'parse', error: unknown, file: string): TransformError {
  const e = error as Partial<XError> | undefined;
  const code = typeof e?.code === 'string' ? e.code : '';
  const text = e instanceof Error || typeof e?.message === 'string' ? String(e?.message) : String(error);
  return new TransformError(stylesheet, code, text, file);
}

function run(name: StylesheetName, input: TeiInput, params: Record<string, unknown>, file?: string): string {
  const stylesheetInternal = load(name);
  const where = file ?? (isParsed(input) ? input.file : '<tei>');
  const options: TransformOptions = {
    stylesheetInternal,
    destination: 'serialized',
    stylesheetParams: params,
    deliverResultDocument: refuseResultDocument,
    collectionFinder: refuseCollection,
  };
  if (isParsed(input)) options.sourceNode = input.node;
  else options.sourceText = input;
  try {
    const result = saxon().transform(options, 'sync');
    return typeof result.principalResult === 'string' ? result.principalResult : String(result.principalResult ?? '');
  } catch (error) {
    throw wrap(name, error, where);
  }
}

export interface TextOptions {
  /** Leave out the document's own opener, closer and dateline (history.state.gov's "bare" rendering). */
  bare?: boolean;
  /** For messages. */
  file?: string;
}

/** TEI → plain text, in the raw history.state.gov layout (default) or as a reading text. */
export function renderText(tei: TeiInput, layout: TextLayout = 'raw', options: TextOptions = {}): string {
  return run('text', tei, { layout, bare: options.bare ?? false }, options.file);
}

/** TEI → the document JSON (schemas/document.schema.json), parsed, its keys in the schema's order. */
export function renderJson(tei: TeiInput, options: { file?: string } = {}): DocumentJson {
  return inKeyOrder(JSON.parse(renderJsonText(tei, options)) as DocumentJson, documentKeyOrder());
}

/** TEI → the document JSON as the stylesheet serialises it (indented; keys in SaxonJS's map order). */
export function renderJsonText(tei: TeiInput, options: { file?: string } = {}): string {
  return run('json', tei, {}, options.file);
}

/** TEI → a self-contained HTML page (xslt/tei-to-html.xsl). */
export function renderHtml(tei: TeiInput, options: { file?: string } = {}): string {
  return run('html', tei, {}, options.file);
}

/** A corpus listing → the corpus index page (xslt/tei-to-index.xsl, written by the batch stage). */
export function renderIndex(sourceXml: string, options: { file?: string } = {}): string {
  return run('index', sourceXml, {}, options.file);
}

export interface Renderings {
  text: string;
  reading: string;
  json: DocumentJson;
  /** Absent while the HTML stylesheet has not been compiled. */
  html?: string;
}

/** Every output from one parse of the TEI (the fast path). */
export function renderAll(teiXml: string, options: { file?: string; bare?: boolean } = {}): Renderings {
  const parsed = parseTei(teiXml, options.file);
  const out: Renderings = {
    text: renderText(parsed, 'raw', options),
    reading: renderText(parsed, 'reading', options),
    json: renderJson(parsed, options),
  };
  if (hasStylesheet('html')) out.html = renderHtml(parsed, options);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The JSON's shape (schemas/document.schema.json, version 1.2.0). Offsets count code points.

export interface DocumentJson {
  schemaVersion: string;
  id: string;
  n: string | null;
  title: string;
  sourceNote: string | null;
  fileNumber: string | null;
  date: string | null;
  /** Where `date` comes from; `filenumber`: derived from the decimal file number, not printed. */
  dateSource: 'dateline' | 'filenumber' | 'header' | 'range' | null;
  dateline: { place: string | null; date: string | null; when: string | null; text: string } | null;
  received: string | null;
  sender: PartyJson | null;
  addressee: PartyJson | null;
  classification: string[];
  signed: string[];
  paragraphs: ParagraphJson[];
  notes: NoteJson[];
  pages: { n: string; id?: string; paragraph: number; offset: number; note?: string }[];
  entities: EntityJson[];
}

export interface PartyJson {
  name: string;
  kind: 'person' | 'office';
  /** The register record the head's mention links to (as a mention's `ref`). */
  ref: string | null;
  corresp?: string;
}

export interface ParagraphJson {
  n: number;
  kind: string;
  text: string;
  notes: { n: string; id: string; offset: number }[];
  pages: { n: string; id?: string; offset: number }[];
  mentions: MentionJson[];
}

export interface MentionJson {
  type: 'person' | 'place' | 'org' | 'role' | 'date' | 'term' | 'name';
  element: string;
  text: string;
  start: number;
  end: number;
  ref: string | null;
  corresp?: string;
  target?: string;
  subtype?: string;
  when?: string;
  from?: string;
  to?: string;
  notBefore?: string;
  notAfter?: string;
  resp: string | null;
  cert: 'high' | 'medium' | 'low' | null;
}

export interface NoteJson {
  n: string;
  id: string;
  text: string;
  paragraphs: ParagraphJson[];
  anchor: { paragraph: number; offset: number; note?: string } | null;
}

export interface EntityJson {
  id: string;
  kind: string;
  name: string;
  variants?: string[];
  description: string | null;
  wikidata: string | null;
}
