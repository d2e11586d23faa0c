/**
 * Extraction of the evaluation fields (see `../shared/reference/evaluation.md`) from a TEI document.
 *
 * The XML is parsed with saxes (strict, namespace-aware) into a small element tree. Elements in the TEI
 * namespace, or in no namespace, are known by their local name; elements in any other namespace (e.g.
 * `frus:attachment`) are named `{uri}local` and act as plain containers. All fields are taken from the
 * first `div[@type='document']` in document order, so both our full `TEI` documents (`text/body/div`)
 * and the gold's bare `div` work.
 *
 * Conventions used by every field:
 * - "text" is whitespace-normalised: every run of whitespace (JS `\s`, which includes U+00A0) becomes
 *   one space, leading and trailing space is dropped. Block-level elements (`p`, `head`, `item`, `label`,
 *   `cell`, `dateline`, `signed`, `seg`, `lb`, …) separate their text from their neighbours by a space,
 *   so `<item>a</item><item>b</item>` reads "a b" whatever the indentation.
 * - "letters" are Unicode letters, digits and combining marks (`\p{L}\p{N}\p{M}`), case kept. Anchor and
 *   page-break contexts are the last {@link CONTEXT_LETTERS} letters of the preceding text.
 * - "preceding text" is all text of the document div before the point in document order, except the
 *   content of notes that do not contain the point (so a footnote's anchor is the running text before
 *   its marker; a note nested in a note is anchored in the enclosing note's text).
 * - Body text is all text of the div outside `note` elements, head included. Persons are the `persName`
 *   elements of that text outside the document's `head` and without `@type` from/to, as `[start, end)`
 *   offsets into the normalised body text (outermost `persName` only).
 * - With `bare: true` (documents the corpus manifest marks `"variant": "bare"`, whose raw text has no
 *   document-level opener, closer or dateline), the document-level `opener`, `closer` and `dateline`
 *   are ignored entirely: no place, date or signed field, and their text, notes, page breaks and
 *   persons are not counted.
 */
import { SaxesParser } from 'saxes';

export const TEI_NS = 'http://www.tei-c.org/ns/1.0';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Number of letters of preceding text that fix a footnote's or page break's position. */
export const CONTEXT_LETTERS = 12;

export interface XmlElement {
  readonly kind: 'element';
  /** Local name for TEI or no-namespace elements, otherwise `{uri}local`. */
  readonly name: string;
  /** Unprefixed attributes by local name, `xml:` attributes as `xml:local`, others as `{uri}local`. */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlNode[];
}

export interface XmlText {
  readonly kind: 'text';
  readonly text: string;
}

export type XmlNode = XmlElement | XmlText;

export interface Footnote {
  /** `@n` of the note ("" when absent). */
  readonly n: string;
  /** Normalised text of the note, without the notes nested in it. */
  readonly text: string;
  /** Last {@link CONTEXT_LETTERS} letters of the text preceding the note. */
  readonly anchor: string;
}

export interface PageBreak {
  readonly n: string;
  /** Last {@link CONTEXT_LETTERS} letters of the text preceding the page break. */
  readonly before: string;
  /** Number of letters of text preceding the page break (informative). */
  readonly offset: number;
}

export interface PersonSpan {
  /** Offsets into {@link TeiFields.body}: `body.slice(start, end) === text`. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly corresp?: string;
  /** The people-database id the mention is linked to (through the standOff record's `idno type="hsg-people"`). */
  readonly hsg?: string;
  /** The mention's @cert, for precision per certainty. */
  readonly cert?: string;
}

export interface TeiFields {
  /** Text of the first `note[@type='source']`. */
  readonly source?: string;
  /** Text of the document's `head` without its notes. */
  readonly head?: string;
  /** `persName`/`gloss` with `@type='from'` in the head (several joined by "; "). */
  readonly from?: string;
  readonly to?: string;
  /** First `placeName` in the document-level `dateline`s. */
  readonly place?: string;
  /** First `date/@when` in the document-level `dateline`s. */
  readonly date?: string;
  /** Text of the document-level `closer//signed` (several joined by "; "). */
  readonly signed?: string;
  /** All text of the div outside notes, normalised. */
  readonly body: string;
  /** Notes that carry `@n`, in document order. */
  readonly footnotes: readonly Footnote[];
  readonly pageBreaks: readonly PageBreak[];
  readonly persons: readonly PersonSpan[];
}

export interface ExtractOptions {
  /** Ignore the document-level opener, closer and dateline (manifest variant "bare"). */
  readonly bare?: boolean;
}

export type ParseResult = { ok: true; root: XmlElement } | { ok: false; error: string };
export type ExtractResult = { ok: true; fields: TeiFields } | { ok: false; error: string };

// ---------------------------------------------------------------------------------------------------
// Parsing

function elementName(uri: string, local: string): string {
  return uri === TEI_NS || uri === '' ? local : `{${uri}}${local}`;
}

function attributeKey(uri: string, local: string): string {
  if (uri === '') return local;
  if (uri === XML_NS) return `xml:${local}`;
  return `{${uri}}${local}`;
}

/** Parses well-formed, namespace-well-formed XML into an element tree (comments and PIs dropped). */
export function parseXml(xml: string): ParseResult {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns' || (a.prefix === '' && a.local === 'xmlns')) continue;
      attrs[attributeKey(a.uri, a.local)] = a.value;
    }
    const el: XmlElement = { kind: 'element', name: elementName(tag.uri, tag.local), attrs, children: [] };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const addText = (text: string): void => {
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push({ kind: 'text', text });
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  try {
    parser.write(xml).close();
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  return root ? { ok: true, root } : { ok: false, error: 'no root element' };
}

// ---------------------------------------------------------------------------------------------------
// Tree helpers

function isElement(node: XmlNode): node is XmlElement {
  return node.kind === 'element';
}

/** First element in document order (pre-order, the start element included) that satisfies `test`. */
export function findFirst(el: XmlElement, test: (e: XmlElement) => boolean): XmlElement | undefined {
  if (test(el)) return el;
  for (const child of el.children) {
    if (!isElement(child)) continue;
    const found = findFirst(child, test);
    if (found) return found;
  }
  return undefined;
}

/**
 * All descendants satisfying `test`, in document order, not descending into elements for which `stop`
 * holds (those are neither returned nor searched).
 */
function findAll(
  el: XmlElement,
  test: (e: XmlElement) => boolean,
  stop: (e: XmlElement) => boolean = () => false,
): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (e: XmlElement): void => {
    for (const child of e.children) {
      if (!isElement(child) || stop(child)) continue;
      if (test(child)) out.push(child);
      visit(child);
    }
  };
  visit(el);
  return out;
}

const isNote = (e: XmlElement): boolean => e.name === 'note';

/** `div` elements and FRUS attachments open a new (nested) document part. */
const isContainer = (e: XmlElement): boolean =>
  e.name === 'div' || e.name === '{http://history.state.gov/frus/ns/1.0}attachment';

const isFrame = (e: XmlElement): boolean =>
  e.name === 'opener' || e.name === 'closer' || e.name === 'dateline';

export function findDocumentDiv(root: XmlElement): XmlElement | undefined {
  return findFirst(root, (e) => e.name === 'div' && e.attrs['type'] === 'document');
}

const BLOCK_ELEMENTS = new Set([
  'div', 'head', 'p', 'ab', 'list', 'item', 'label', 'table', 'row', 'cell', 'opener', 'closer',
  'dateline', 'salute', 'signed', 'seg', 'postscript', 'byline', 'trailer', 'argument', 'epigraph',
  'lg', 'l', 'lb', 'cb', 'listBibl', 'bibl', 'docDate', 'note',
  '{http://history.state.gov/frus/ns/1.0}attachment',
]);

const WS = /\s/;
const LETTER = /[\p{L}\p{N}\p{M}]/u;

export function isLetter(ch: string): boolean {
  return LETTER.test(ch);
}

/** Whitespace-normalised form of a string. */
export function normalizeSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Normalised text of an element, skipping the subtrees for which `skip` holds. */
export function textOf(el: XmlElement, skip: (e: XmlElement) => boolean = () => false): string {
  const parts: string[] = [];
  const visit = (e: XmlElement): void => {
    for (const child of e.children) {
      if (!isElement(child)) parts.push(child.text);
      else if (!skip(child)) {
        const block = BLOCK_ELEMENTS.has(child.name);
        if (block) parts.push(' ');
        visit(child);
        if (block) parts.push(' ');
      }
    }
  };
  visit(el);
  return normalizeSpace(parts.join(''));
}

function joined(els: readonly XmlElement[], skip?: (e: XmlElement) => boolean): string | undefined {
  if (els.length === 0) return undefined;
  return els.map((e) => textOf(e, skip)).join('; ');
}

// ---------------------------------------------------------------------------------------------------
// Simple fields

/** Document-level elements: not inside notes, nested divs or attachments. */
function documentLevel(div: XmlElement, test: (e: XmlElement) => boolean): XmlElement[] {
  return findAll(div, test, (e) => isNote(e) || isContainer(e));
}

function headFields(head: XmlElement | undefined): Pick<TeiFields, 'head' | 'from' | 'to'> {
  if (!head) return {};
  const typed = (type: string): XmlElement[] =>
    findAll(head, (e) => (e.name === 'persName' || e.name === 'gloss') && e.attrs['type'] === type, isNote);
  return { head: textOf(head, isNote), from: joined(typed('from'), isNote), to: joined(typed('to'), isNote) };
}

function frameFields(div: XmlElement): Pick<TeiFields, 'place' | 'date' | 'signed'> {
  const datelines = documentLevel(div, (e) => e.name === 'dateline');
  const first = (test: (e: XmlElement) => boolean): XmlElement | undefined => {
    for (const d of datelines) {
      const found = findAll(d, test, isNote)[0];
      if (found) return found;
    }
    return undefined;
  };
  const place = first((e) => e.name === 'placeName');
  const date = first((e) => e.name === 'date' && e.attrs['when'] !== undefined);
  const closers = documentLevel(div, (e) => e.name === 'closer');
  const signed = closers.flatMap((c) => findAll(c, (e) => e.name === 'signed', isNote));
  return {
    place: place ? textOf(place, isNote) : undefined,
    date: date?.attrs['when'],
    signed: joined(signed, isNote),
  };
}

// ---------------------------------------------------------------------------------------------------
// Running text: body, footnotes, page breaks, persons

interface OpenPerson {
  start: number | undefined;
  readonly corresp: string | undefined;
  readonly hsg: string | undefined;
  readonly cert: string | undefined;
}

/** Mutable accumulator of one walk over the document div. */
class TextWalk {
  private readonly body: string[] = [];
  private length = 0;
  private pendingSpace = false;
  private trail = '';
  /** Outermost running-text persName being walked (at most one: nested ones are not counted). */
  private readonly open: OpenPerson[] = [];
  readonly footnotes: Footnote[] = [];
  readonly pageBreaks: PageBreak[] = [];
  readonly spans: Omit<PersonSpan, 'text'>[] = [];

  constructor(
    private readonly head: XmlElement | undefined,
    private readonly skipFrame: (e: XmlElement) => boolean,
    /** Record id -> people-database id, from the document's standOff. */
    private readonly hsgOf: ReadonlyMap<string, string> = new Map(),
  ) {}

  bodyText(): string {
    return this.body.join('');
  }

  walk(el: XmlElement, inNote: boolean, inHead: boolean): void {
    for (const child of el.children) {
      if (isElement(child)) this.element(child, inNote, inHead);
      else this.text(child.text, inNote);
    }
  }

  private element(el: XmlElement, inNote: boolean, inHead: boolean): void {
    if (this.skipFrame(el)) return;
    if (el.name === 'note') return this.note(el);
    if (el.name === 'pb') return this.pageBreak(el);
    const block = BLOCK_ELEMENTS.has(el.name);
    if (block && !inNote) this.separate();
    const person = !inNote && !inHead && this.isRunningPerson(el) ? this.openPerson(el) : undefined;
    this.walk(el, inNote, inHead || el === this.head);
    if (person) this.closePerson(person);
    if (block && !inNote) this.separate();
  }

  private isRunningPerson(el: XmlElement): boolean {
    const type = el.attrs['type'];
    return el.name === 'persName' && type !== 'from' && type !== 'to' && this.open.length === 0;
  }

  private openPerson(el: XmlElement): OpenPerson {
    const target = (el.attrs['ref'] ?? el.attrs['corresp'] ?? '').split(/\s+/).find((t) => this.hsgOf.has(t.replace(/^#/, '')));
    const person: OpenPerson = { start: undefined, corresp: el.attrs['corresp'], hsg: target ? this.hsgOf.get(target.replace(/^#/, '')) : undefined, cert: el.attrs['cert'] };
    this.open.push(person);
    return person;
  }

  private closePerson(person: OpenPerson): void {
    this.open.splice(this.open.indexOf(person), 1);
    if (person.start === undefined) return;
    const span: Omit<PersonSpan, 'text'> = {
      start: person.start,
      end: this.length,
      ...(person.corresp === undefined ? {} : { corresp: person.corresp }),
      ...(person.hsg === undefined ? {} : { hsg: person.hsg }),
      ...(person.cert === undefined ? {} : { cert: person.cert }),
    };
    this.spans.push(span);
  }

  private note(el: XmlElement): void {
    const n = el.attrs['n'];
    if (n !== undefined) {
      this.footnotes.push({ n, text: textOf(el, isNote), anchor: this.context() });
    }
    const saved = this.trail.length;
    this.walk(el, true, false);
    this.trail = this.trail.slice(0, saved);
  }

  private pageBreak(el: XmlElement): void {
    this.pageBreaks.push({ n: el.attrs['n'] ?? '', before: this.context(), offset: this.trail.length });
  }

  private context(): string {
    return Array.from(this.trail.slice(-2 * CONTEXT_LETTERS)).slice(-CONTEXT_LETTERS).join('');
  }

  private separate(): void {
    if (this.length > 0) this.pendingSpace = true;
  }

  private text(s: string, inNote: boolean): void {
    for (const ch of s) {
      if (LETTER.test(ch)) this.trail += ch;
      if (inNote) continue;
      if (WS.test(ch)) {
        this.separate();
        continue;
      }
      if (this.pendingSpace) {
        this.body.push(' ');
        this.length++;
        this.pendingSpace = false;
      }
      for (const p of this.open) if (p.start === undefined) p.start = this.length;
      this.body.push(ch);
      this.length += ch.length;
    }
  }
}

function runningText(
  div: XmlElement,
  head: XmlElement | undefined,
  bare: boolean,
  hsgOf?: ReadonlyMap<string, string>,
): Pick<TeiFields, 'body' | 'footnotes' | 'pageBreaks' | 'persons'> {
  const frame = new Set(bare ? documentLevel(div, isFrame) : []);
  const walk = new TextWalk(head, (e) => frame.has(e), hsgOf);
  walk.walk(div, false, false);
  const body = walk.bodyText();
  const persons = walk.spans.map((p) => ({ ...p, text: body.slice(p.start, p.end) }));
  return { body, footnotes: walk.footnotes, pageBreaks: walk.pageBreaks, persons };
}

// ---------------------------------------------------------------------------------------------------
// Entry points

/** Extracts the fields from an already located `div[@type='document']`. */
export function fieldsOfDocumentDiv(div: XmlElement, options: ExtractOptions = {}, hsgOf?: ReadonlyMap<string, string>): TeiFields {
  const bare = options.bare === true;
  const head = div.children.find((c): c is XmlElement => isElement(c) && c.name === 'head');
  const sourceNote = findFirst(div, (e) => isNote(e) && e.attrs['type'] === 'source');
  return {
    source: sourceNote ? textOf(sourceNote, isNote) : undefined,
    ...headFields(head),
    ...(bare ? {} : frameFields(div)),
    ...runningText(div, head, bare, hsgOf),
  };
}

/** Parses a TEI document (full `TEI` or a bare `div`) and extracts the fields of its first document div. */
export function extractFields(xml: string, options: ExtractOptions = {}): ExtractResult {
  const parsed = parseXml(xml);
  if (!parsed.ok) return { ok: false, error: `not well-formed: ${parsed.error}` };
  const div = findDocumentDiv(parsed.root);
  if (!div) return { ok: false, error: "no div[@type='document']" };
  return { ok: true, fields: stripUndefined(fieldsOfDocumentDiv(div, options, peopleIds(parsed.root))) };
}

/** Person record id -> its `idno type="hsg-people"`, over the document's standOff. */
function peopleIds(root: XmlElement): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (el: XmlElement): void => {
    if (el.name === 'person') {
      const id = el.attrs['xml:id'];
      const idno = el.children.find((c): c is XmlElement => isElement(c) && c.name === 'idno' && c.attrs['type'] === 'hsg-people');
      if (id && idno) out.set(id, textOf(idno, () => false).trim());
      return;
    }
    if (el.name === 'text') return;
    for (const c of el.children) if (isElement(c)) visit(c);
  };
  visit(root);
  return out;
}

function stripUndefined(fields: TeiFields): TeiFields {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as unknown as TeiFields;
}
