/**
 * build: DocumentModel -> TeiDocument (TEI P5 XML string), with xmlbuilder2. FRUS conventions
 * (see docs/tei-profile.md): note at its marker, pb at its marker, head with from/to, opener,
 * closer; entity records in standOff; every machine-made tag with @resp and @cert.
 * Serialised by indent.ts: element-only content indented, mixed content untouched.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { Block, CloserItem, DatelineItem, DocumentModel, EntityRecord, Footnote, Inline, Mention, OpenerItem, RecordRole } from '../model.js';
import { plainText } from '../inlines.js';
import type { Message } from '../messages.js';
import { formatMessage } from '../messages.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { MENTION_ELEMENT, RENDITIONS, RESP, TEI_NS, XML_NS } from './vocabulary.js';
import { serializeTei } from './indent.js';

export interface TeiDocument {
  /** xml:id of the document div. */
  id: string;
  /** The TEI document, serialised. */
  xml: string;
}

export interface BuildOptions {
  /** The input file name as the header should record it. */
  sourceName: string;
  /** Messages about this document, recorded in the header. */
  messages?: readonly Message[];
}

export type Node = XMLBuilder;

/**
 * xmlbuilder2 leaves `&amp;`, `&#38;` and any `&name;` in text as entity references (it avoids
 * "double encoding"), which would turn the input's literal `&amp;` into `&` — or an unknown
 * `&x;` into an error. Escaping every `&` first makes it write what the input said.
 */
function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;');
}

/**
 * What a name's @corresp says for an entity record: `#<id>` of the record, or of its persons-list
 * entry. In a document the record is in standOff; in a volume it is an entry of the front matter.
 */
export type RecordPointer = (recordId: string) => string | undefined;

export function buildTei(doc: DocumentModel, options: BuildOptions): TeiDocument {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(TEI_NS, 'TEI').att(XML_NS, 'xml:lang', 'en');
  const ids = standOffIds(doc);
  buildHeader(root.ele('teiHeader'), doc, options);
  if (doc.entities.length > 0) buildStandOff(root.ele('standOff'), doc.entities, ids);
  buildDocumentDiv(root.ele('text').ele('body'), doc, (id) => `#${ids.get(id) ?? id}`);
  return { id: doc.id, xml: serializeTei(root) };
}

/**
 * xml:ids of the standOff records: the record's own id, or the persons-list id (`p_KC1`) when
 * the user's list linked every mention of the record to one entry, so that the names' @corresp
 * (the FRUS convention, `#p_…`) resolves inside the document as well.
 */
export function standOffIds(doc: DocumentModel): Map<string, string> {
  const linked = new Map<string, Set<string | undefined>>();
  for (const m of mentionsOf(doc)) {
    if (!m.ref || m.type === 'role') continue;
    if (!linked.has(m.ref)) linked.set(m.ref, new Set());
    linked.get(m.ref)!.add(m.corresp);
  }
  const ids = new Map<string, string>();
  const taken = new Set(doc.entities.map((e) => e.id));
  for (const [ref, corresp] of linked) {
    const only = corresp.size === 1 ? [...corresp][0] : undefined;
    if (only && !taken.has(only)) {
      ids.set(ref, only);
      taken.add(only);
    }
  }
  return ids;
}

/** Every mention of a document, head, body, closer, enclosures and notes. */
export function mentionsOf(doc: DocumentModel): Mention[] {
  const out: Mention[] = [];
  const visit = (inlines: readonly Inline[]) => {
    for (const i of inlines) if (i.kind === 'mention') out.push(i);
  };
  const block = (b: Block) => {
    if (b.kind === 'p') visit(b.inlines);
    else if (b.kind === 'list') {
      if (b.head) visit(b.head);
      b.items.forEach((it) => visit(it.inlines));
    } else if (b.kind === 'table') b.rows.forEach((r) => r.forEach(visit));
  };
  if (doc.head) visit(doc.head.inlines);
  doc.body.forEach(block);
  for (const c of doc.closer) if (c.kind !== 'dateline') visit(c.inlines);
  doc.enclosures.forEach((e) => e.blocks.forEach(block));
  doc.notes.forEach((n) => n.paragraphs.forEach(visit));
  return out;
}

export interface DivOptions {
  /** Page ids taken by the documents before this one (a volume): a page id taken is qualified by the document's id. */
  pageIds?: Set<string>;
  onRename?: (from: string, to: string) => void;
}

/** The document's `div type="document"`, appended to `parent` (a TEI body, or a volume's chapter). */
export function buildDocumentDiv(parent: Node, doc: DocumentModel, pointer: RecordPointer, options: DivOptions = {}): void {
  const ctx = new BuildContext(doc, pointer, options);
  const div = parent.ele('div').att({ type: 'document', subtype: 'historical-document' }).att(XML_NS, 'xml:id', doc.id);
  if (doc.head?.number) div.att('n', doc.head.number);
  if (doc.sourceNote && !doc.sourceNote.fromFootnote) {
    div.ele('note').att({ rend: 'inline', type: 'source' }).txt(xmlText(doc.sourceNote.text));
  }
  if (doc.head) ctx.inlines(div.ele('head'), doc.head.inlines);
  if (doc.opener.length > 0) buildOpener(div.ele('opener'), doc.opener);
  doc.body.forEach((block, i) => ctx.block(div, block, i === doc.body.length - 1 ? ctx.unanchoredNotes() : []));
  if (doc.body.length === 0 && ctx.unanchoredNotes().length > 0) {
    const p = div.ele('p');
    ctx.unanchoredNotes().forEach((n) => ctx.note(p, n));
  }
  if (doc.closer.length > 0) buildCloser(div.ele('closer'), doc.closer, ctx);
  for (const enclosure of doc.enclosures) {
    const ps = div.ele('postscript');
    enclosure.blocks.forEach((block) => ctx.block(ps, block, []));
  }
}

function buildHeader(header: Node, doc: DocumentModel, options: BuildOptions): void {
  const fileDesc = header.ele('fileDesc');
  const titleStmt = fileDesc.ele('titleStmt');
  titleStmt.ele('title').txt(xmlText(doc.head ? plainText(doc.head.inlines) : `Untitled document ${doc.index + 1} of ${options.sourceName}`));
  for (const { id, description } of Object.values(RESP)) {
    const rs = titleStmt.ele('respStmt').att(XML_NS, 'xml:id', id);
    rs.ele('resp').txt(xmlText(description));
    rs.ele('name').att('ref', '#telegram-tei').txt(xmlText(TOOL_NAME));
  }
  fileDesc.ele('publicationStmt').ele('p').txt(xmlText(`Converted with ${TOOL_NAME} ${TOOL_VERSION}; machine-made annotations carry @resp and @cert for vetting.`));
  const messages = options.messages ?? [];
  if (messages.length > 0) {
    const notesStmt = fileDesc.ele('notesStmt');
    for (const m of messages) notesStmt.ele('note').att({ type: m.severity, subtype: m.rule }).txt(xmlText(formatMessage(m)));
  }
  const bibl = fileDesc.ele('sourceDesc').ele('bibl');
  bibl.ele('idno').att('type', 'input-file').txt(xmlText(options.sourceName));
  if (doc.count > 1) bibl.ele('idno').att('type', 'input-document').txt(xmlText(`${doc.index + 1} of ${doc.count}`));
  if (doc.fileNumber) bibl.ele('idno').att('type', 'frus-file-number').txt(xmlText(doc.fileNumber));
  if (doc.sourceNote) bibl.ele('note').att('type', 'source').txt(xmlText(doc.sourceNote.text));

  const encodingDesc = header.ele('encodingDesc');
  encodingDesc.ele('appInfo').ele('application').att({ ident: TOOL_NAME, version: TOOL_VERSION }).att(XML_NS, 'xml:id', 'telegram-tei').ele('label').txt(xmlText(TOOL_NAME));
  const tagsDecl = encodingDesc.ele('tagsDecl');
  for (const [id, css] of Object.entries(RENDITIONS)) tagsDecl.ele('rendition').att(XML_NS, 'xml:id', id).att('scheme', 'css').txt(xmlText(css));

  const from = doc.head?.inlines.find((i) => i.kind === 'party' && i.role === 'from');
  const to = doc.head?.inlines.find((i) => i.kind === 'party' && i.role === 'to');
  const dateline = [...doc.opener, ...doc.closer].find((o): o is DatelineItem => o.kind === 'dateline');
  const sentFrom = from?.kind === 'party' ? from : undefined;
  const sentTo = to?.kind === 'party' ? to : undefined;
  const hasSent = sentFrom !== undefined || dateline?.place !== undefined || doc.date !== undefined;
  if (hasSent || sentTo) {
    const corresp = header.ele('profileDesc').ele('correspDesc');
    if (hasSent) {
      const sent = corresp.ele('correspAction').att('type', 'sent');
      if (sentFrom) sent.ele(sentFrom.element === 'persName' ? 'persName' : 'orgName').txt(xmlText(sentFrom.text));
      if (dateline?.place) sent.ele('placeName').txt(xmlText(dateline.place.text));
      if (doc.date) sent.ele('date').att({ when: doc.date.when, resp: `#${RESP[doc.date.source].id}`, cert: doc.date.source === 'dateline' ? 'high' : 'medium' });
    }
    if (sentTo) corresp.ele('correspAction').att('type', 'received').ele(sentTo.element === 'persName' ? 'persName' : 'orgName').txt(xmlText(sentTo.text));
  }
}

function buildStandOff(standOff: Node, entities: readonly EntityRecord[], ids: ReadonlyMap<string, string>): void {
  const of = (kind: EntityRecord['kind']) => entities.filter((e) => e.kind === kind);
  const lists: [EntityRecord['kind'], string, string, string][] = [
    ['person', 'listPerson', 'person', 'persName'],
    ['place', 'listPlace', 'place', 'placeName'],
    ['org', 'listOrg', 'org', 'orgName'],
  ];
  for (const [kind, listName, recordName, nameName] of lists) {
    const records = of(kind);
    if (records.length === 0) continue;
    const list = standOff.ele(listName);
    for (const r of records) {
      const rec = list.ele(recordName).att(XML_NS, 'xml:id', ids.get(r.id) ?? r.id);
      if (r.source !== 'register') rec.att('source', `#resp.${r.source}`);
      rec.ele(nameName).txt(xmlText(r.name));
      for (const v of r.variants ?? []) if (v !== r.name) rec.ele(nameName).att('type', 'variant').txt(xmlText(v));
      // TEI's content models differ: in org, idno (a name-like element) must precede note.
      if (kind === 'org' && r.wikidata) rec.ele('idno').att('type', 'wikidata').txt(xmlText(r.wikidata));
      if (r.description) rec.ele(kind === 'place' ? 'desc' : 'note').txt(xmlText(r.description));
      for (const role of r.roles ?? []) personRole(rec, role);
      if (kind !== 'org' && r.wikidata) rec.ele('idno').att('type', 'wikidata').txt(xmlText(r.wikidata));
      if (r.hsg) rec.ele('idno').att('type', 'hsg-people').txt(xmlText(r.hsg));
      if (r.pocom) rec.ele('idno').att('type', 'pocom').txt(xmlText(r.pocom));
      if (r.reason) rec.ele('note').att('type', 'reason').txt(xmlText(r.reason));
    }
  }
}

/** A dated role: a POCOM post (@from/@to), or a FRUS identification dated by its volume (@notBefore/@notAfter). */
function personRole(rec: Node, role: RecordRole): void {
  const el = rec.ele('occupation');
  const years = (v: string) => (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(v) ? v : undefined);
  const from = role.from ? years(role.from) : undefined;
  const to = role.to ? years(role.to) : undefined;
  if (from) el.att(role.approximate ? 'notBefore' : 'from', from);
  if (to) el.att(role.approximate ? 'notAfter' : 'to', to);
  if (role.source) el.att('source', role.source);
  el.txt(xmlText(role.text));
}

function buildOpener(opener: Node, items: readonly OpenerItem[]): void {
  for (const item of items) {
    switch (item.kind) {
      case 'classification':
      case 'seg':
        opener.ele('seg').att('rendition', '#left').txt(xmlText(item.text));
        break;
      case 'dateline':
        buildDateline(opener, item);
        break;
      case 'received':
        opener.ele('dateline').att('rendition', '#right').txt(xmlText(item.text));
        break;
      case 'salute':
        opener.ele('salute').txt(xmlText(item.text));
        break;
    }
  }
}

function buildDateline(parent: Node, d: DatelineItem): void {
  const el = parent.ele('dateline').att('rendition', '#right');
  const spans = [
    d.place ? { ...d.place, make: (n: Node) => n.ele('placeName').att({ resp: `#${RESP.dateline.id}`, cert: 'high' }) } : undefined,
    d.date ? { ...d.date, make: (n: Node) => n.ele('date').att({ when: d.date!.when, resp: `#${RESP.dateline.id}`, cert: 'high' }) } : undefined,
  ].filter((s) => s !== undefined).sort((a, b) => a.start - b.start);
  let pos = 0;
  for (const s of spans) {
    if (s.start > pos) el.txt(xmlText(d.text.slice(pos, s.start)));
    s.make(el).txt(xmlText(d.text.slice(s.start, s.end)));
    pos = s.end;
  }
  if (pos < d.text.length) el.txt(xmlText(d.text.slice(pos)));
  if (d.received) {
    el.ele('lb');
    el.txt(xmlText(d.received.text));
  }
}

function buildCloser(closer: Node, items: readonly CloserItem[], ctx: BuildContext): void {
  items.forEach((item, i) => {
    if (i > 0 && items[i - 1]!.kind !== 'dateline' && item.kind !== 'dateline') closer.ele('lb');
    if (item.kind === 'dateline') buildDateline(closer, item);
    else if (item.kind === 'signed') ctx.inlines(closer.ele('signed'), item.inlines);
    else ctx.inlines(closer, item.inlines);
  });
}

/** Per-document state: the notes (placed at their markers) and page-break ids. */
class BuildContext {
  private readonly pageIds = new Set<string>();
  constructor(
    private readonly doc: DocumentModel,
    private readonly pointer: RecordPointer,
    private readonly options: DivOptions = {},
  ) {}

  unanchoredNotes(): Footnote[] {
    return this.doc.notes.filter((n) => !n.anchored);
  }

  block(parent: Node, block: Block, trailingNotes: readonly Footnote[]): void {
    switch (block.kind) {
      case 'p': {
        const p = parent.ele('p');
        this.inlines(p, block.inlines);
        trailingNotes.forEach((n) => this.note(p, n));
        return;
      }
      case 'pb':
        this.pageBreak(parent, block.n);
        break;
      case 'gap':
        parent.ele('p').att('rendition', '#center').txt(xmlText(block.text));
        break;
      case 'list': {
        const list = parent.ele('list');
        if (block.type) list.att('type', block.type);
        if (block.head) this.inlines(list.ele('head'), block.head);
        for (const item of block.items) this.inlines(list.ele('item'), item.inlines);
        break;
      }
      case 'table': {
        const table = parent.ele('table');
        for (const row of block.rows) {
          const r = table.ele('row');
          for (const cell of row) this.inlines(r.ele('cell'), cell);
        }
        break;
      }
    }
    if (trailingNotes.length > 0) {
      const p = parent.ele('p');
      trailingNotes.forEach((n) => this.note(p, n));
    }
  }

  pageBreak(parent: Node, n: string): void {
    const shared = this.options.pageIds;
    // FRUS's page id; in a volume, one an earlier document took (the same page of another volume) is qualified.
    const base = shared?.has(`pg_${n}`) && !this.pageIds.has(`pg_${n}`) ? `${this.doc.id}_pg_${n}` : `pg_${n}`;
    let id = base;
    for (let k = 2; this.pageIds.has(id) || (shared?.has(id) && !this.pageIds.has(id)); k++) id = `${base}-${k}`;
    if (shared && id !== `pg_${n}` && !this.pageIds.has(`pg_${n}`)) this.options.onRename?.(`pg_${n}`, id);
    this.pageIds.add(id);
    shared?.add(id);
    parent.ele('pb').att('n', n).att(XML_NS, 'xml:id', id);
  }

  note(parent: Node, note: Footnote): void {
    const el = parent.ele('note').att('n', note.n).att(XML_NS, 'xml:id', note.id);
    if (note.type) el.att('type', note.type);
    else if (!note.anchored) el.att('type', 'unanchored');
    if (note.paragraphs.length === 1) this.inlines(el, note.paragraphs[0]!);
    else for (const para of note.paragraphs) this.inlines(el.ele('p'), para);
  }

  inlines(parent: Node, inlines: readonly Inline[]): void {
    for (const inline of inlines) {
      switch (inline.kind) {
        case 'text':
          parent.txt(xmlText(inline.text));
          break;
        case 'lineBreak':
          parent.ele('lb');
          break;
        case 'pageBreak':
          this.pageBreak(parent, inline.n);
          break;
        case 'noteRef':
          this.note(parent, this.doc.notes[inline.noteIndex]!);
          break;
        case 'party': {
          const el = parent.ele(inline.element).att('type', inline.role);
          const corresp = inline.ref ? this.pointer(inline.ref) : undefined;
          if (corresp) el.att('corresp', corresp);
          el.att({ resp: `#${RESP.head.id}`, cert: 'high' }).txt(xmlText(inline.text));
          break;
        }
        case 'mention': {
          // FRUS links a name with @corresp (no @ref on names); a role standing for a person is a
          // gloss, as FRUS writes an office in the head.
          const el = parent.ele(MENTION_ELEMENT[inline.type]);
          if (inline.type === 'role') el.att('type', 'role');
          const corresp = inline.ref ? this.pointer(inline.ref) : inline.corresp ? `#${inline.corresp}` : undefined;
          if (corresp) el.att('corresp', corresp);
          if (inline.when) el.att('when', inline.when);
          if (inline.from) el.att('from', inline.from);
          if (inline.to) el.att('to', inline.to);
          el.att({ resp: `#${RESP[inline.resp].id}`, cert: inline.cert }).txt(xmlText(inline.text));
          break;
        }
      }
    }
  }
}
