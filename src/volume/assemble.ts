/**
 * volume: converted documents (DocumentModel, annotated) -> one FRUS volume file, the TEI the
 * Office of the Historian publishes and validates against its schema (frus.rnc):
 *
 *   TEI/teiHeader   titles, publicationStmt (idno type="frus"), the renditions the documents use,
 *                   the methods of machine annotation (as `editor`, so that @resp resolves)
 *   TEI/text/front  div xml:id="persons" (List of Persons: `persName xml:id="p_…"`, the
 *                   identification after it, as FRUS prints it) and div xml:id="terms" (the
 *                   abbreviations the documents use that the registers know)
 *   TEI/text/body   div type="chapter" > the documents' div type="document", in the order of their
 *                   printed numbers
 *
 * Every @corresp in the body points into front: persons to their entry in the List of Persons,
 * an organisation printed as an abbreviation to its term; a place or an organisation with no
 * entry in front keeps its tag, @resp and @cert but no @corresp (FRUS has no list for them).
 * Ids are unique in the volume: a document id two documents share (the same printed number in
 * two volumes) falls back to the one derived from the input's name, a page id two documents
 * share is qualified by the document's id; each renaming is reported.
 */
import { create } from 'xmlbuilder2';
import type { DocumentModel, Inline } from '../model.js';
import { message, type Message } from '../messages.js';
import { personNameParts, type UserPersons } from '../annotate/registers.js';
import { buildDocumentDiv, mentionsOf, standOffIds, type Node } from '../tei/build.js';
import { RENDITIONS, RESP, TEI_NS, XML_NS } from '../tei/vocabulary.js';
import { documentId } from '../parse/document.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';

export const FRUS_NS = 'http://history.state.gov/frus/ns/1.0';

export interface VolumeOptions {
  /** The volume's xml:id and `idno type="frus"` (an NCName: `frus1955-57v24`). */
  id: string;
  /** The volume's complete title. */
  title: string;
  /** A FRUS persons list (the one given with --persons): its entries are printed as it prints them. */
  userPersons?: UserPersons;
}

export interface Volume {
  xml: string;
  /** The documents' ids in the volume, in order. */
  documentIds: string[];
  messages: Message[];
}

/** A person of the List of Persons. */
interface PersonEntry {
  id: string;
  /** "Surname, Forenames" as FRUS prints it. */
  display: string;
  identification?: string;
  sortKey: string;
}

interface TermEntry {
  id: string;
  term: string;
  expansion: string;
}

/** What the volume's front holds and where each record points. */
interface Front {
  persons: PersonEntry[];
  terms: TermEntry[];
  /** record id (per document: the documents' records can differ in id only) -> front id */
  pointer: (doc: DocumentModel, recordId: string) => string | undefined;
}

export function assembleVolume(documents: readonly DocumentModel[], options: VolumeOptions): Volume {
  const messages: Message[] = [];
  const ordered = orderByNumber(documents);
  const docs = uniqueDocumentIds(ordered, messages);
  const front = buildFrontIndex(docs, options);

  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(TEI_NS, 'TEI').att(XML_NS, 'xml:id', options.id);
  root.att('http://www.w3.org/2000/xmlns/', 'xmlns:frus', FRUS_NS);
  buildVolumeHeader(root.ele('teiHeader'), options, usedRenditions(docs));
  const text = root.ele('text');
  buildFront(text.ele('front'), front);
  const chapter = text.ele('body').ele('div').att({ type: 'chapter' }).att(XML_NS, 'xml:id', 'ch1');
  chapter.ele('head').txt(xmlText(options.title));
  const pageIds = new Set<string>();
  for (const doc of docs) {
    buildDocumentDiv(chapter, doc, (recordId) => {
      const id = front.pointer(doc, recordId);
      return id ? `#${id}` : undefined;
    }, { pageIds, onRename: (from, to) => messages.push(message('warning', 'volume/renamed-id', `page id ${from} is taken by an earlier document of the volume; this one is ${to}`, doc.file)) });
  }
  return { xml: root.end({ prettyPrint: false, wellFormed: true }), documentIds: docs.map((d) => d.id), messages };
}

function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;');
}

/** Numbered documents in the order of their numbers; unnumbered ones after them, as given. */
function orderByNumber(documents: readonly DocumentModel[]): DocumentModel[] {
  const key = (d: DocumentModel) => {
    const n = d.head?.number !== undefined ? Number.parseInt(d.head.number, 10) : Number.NaN;
    return Number.isFinite(n) ? n : Number.POSITIVE_INFINITY;
  };
  return documents
    .map((d, i) => ({ d, i, k: key(d) }))
    .sort((a, b) => (a.k === b.k ? a.i - b.i : a.k < b.k ? -1 : 1))
    .map((x) => x.d);
}

/**
 * A document whose id an earlier one has (the same printed number in two volumes, or two inputs
 * of the same name) takes the id derived from its input's name, numbered further if need be; its
 * footnote ids follow.
 */
function uniqueDocumentIds(documents: readonly DocumentModel[], messages: Message[]): DocumentModel[] {
  const taken = new Set<string>();
  return documents.map((doc) => {
    if (!taken.has(doc.id)) {
      taken.add(doc.id);
      return doc;
    }
    const base = documentId(undefined, doc);
    let id = base;
    for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
    taken.add(id);
    messages.push(message('warning', 'volume/renamed-id', `document id ${doc.id} is taken by an earlier document of the volume; this one is ${id}`, doc.file, doc.head?.at));
    return { ...doc, id, notes: doc.notes.map((n) => ({ ...n, id: n.id.startsWith(doc.id) ? id + n.id.slice(doc.id.length) : `${id}${n.id}` })) };
  });
}

function usedRenditions(docs: readonly DocumentModel[]): (keyof typeof RENDITIONS)[] {
  const used = new Set<keyof typeof RENDITIONS>();
  for (const d of docs) {
    if (d.opener.some((o) => o.kind === 'classification' || o.kind === 'seg')) used.add('left');
    if ([...d.opener, ...d.closer].some((o) => o.kind === 'dateline' || o.kind === 'received')) used.add('right');
    if ([...d.body, ...d.enclosures.flatMap((e) => e.blocks)].some((b) => b.kind === 'gap')) used.add('center');
  }
  return (Object.keys(RENDITIONS) as (keyof typeof RENDITIONS)[]).filter((r) => used.has(r));
}

// ---------------------------------------------------------------------------------------------
// Front: the List of Persons and the List of Abbreviations and Terms

/** An abbreviation as FRUS lists it: capitals (with dots or digits), `NATO`, `U.N.`, `GOI`. */
const ABBREVIATION = /^(?:\p{Lu}\.?){2,}[\p{Lu}\d.]*$/u;

function buildFrontIndex(docs: readonly DocumentModel[], options: VolumeOptions): Front {
  const persons = new Map<string, PersonEntry>();
  const personOf = new Map<string, string>(); // record id -> person entry id
  const usedIds = new Set<string>();
  const terms = new Map<string, TermEntry>(); // abbreviation -> term
  const termOf = new Map<string, string>(); // `${record id}\u0000${abbreviation}` -> term id

  // A person linked by the user's FRUS list keeps that list's id and identification.
  for (const doc of docs) {
    const records = new Map(doc.entities.map((e) => [e.id, e]));
    for (const [recordId, userId] of standOffIds(doc)) {
      const record = records.get(recordId);
      if (record?.kind !== 'person' || personOf.has(recordId)) continue;
      personOf.set(recordId, userId);
      if (persons.has(userId)) continue;
      const entry = options.userPersons?.entries.get(userId);
      persons.set(userId, personEntry(userId, entry?.name ?? record.name, entry?.description ?? record.description));
      usedIds.add(userId);
    }
  }
  for (const doc of docs) {
    const records = new Map(doc.entities.map((e) => [e.id, e]));
    const use = (recordId: string | undefined) => {
      const record = recordId ? records.get(recordId) : undefined;
      if (record?.kind !== 'person' || personOf.has(record.id)) return;
      const id = frusPersonId(record.name, usedIds);
      usedIds.add(id);
      personOf.set(record.id, id);
      persons.set(id, personEntry(id, record.name, record.description));
    };
    for (const m of mentionsOf(doc)) if (m.type === 'person' || m.type === 'role') use(m.ref);
    for (const party of partiesOf(doc)) use(party.ref);
    for (const m of mentionsOf(doc)) {
      if (m.type !== 'org' || !m.ref || !ABBREVIATION.test(m.text)) continue;
      const record = records.get(m.ref);
      if (!record || record.name === m.text) continue;
      let term = terms.get(m.text);
      if (!term) {
        term = { id: frusTermId(m.text, new Set([...terms.values()].map((t) => t.id))), term: m.text, expansion: record.name };
        terms.set(m.text, term);
      }
      termOf.set(`${m.ref}\u0000${m.text}`, term.id);
    }
  }
  // Terms are looked up by record and text: the pointer function gets only the record id, so a
  // record printed as one abbreviation throughout points to its term; otherwise to none.
  const termByRecord = new Map<string, string | null>();
  for (const [key, id] of termOf) {
    const recordId = key.split('\u0000')[0]!;
    termByRecord.set(recordId, termByRecord.has(recordId) && termByRecord.get(recordId) !== id ? null : id);
  }
  return {
    persons: [...persons.values()].sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0)),
    terms: [...terms.values()].sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0)),
    pointer: (doc, recordId) => {
      const personId = personOf.get(recordId);
      if (personId) return personId;
      const record = doc.entities.find((e) => e.id === recordId);
      if (record?.kind === 'org') return termByRecord.get(recordId) ?? undefined;
      return undefined;
    },
  };
}

function partiesOf(doc: DocumentModel): Extract<Inline, { kind: 'party' }>[] {
  return (doc.head?.inlines ?? []).filter((i): i is Extract<Inline, { kind: 'party' }> => i.kind === 'party');
}

function personEntry(id: string, name: string, identification: string | undefined): PersonEntry {
  const parts = personNameParts(name);
  const display = parts.forenames ? `${parts.surname}, ${parts.forenames}${parts.suffix ? `, ${parts.suffix}` : ''}` : [parts.surname, parts.suffix].filter(Boolean).join(' ');
  const sortKey = display.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return { id, display, identification: identification?.replace(/\s+/g, ' ').trim() || undefined, sortKey };
}

/** FRUS's person ids: `p_` + initials of surname and forenames + a number (`p_DJF1`, `p_MIII1`). */
function frusPersonId(name: string, taken: ReadonlySet<string>): string {
  const parts = personNameParts(name);
  const words = [parts.surname, ...parts.forenames.split(/\s+/), parts.suffix ?? ''].filter(Boolean);
  const letters = words
    .map((w) => (/^[IVX]+$/.test(w) ? w : w.normalize('NFKD').replace(/[^A-Za-z]/g, '').charAt(0).toUpperCase()))
    .join('') || 'X';
  let k = 1;
  while (taken.has(`p_${letters}${k}`)) k++;
  return `p_${letters}${k}`;
}

/** FRUS's term ids: `t_` + the abbreviation's letters and digits + a number (`t_NATO1`). */
function frusTermId(term: string, taken: ReadonlySet<string>): string {
  const letters = term.normalize('NFKD').replace(/[^A-Za-z0-9]/g, '') || 'X';
  let k = 1;
  while (taken.has(`t_${letters}${k}`)) k++;
  return `t_${letters}${k}`;
}

/** One entry of a front-matter list: the name in bold, then its identification. */
interface FrontEntry {
  id: string;
  element: 'persName' | 'term';
  name: string;
  gloss?: string;
}

/** A front-matter section (List of Persons, List of Abbreviations and Terms) as FRUS prints it. */
function buildFrontList(front: Node, id: string, head: string, listType: string, entries: FrontEntry[], emptyText: string): void {
  const section = front.ele('div').att('type', 'section').att(XML_NS, 'xml:id', id);
  section.ele('head').txt(head);
  if (entries.length === 0) {
    section.ele('p').txt(emptyText);
    return;
  }
  const list = section.ele('list').att('type', listType);
  for (const e of entries) {
    const item = list.ele('item');
    const strong = item.ele('hi').att('rend', 'strong');
    strong.ele(e.element).att(XML_NS, 'xml:id', e.id).txt(xmlText(e.name));
    if (e.gloss !== undefined) {
      strong.txt(',');
      item.txt(xmlText(` ${e.gloss}`));
    }
  }
}

function buildFront(front: Node, index: Front): void {
  const persons = index.persons.map((p): FrontEntry => ({ id: p.id, element: 'persName', name: p.display, gloss: p.identification || undefined }));
  buildFrontList(front, 'persons', 'List of Persons', 'names', persons, 'The documents name no person the registers know.');
  const terms = index.terms.map((t): FrontEntry => ({ id: t.id, element: 'term', name: t.term, gloss: t.expansion }));
  buildFrontList(front, 'terms', 'List of Abbreviations and Terms', 'terms', terms, 'The documents use no abbreviation the registers know.');
}

// ---------------------------------------------------------------------------------------------
// Header, as in a FRUS volume file (HistoryAtState/frus volumes/*.xml)

function buildVolumeHeader(header: Node, options: VolumeOptions, renditions: readonly (keyof typeof RENDITIONS)[]): void {
  const fileDesc = header.ele('fileDesc');
  const titleStmt = fileDesc.ele('titleStmt');
  titleStmt.ele('title').att('type', 'complete').txt(xmlText(options.title));
  titleStmt.ele('title').att('type', 'series').txt('Foreign Relations of the United States');
  // The methods of machine annotation, which the documents' @resp name. (FRUS's titleStmt takes
  // no respStmt; an editor with a role is its statement of responsibility.)
  for (const { id, description } of Object.values(RESP)) {
    titleStmt.ele('editor').att('role', 'annotator').att(XML_NS, 'xml:id', id).txt(xmlText(`${TOOL_NAME}: ${description}`));
  }
  const publicationStmt = fileDesc.ele('publicationStmt');
  publicationStmt.ele('publisher').txt('Department of State');
  publicationStmt.ele('pubPlace').txt('Washington');
  publicationStmt.ele('idno').att('type', 'frus').txt(xmlText(options.id));
  fileDesc.ele('sourceDesc').ele('p').txt(xmlText(`Assembled with ${TOOL_NAME} ${TOOL_VERSION} from the documents' plain text as history.state.gov prints it; names tagged by machine carry @resp and @cert for vetting.`));
  if (renditions.length > 0) {
    const tagsDecl = header.ele('encodingDesc').ele('tagsDecl');
    for (const r of renditions) tagsDecl.ele('rendition').att(XML_NS, 'xml:id', r).att('scheme', 'css').txt(xmlText(RENDITIONS[r]));
  }
}
