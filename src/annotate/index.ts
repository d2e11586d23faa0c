/**
 * annotate: DocumentModel -> DocumentModel with persons, places, organisations, roles and dates
 * tagged (TextRuns split into Mention inlines) and the records they point to in `entities`.
 *
 * Annotated: body paragraphs, list items, table cells, the closer's lines and signature, and every
 * footnote paragraph. Not annotated: the head (its sender and addressee are tagged by the parser),
 * the opener and datelines.
 *
 * Pure: the registers are loaded once by the caller (`readRegisters`, `loadRegisters`,
 * `loadUserPersons`) and shared by all documents of a batch.
 */
import { message, type Message } from '../messages.js';
import type { Block, DocumentModel, EntityRecord, Inline, Mention } from '../model.js';
import { plainText } from '../inlines.js';
import { docEvidence, type Candidate, type DocContext, type RecordRef, type Segment, type SegmentKind } from './context.js';
import { findDates } from './dates.js';
import { DocPersons } from './persons/doc-persons.js';
import { identifyFromFootnotes, type Anchor } from './persons/footnote-identification.js';
import { findPersons } from './persons/find.js';
import { establishHeadHolders, linkHeadPersons } from './persons/head.js';
import { findOfficePhrases, headPost } from './persons/office-phrases.js';
import { personRecord } from './persons/records.js';
import { findOrgs } from './orgs.js';
import { findPlaces } from './places.js';
import { documentSetting } from './setting.js';
import type { Registers, UserPersons } from './registers.js';
import { tokenize } from './text.js';

export interface AnnotateOptions {
  registers: Registers;
  userPersons?: UserPersons;
}

export { emptyRegisters, loadRegisters, loadUserPersons, readRegisters, type Registers, type UserPersons } from './registers.js';
export { defaultRegisters } from './register-store.js';
export { vettingEntries, vettingLines, vettingList, type VettingEntry } from './vetting.js';

/** Persons of the people database kept made between documents (~4 KB each): those a batch keeps meeting. */
const MAX_PEOPLE_HELD = 3000;

interface Collected {
  segments: Segment[];
  anchors: Anchor[];
  noteSegments: Map<number, Segment>;
}

function collectSegments(doc: DocumentModel): Collected {
  const segments: Segment[] = [];
  const anchors: Anchor[] = [];
  const noteSegments = new Map<number, Segment>();
  const add = (kind: SegmentKind, inlines: Inline[], write: (x: Inline[]) => void, note?: { noteIndex: number; paragraph: number }): Segment => {
    const text = plainText(inlines);
    const seg: Segment = { index: segments.length, kind, inlines, text, tokens: tokenize(text), write, ...note };
    segments.push(seg);
    let offset = 0;
    for (const inline of inlines) {
      if (inline.kind === 'noteRef') anchors.push({ segment: seg.index, offset, noteIndex: inline.noteIndex });
      if (inline.kind === 'text' || inline.kind === 'mention' || inline.kind === 'party') offset += inline.text.length;
    }
    return seg;
  };
  for (const block of doc.body) {
    if (block.kind === 'p') add('p', block.inlines, (x) => (block.inlines = x));
    else if (block.kind === 'list') {
      for (const item of block.items) add(block.type === 'participants' ? 'participant' : 'item', item.inlines, (x) => (item.inlines = x));
    } else if (block.kind === 'table') {
      for (const row of block.rows) row.forEach((cell, c) => add('cell', cell, (x) => (row[c] = x)));
    }
  }
  for (const item of doc.closer) {
    if (item.kind === 'signed') add('signed', item.inlines, (x) => (item.inlines = x));
    else if (item.kind === 'line') add('line', item.inlines, (x) => (item.inlines = x));
  }
  doc.notes.forEach((note, noteIndex) => {
    note.paragraphs.forEach((para, paragraph) => {
      const seg = add('note', para, (x) => (note.paragraphs[paragraph] = x), { noteIndex, paragraph });
      if (paragraph === 0) noteSegments.set(noteIndex, seg);
    });
  });
  return { segments, anchors, noteSegments };
}

/** Non-overlapping candidates of one segment: anchored and fixed tags first, then longer spans, then priority. */
function select(cands: Candidate[], length: number): Candidate[] {
  const band = (c: Candidate) => (c.priority >= 90 ? 1 : 0);
  const sorted = cands.sort((a, b) => band(b) - band(a) || b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start);
  const taken = new Uint8Array(length + 1);
  const kept: Candidate[] = [];
  for (const c of sorted) {
    if (c.end <= c.start || c.end > length) continue;
    let free = true;
    for (let k = c.start; k < c.end && free; k++) free = taken[k] === 0;
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Wraps non-overlapping spans (sorted by start) into mentions in one pass over the inlines. A span
 * must lie within one text run (never across a marker, a line break or an existing tag, as
 * `wrapSpan` requires); spans that do not are left out. Returns the new inlines and the spans used.
 */
function wrapAll(inlines: readonly Inline[], spans: readonly Candidate[]): { inlines: Inline[]; used: Candidate[] } {
  const out: Inline[] = [];
  const used: Candidate[] = [];
  let s = 0;
  let offset = 0;
  for (const node of inlines) {
    const len = node.kind === 'text' || node.kind === 'mention' || node.kind === 'party' ? node.text.length : 0;
    // spans that start before this node and were not placed cannot be placed any more
    while (s < spans.length && spans[s]!.start < offset) s++;
    if (node.kind !== 'text' || len === 0) {
      out.push(node);
      offset += len;
      continue;
    }
    let pos = 0;
    while (s < spans.length && spans[s]!.start < offset + len) {
      const c = spans[s]!;
      s++;
      if (c.end > offset + len) continue;
      const a = c.start - offset;
      const b = c.end - offset;
      const mention = mentionOf(c, node.text.slice(a, b), { line: node.at.line, column: node.at.column + a });
      if (!mention) continue;
      if (a > pos) out.push({ kind: 'text', text: node.text.slice(pos, a), at: { line: node.at.line, column: node.at.column + pos } });
      out.push(mention);
      used.push(c);
      pos = b;
    }
    if (pos === 0) out.push(node);
    else if (pos < len) out.push({ kind: 'text', text: node.text.slice(pos), at: { line: node.at.line, column: node.at.column + pos } });
    offset += len;
  }
  return { inlines: out, used };
}

function mentionOf(c: Candidate, text: string, at: Mention['at']): Mention | undefined {
  switch (c.type) {
    case 'person':
    case 'role': {
      const p = c.person!;
      const m: Mention = { kind: 'mention', type: c.type, text, at, ref: p.id, resp: c.resp, cert: c.cert };
      if (p.user) m.corresp = p.user.id;
      return m;
    }
    case 'place':
    case 'org':
      return { kind: 'mention', type: c.type, text, at, ref: c.record!.id, resp: c.resp, cert: c.cert };
    case 'date': {
      const m: Mention = { kind: 'mention', type: 'date', text, at, resp: c.resp, cert: c.cert };
      if (c.when) m.when = c.when;
      if (c.from) m.from = c.from;
      if (c.to) m.to = c.to;
      return m;
    }
    default:
      return undefined;
  }
}

function recordOf(r: RecordRef): EntityRecord {
  const e: EntityRecord = { id: r.id, kind: r.kind, name: r.name, source: r.source };
  if (r.description) e.description = r.description;
  if (r.variants && r.variants.length > 0) e.variants = [...r.variants];
  if (r.wikidata) e.wikidata = r.wikidata;
  if (r.reason) e.reason = r.reason;
  return e;
}

/**
 * A copy of the model whose containers of inline content are new (the annotator replaces those
 * arrays); the inline nodes themselves are never modified and are shared with the input.
 */
function copyModel(input: DocumentModel): DocumentModel {
  const block = (b: Block): Block => {
    switch (b.kind) {
      case 'p':
        return { ...b, inlines: [...b.inlines] };
      case 'list':
        return { ...b, items: b.items.map((i) => ({ ...i, inlines: [...i.inlines] })) };
      case 'table':
        return { ...b, rows: b.rows.map((r) => r.map((c) => [...c])) };
      default:
        return { ...b };
    }
  };
  return {
    ...input,
    body: input.body.map(block),
    closer: input.closer.map((c) => (c.kind === 'dateline' ? { ...c } : { ...c, inlines: [...c.inlines] })),
    notes: input.notes.map((n) => ({ ...n, paragraphs: n.paragraphs.map((p) => [...p]) })),
    entities: input.entities.map((e) => ({ ...e })),
    messages: [...input.messages],
  };
}

/** Where the document is set: its head and the places of its datelines. */
function settingTexts(doc: DocumentModel): string[] {
  const out = doc.head ? [plainText(doc.head.inlines)] : [];
  for (const item of [...doc.opener, ...doc.closer]) if (item.kind === 'dateline' && item.place) out.push(item.place.text);
  return out;
}

export function annotateDocument(input: DocumentModel, options: AnnotateOptions): DocumentModel {
  // between documents: what the people index made for earlier documents is bounded (least recently used dropped)
  options.registers.people?.trimCaches(MAX_PEOPLE_HELD);
  const doc = copyModel(input);
  const messages: Message[] = [];
  const { segments, anchors, noteSegments } = collectSegments(doc);
  const setting = documentSetting(doc, options.registers);
  const date = setting.date;
  const words = new Set<string>();
  for (const s of segments) for (const t of s.tokens) if (t.key.length > 2) words.add(t.key);
  for (const t of tokenize(doc.head ? plainText(doc.head.inlines) : '')) if (t.key.length > 2) words.add(t.key);
  const existingIds = new Set(doc.entities.map((e) => e.id));
  const ctx: DocContext = {
    ...setting,
    words,
    evidence: docEvidence(segments, settingTexts(doc)),
    registers: options.registers,
    user: options.userPersons,
    segments,
    persons: new DocPersons((id) => existingIds.has(id) || options.registers.entries.has(id)),
    claimed: new Map(),
  };

  const candidates: Candidate[] = [];
  // (appended one by one: a spread of a very long array would overflow the call stack)
  const add = (list: readonly Candidate[]) => {
    for (const c of list) candidates.push(c);
  };
  for (const seg of segments) add(findDates(seg.text, seg.index, { date }));
  const ids = identifyFromFootnotes(ctx, anchors, noteSegments);
  add(ids.candidates);
  // the offices the head and the text name, decided by the date, before the names: their holders
  // are then the document's own persons (a bare "Dulles" in a memorandum to the Secretary of State)
  establishHeadHolders(doc, ctx);
  add(findOfficePhrases(ctx, doc.head ? headPost(plainText(doc.head.inlines)) : undefined));
  add(findPersons(ctx, { roles: ids.roles }));
  add(findPlaces(ctx));
  add(findOrgs(ctx));

  const bySegment = new Map<number, Candidate[]>();
  for (const c of candidates) (bySegment.get(c.segment) ?? bySegment.set(c.segment, []).get(c.segment)!).push(c);
  const used: Candidate[] = [];
  for (const [index, cands] of bySegment) {
    const seg = segments[index]!;
    const spans = select(cands, seg.text.length).filter((c) => c.type !== 'block');
    const wrapped = wrapAll(seg.inlines, spans);
    for (const c of wrapped.used) used.push(c);
    seg.write(wrapped.inlines);
  }

  // Records the document uses, in order of first mention.
  used.sort((a, b) => a.segment - b.segment || a.start - b.start);
  const records = new Map<string, EntityRecord>(doc.entities.map((e) => [e.id, e]));
  for (const c of used) {
    if ((c.type === 'person' || c.type === 'role') && c.person && !records.has(c.person.id)) records.set(c.person.id, personRecord(c.person, date));
    if ((c.type === 'place' || c.type === 'org') && c.record) {
      const had = records.get(c.record.id);
      if (!had) records.set(c.record.id, recordOf(c.record));
      else if (c.record.variants) for (const v of c.record.variants) if (v !== had.name && !(had.variants ?? []).includes(v)) (had.variants ??= []).push(v);
    }
  }
  const lowPersons = used.filter((c) => c.type === 'person' && c.cert === 'low').length;
  if (lowPersons > 0) {
    messages.push(message('info', 'annotate/low-certainty', `${lowPersons} person mention(s) tagged with low certainty; list them with \`telegram-tei entities\` to vet`, doc.file, doc.head?.at));
  }
  if (!date && used.some((c) => c.type === 'date' && c.when?.startsWith('--'))) {
    messages.push(message('info', 'annotate/date-without-year', 'the document date is unknown: dates printed without a year have no year (@when="--MM-DD")', doc.file, doc.head?.at));
  }
  linkHeadPersons(doc, ctx, records);
  doc.entities = [...records.values()];
  doc.messages = [...doc.messages, ...messages];
  return doc;
}
