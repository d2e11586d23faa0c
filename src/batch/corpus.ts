/**
 * Corpus files, written after a (whole, not sharded) batch from the documents' JSON outputs:
 *
 *   documents.jsonl   one line per document: its output paths and its document JSON, each line
 *                     validated against schemas/documents-line.schema.json
 *   registers.xml     TEI listPerson / listPlace / listOrg: every entity record used by the
 *                     documents, deduplicated by xml:id, each with a note listing the documents
 *                     that mention it (ref to the TEI, @n = how many mentions)
 *   registers.json    the same as JSON
 *   index.html        xslt/tei-to-index.xsl over a list of the documents and entities, when that
 *                     stylesheet is compiled
 *
 * They are made from the JSON files on disk, not from what the workers returned, so documents
 * reused from an earlier run or converted by other shards count exactly like fresh ones. One
 * document is read at a time: memory grows with the number of distinct entities, not with the
 * size of the corpus.
 */
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentJson, EntityJson, MentionJson, ParagraphJson } from '../transform/stylesheets.js';
import { documentKeyOrder, inKeyOrder } from '../transform/key-order.js';
import { validateDocumentsLine } from '../validate/json-schema.js';
import { writeFilesAtomically } from '../write/atomic.js';
import { temporaryPath } from '../write/guard.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';

export interface CorpusDocument {
  /** Input path below the root. */
  input: string;
  stem: string;
  files: { tei: string; html: string; text: string; json: string };
}

export interface CorpusResult {
  documents: number;
  entities: number;
  written: string[];
  warnings: string[];
  /** True when the files were already made from exactly these documents, and left as they were. */
  unchanged?: boolean;
}

export interface EntityUse {
  record: EntityJson;
  /** First document that had it (for a conflict warning). */
  firstIn: string;
  /** Output path (tei) -> number of mentions. */
  in: Map<string, { tei: string; html: string; stem: string; count: number }>;
}

const LISTS = [
  { kind: 'person', list: 'listPerson', element: 'person', name: 'persName', key: 'persons' },
  { kind: 'place', list: 'listPlace', element: 'place', name: 'placeName', key: 'places' },
  { kind: 'org', list: 'listOrg', element: 'org', name: 'orgName', key: 'orgs' },
] as const;

export const INDEX_SEF_PATH = fileURLToPath(new URL('../../build/xslt/tei-to-index.sef.json', import.meta.url));

export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every mention in the document: paragraphs, and paragraphs of notes. */
function* mentions(doc: DocumentJson): Generator<MentionJson> {
  const fromParagraphs = function* (ps: readonly ParagraphJson[] | undefined) {
    for (const p of ps ?? []) yield* p.mentions ?? [];
  };
  yield* fromParagraphs(doc.paragraphs);
  for (const note of doc.notes ?? []) yield* fromParagraphs(note.paragraphs);
}

/**
 * Writes a file line by line through a temporary, renamed into place at the end. A failed write
 * (a full disk) rejects the next write or finish; abort() then removes the temporary.
 */
class AtomicLines {
  private readonly tmp: string;
  private readonly stream;
  private finished = false;
  private failure: Error | undefined;
  constructor(private readonly path: string) {
    this.tmp = temporaryPath(path);
    this.stream = createWriteStream(this.tmp, { encoding: 'utf8' });
    // Without a listener a stream's error is thrown out of the event loop (the process dies).
    this.stream.on('error', (err) => {
      this.failure ??= err;
    });
  }
  async write(line: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.stream.write(line)) return;
    await new Promise<void>((done, fail) => {
      const onDrain = () => {
        this.stream.off('error', onError);
        done();
      };
      const onError = (err: Error) => {
        this.stream.off('drain', onDrain);
        fail(err);
      };
      this.stream.once('drain', onDrain);
      this.stream.once('error', onError);
    });
  }
  /** Ends the temporary file (flushed and closed), not yet in place. */
  async finish(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.finished) return;
    await new Promise<void>((done, fail) => {
      this.stream.once('error', fail);
      this.stream.end(() => done());
    });
    if (this.failure) throw this.failure;
    this.finished = true;
  }
  async commit(): Promise<void> {
    await this.finish();
    await rename(this.tmp, this.path);
  }
  async abort(): Promise<void> {
    this.stream.destroy();
    await rm(this.tmp, { force: true });
  }
}

/** Thrown between documents when the run is interrupted: the corpus files are left as they were. */
function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw Object.assign(new Error('interrupted'), { name: 'AbortError' });
}

export async function writeCorpus(outDir: string, docs: readonly CorpusDocument[], signal?: AbortSignal): Promise<CorpusResult> {
  const warnings: string[] = [];
  const entities = new Map<string, EntityUse>();
  const indexDocs: IndexDocument[] = [];
  const jsonl = new AtomicLines(join(outDir, 'documents.jsonl'));
  let count = 0;
  let conflicts = 0;
  try {
    for (const d of docs) {
      checkAborted(signal);
      let doc: DocumentJson;
      try {
        doc = JSON.parse(await readFile(join(outDir, d.files.json), 'utf8')) as DocumentJson;
      } catch (err) {
        warnings.push(`${d.files.json}: left out of the corpus files (${(err as Error).message})`);
        continue;
      }
      // the line as schemas/documents-line.schema.json describes it, keys in its order; a
      // document that does not fit (a JSON file from another version) is left out, with a warning
      const line = { input: d.input, stem: d.stem, tei: d.files.tei, html: d.files.html, text: d.files.text, json: d.files.json, document: inKeyOrder(doc, documentKeyOrder()) };
      const problems = validateDocumentsLine(line, 'documents.jsonl');
      if (problems.length > 0) {
        warnings.push(`${d.files.json}: left out of the corpus files (does not match schemas/documents-line.schema.json: ${problems.slice(0, 2).map((m) => m.text).join('; ')})`);
        continue;
      }
      count++;
      await jsonl.write(JSON.stringify(line) + '\n');
      indexDocs.push({
        href: d.files.html,
        date: doc.date ?? '',
        ...(doc.dateSource === 'filenumber' ? { dateFromFileNumber: true } : {}),
        title: doc.title ?? '',
        from: doc.sender?.name ?? '',
        to: doc.addressee?.name ?? '',
      });
      const counts = new Map<string, number>();
      for (const m of mentions(doc)) if (m.ref) counts.set(m.ref, (counts.get(m.ref) ?? 0) + 1);
      for (const record of doc.entities ?? []) {
        let use = entities.get(record.id);
        if (!use) {
          use = { record, firstIn: d.files.tei, in: new Map() };
          entities.set(record.id, use);
        } else {
          // A document's record lists the variants that document used: the register has them all.
          const merged = mergeRecords(use.record, record);
          if (merged) use.record = merged;
          else if (conflicts++ < 10) warnings.push(`entity ${record.id}: ${d.files.tei} names it "${record.name}" (${record.kind}), ${use.firstIn} "${use.record.name}" (${use.record.kind}); the registers keep the first`);
        }
        use.in.set(d.files.tei, { tei: d.files.tei, html: d.files.html, stem: d.stem, count: counts.get(record.id) ?? 0 });
      }
    }
    await jsonl.commit();
  } catch (err) {
    await jsonl.abort();
    throw err;
  }
  if (conflicts > 10) warnings.push(`${conflicts - 10} more entity ids name different entities in different documents`);

  const sorted = [...entities.values()].sort((a, b) => byCodePoint(a.record.id, b.record.id));
  const written = ['documents.jsonl', 'registers.xml', 'registers.json'];
  // Streamed a record at a time: over a large corpus each file is tens of MB (a ref per entity and
  // document), which as one string would double the step's peak memory. Both or neither appear.
  const xml = new AtomicLines(join(outDir, 'registers.xml'));
  const json = new AtomicLines(join(outDir, 'registers.json'));
  try {
    for (const chunk of registersXml(sorted, count)) {
      checkAborted(signal);
      await xml.write(chunk);
    }
    for (const chunk of registersJson(sorted, count)) {
      checkAborted(signal);
      await json.write(chunk);
    }
    await xml.finish();
    await json.finish();
    await xml.commit();
    await json.commit();
  } catch (err) {
    await Promise.all([xml.abort(), json.abort()]);
    throw err;
  }

  const index = await writeIndexPages(outDir, indexDocs, sorted.filter((e) => LISTS.some((l) => l.kind === e.record.kind)), INDEX_PAGE_SIZE, signal);
  if (index.written) written.push(...index.written);
  else warnings.push(index.warning);
  return { documents: count, entities: entities.size, written, warnings };
}

/** A document as the index page lists it. */
export interface IndexDocument {
  href: string;
  date: string;
  /** The date is derived from the decimal file number (the index says so). */
  dateFromFileNumber?: boolean;
  title: string;
  from: string;
  to: string;
}

/**
 * How many documents one index page lists. A larger corpus gets index.html plus index-002.html,
 * index-003.html … (the registers are on index.html), each made by a transform of its own: the
 * memory the index takes stays that of one page, whatever the size of the corpus (one page of
 * 10,000 rows took ~100 MB more in SaxonJS).
 */
export const INDEX_PAGE_SIZE = 1000;

/** index.html (and index-NNN.html) from the documents and the registers; stale pages removed. */
export async function writeIndexPages(
  outDir: string,
  docs: readonly IndexDocument[],
  entities: readonly EntityUse[],
  pageSize = INDEX_PAGE_SIZE,
  signal?: AbortSignal,
): Promise<{ written: string[] } | { written?: undefined; warning: string }> {
  const pages = Math.max(1, Math.ceil(docs.length / pageSize));
  const paged = pages > 1;
  // One page: the stylesheet puts the documents in order. Several: the order of the whole list
  // is decided here (as the stylesheet does it: dated first, by date, then by title).
  const ordered = paged ? [...docs].sort(byDateThenTitle) : docs;
  const byHref = new Map(paged ? docs.map((d) => [d.href, d]) : []);
  const names: string[] = [];
  const files: { path: string; content: string }[] = [];
  for (let page = 1; page <= pages; page++) {
    checkAborted(signal);
    const first = (page - 1) * pageSize;
    const chunk = ordered.slice(first, first + pageSize);
    const root = paged
      ? `<documents total="${docs.length}" page="${page}" pages="${pages}" first="${first + 1}" sorted="yes">`
      : '<documents>';
    // No whitespace between the elements: SaxonJS strips it one node at a time, rebuilding the
    // parent's list of children each time (quadratic in the length of the list).
    const source = `${root}${chunk.map(documentElement).join('')}${
      page === 1 ? `<entities>${entities.map((e) => entityElement(e, byHref)).join('')}</entities>` : ''}</documents>\n`;
    const html = await renderIndex(source);
    if (typeof html !== 'string') return html;
    const name = pageName(page);
    files.push({ path: join(outDir, name), content: html });
    names.push(name);
  }
  await writeFilesAtomically(files);
  // Pages left from an earlier, larger run (no input can be named index-NNN at the top: see
  // RESERVED_STEMS in inputs.ts).
  const stale = (await readdir(outDir)).filter((f) => /^index-\d{3,}\.html$/.test(f) && !names.includes(f));
  await Promise.all(stale.map((f) => rm(join(outDir, f), { force: true })));
  return { written: names };
}

function pageName(page: number): string {
  return page === 1 ? 'index.html' : `index-${String(page).padStart(3, '0')}.html`;
}

function documentElement(d: IndexDocument): string {
  return `<document href="${escapeXml(d.href)}" date="${escapeXml(d.date)}"${d.dateFromFileNumber ? ' date-source="filenumber"' : ''} title="${escapeXml(d.title)}"`
    + ` from="${escapeXml(d.from)}" to="${escapeXml(d.to)}"/>`;
}

/** An entity and the documents it occurs in (with their title and date when the index is paged). */
function entityElement(e: EntityUse, byHref: ReadonlyMap<string, IndexDocument>): string {
  const uses = indexUses(e).map((u) => {
    const d = byHref.get(u.html);
    return `<in href="${escapeXml(u.html)}" count="${u.count}"${d ? ` title="${escapeXml(d.title)}" date="${escapeXml(d.date)}"` : ''}/>`;
  });
  return `<entity kind="${escapeXml(e.record.kind)}" id="${escapeXml(e.record.id)}" name="${escapeXml(e.record.name)}"`
    + ` description="${escapeXml(e.record.description ?? '')}" documents="${e.in.size}">${uses.join('')}</entity>`;
}

/** The index's order: dated documents first, by date, then by title (case-insensitive). */
function byDateThenTitle(a: IndexDocument, b: IndexDocument): number {
  const da = a.date.trim();
  const db = b.date.trim();
  if ((da === '') !== (db === '')) return da === '' ? 1 : -1;
  return byCodePoint(da, db) || TITLE_ORDER.compare(a.title.trim().toLowerCase(), b.title.trim().toLowerCase());
}

const TITLE_ORDER = new Intl.Collator('en');

/**
 * How many documents the index page lists under one entity: those that mention it most (ties in
 * corpus order). The full lists are in registers.xml and registers.json; `<entity documents="N">`
 * says how many there are, and the page says how many more there are. Without a cap, a
 * 10,000-document corpus makes a 30 MB page whose transform needs ~500 MB more memory than the
 * rest of the batch; with 100, ~140 MB (the registers are all on index.html, so what they take
 * grows with the number of distinct entities, as registers.xml does).
 */
export const INDEX_DOCUMENTS_PER_ENTITY = 25;

function indexUses(e: EntityUse): { html: string; count: number }[] {
  const uses = [...e.in.values()];
  if (uses.length <= INDEX_DOCUMENTS_PER_ENTITY) return uses;
  const order = new Map(uses.map((u, i) => [u, i]));
  return uses
    .sort((a, b) => b.count - a.count || order.get(a)! - order.get(b)!)
    .slice(0, INDEX_DOCUMENTS_PER_ENTITY)
    .sort((a, b) => order.get(a)! - order.get(b)!);
}

/**
 * One record from two documents' records of the same entity: the variants of both, the first
 * description and Wikidata item found. Undefined when they disagree on the name or the kind
 * (two different entities under one id).
 */
export function mergeRecords(a: EntityJson, b: EntityJson): EntityJson | undefined {
  if (a.name !== b.name || a.kind !== b.kind) return undefined;
  const variants = [...(a.variants ?? [])];
  for (const v of b.variants ?? []) if (!variants.includes(v)) variants.push(v);
  const merged: EntityJson = { ...a, description: a.description ?? b.description, wikidata: a.wikidata ?? b.wikidata };
  if (variants.length > 0) merged.variants = variants;
  return merged;
}

/** registers.xml, in chunks (a record each). */
function* registersXml(entities: readonly EntityUse[], documents: number): Generator<string> {
  yield [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">',
    '  <teiHeader>',
    '    <fileDesc>',
    '      <titleStmt><title>Persons, places and organisations of the corpus</title></titleStmt>',
    `      <publicationStmt><p>Made by ${escapeXml(TOOL_NAME)} ${escapeXml(TOOL_VERSION)} from the standOff of ${documents} document${documents === 1 ? '' : 's'}.</p></publicationStmt>`,
    '      <sourceDesc><p>The entity records of the documents\' TEI, deduplicated by xml:id. Each record ends with a note of type "mentions" that points to every document using it; the @n of each ref is how many times that document mentions it.</p></sourceDesc>',
    '    </fileDesc>',
    '  </teiHeader>',
  ].join('\n') + '\n';
  // standOff must not be empty: without any record, there is none.
  if (entities.some((e) => LISTS.some((l) => l.kind === e.record.kind))) {
    yield '  <standOff>\n';
    for (const list of LISTS) {
      const records = entities.filter((e) => e.record.kind === list.kind);
      if (records.length === 0) continue;
      yield `    <${list.list}>\n`;
      for (const { record, in: uses } of records) {
        const lines = [
          `      <${list.element} xml:id="${escapeXml(record.id)}">`,
          `        <${list.name}>${escapeXml(record.name)}</${list.name}>`,
        ];
        for (const v of record.variants ?? []) if (v !== record.name) lines.push(`        <${list.name} type="variant">${escapeXml(v)}</${list.name}>`);
        // idno among the names (org and place allow it only there), then the notes.
        if (record.wikidata) lines.push(`        <idno type="wikidata">${escapeXml(record.wikidata)}</idno>`);
        // The description as a note for every kind (tei_all allows no desc after a place's names).
        if (record.description) lines.push(`        <note>${escapeXml(record.description)}</note>`);
        lines.push(`        <note type="mentions">${[...uses.values()].map((u) => `<ref target="${escapeXml(u.tei)}" n="${u.count}">${escapeXml(u.stem)}</ref>`).join(' ')}</note>`);
        lines.push(`      </${list.element}>`);
        yield lines.join('\n') + '\n';
      }
      yield `    </${list.list}>\n`;
    }
    yield '  </standOff>\n';
  }
  yield '  <text><body><p/></body></text>\n</TEI>\n';
}

/**
 * registers.json, in chunks (a record each), byte for byte what JSON.stringify(…, null, 2) makes
 * of { tool, version, documents, persons: […], places: […], orgs: […] }.
 */
function* registersJson(entities: readonly EntityUse[], documents: number): Generator<string> {
  const head = JSON.stringify({ tool: TOOL_NAME, version: TOOL_VERSION, documents }, null, 2);
  yield head.slice(0, head.lastIndexOf('\n'));
  for (const list of LISTS) {
    const records = entities.filter((e) => e.record.kind === list.kind);
    yield `,\n  ${JSON.stringify(list.key)}: ${records.length === 0 ? '[]' : '['}`;
    if (records.length === 0) continue;
    let first = true;
    for (const { record, in: uses } of records) {
      const entry = {
        ...record,
        documents: [...uses.values()].map((u) => ({ stem: u.stem, tei: u.tei, html: u.html, mentions: u.count })),
      };
      yield `${first ? '' : ','}\n    ${JSON.stringify(entry, null, 2).replace(/\n/g, '\n    ')}`;
      first = false;
    }
    yield '\n  ]';
  }
  yield '\n}\n';
}

/**
 * index.html through tei-to-index.xsl: the runner's `renderIndex` when transform/stylesheets.ts
 * has one, else SaxonJS on build/xslt/tei-to-index.sef.json; a warning when neither exists.
 */
async function renderIndex(source: string): Promise<string | { warning: string }> {
  try {
    const runner = (await import('../transform/stylesheets.js')) as Record<string, unknown>;
    if (typeof runner['renderIndex'] === 'function') return (runner['renderIndex'] as (xml: string) => string)(source);
    if (!existsSync(INDEX_SEF_PATH)) {
      return { warning: `index.html not written: ${INDEX_SEF_PATH} is missing (xslt/tei-to-index.xsl not compiled; run npm run build)` };
    }
    const { default: SaxonJS } = await import('saxon-js');
    const result = SaxonJS.transform(
      {
        stylesheetInternal: JSON.parse(readFileSync(INDEX_SEF_PATH, 'utf8')) as object,
        sourceText: source,
        destination: 'serialized',
        // As the document stylesheets: a transform never writes files of its own.
        deliverResultDocument: () => ({
          destination: 'serialized',
          save: (uri: unknown) => {
            throw new Error(`xsl:result-document is not allowed (${String(uri)})`);
          },
        }),
      },
      'sync',
    );
    return String(result.principalResult ?? '');
  } catch (err) {
    return { warning: `index.html not written: the index stylesheet failed (${(err as Error).message})` };
  }
}
