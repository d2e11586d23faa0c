/**
 * Corpus files, written after a (whole, not sharded) batch from the documents' JSON outputs:
 *
 *   documents.jsonl   one line per document: its output paths and its document JSON
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
import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { DocumentJson, EntityJson, MentionJson, ParagraphJson } from '../transform/stylesheets.js';
import { writeFilesAtomically } from '../write/atomic.js';
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

interface EntityUse {
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

/** Writes a file line by line through a temporary, renamed into place at the end. */
class AtomicLines {
  private readonly tmp: string;
  private readonly stream;
  constructor(private readonly path: string) {
    this.tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    this.stream = createWriteStream(this.tmp, { encoding: 'utf8' });
  }
  async write(line: string): Promise<void> {
    if (!this.stream.write(line)) await new Promise<void>((done) => this.stream.once('drain', () => done()));
  }
  async commit(): Promise<void> {
    await new Promise<void>((done, fail) => this.stream.end((err?: Error | null) => (err ? fail(err) : done())));
    await rename(this.tmp, this.path);
  }
  async abort(): Promise<void> {
    this.stream.destroy();
    await rm(this.tmp, { force: true });
  }
}

export async function writeCorpus(outDir: string, docs: readonly CorpusDocument[]): Promise<CorpusResult> {
  const warnings: string[] = [];
  const entities = new Map<string, EntityUse>();
  const indexDocs: string[] = [];
  const jsonl = new AtomicLines(join(outDir, 'documents.jsonl'));
  let count = 0;
  let conflicts = 0;
  try {
    for (const d of docs) {
      let doc: DocumentJson;
      try {
        doc = JSON.parse(await readFile(join(outDir, d.files.json), 'utf8')) as DocumentJson;
      } catch (err) {
        warnings.push(`${d.files.json}: left out of the corpus files (${(err as Error).message})`);
        continue;
      }
      count++;
      await jsonl.write(JSON.stringify({ input: d.input, stem: d.stem, tei: d.files.tei, html: d.files.html, text: d.files.text, json: d.files.json, document: doc }) + '\n');
      indexDocs.push(
        `<document href="${escapeXml(d.files.html)}" date="${escapeXml(doc.date ?? '')}" title="${escapeXml(doc.title ?? '')}"`
        + ` from="${escapeXml(doc.sender?.name ?? '')}" to="${escapeXml(doc.addressee?.name ?? '')}"/>`,
      );
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
  await writeFilesAtomically([
    { path: join(outDir, 'registers.xml'), content: registersXml(sorted, count) },
    { path: join(outDir, 'registers.json'), content: registersJson(sorted, count) },
  ]);

  const indexSource = `<documents>\n${indexDocs.map((l) => `  ${l}\n`).join('')}  <entities>\n${sorted
    .filter((e) => LISTS.some((l) => l.kind === e.record.kind))
    .map((e) => `    <entity kind="${escapeXml(e.record.kind)}" id="${escapeXml(e.record.id)}" name="${escapeXml(e.record.name)}" description="${escapeXml(e.record.description ?? '')}" documents="${e.in.size}">${
      indexUses(e).map((u) => `<in href="${escapeXml(u.html)}" count="${u.count}"/>`).join('')}</entity>\n`)
    .join('')}  </entities>\n</documents>\n`;
  const index = await renderIndex(indexSource);
  if (typeof index === 'string') {
    await writeFilesAtomically([{ path: join(outDir, 'index.html'), content: index }]);
    written.push('index.html');
  } else {
    warnings.push(index.warning);
  }
  return { documents: count, entities: entities.size, written, warnings };
}

/**
 * How many documents the index page lists under one entity: those that mention it most (ties in
 * corpus order). The full lists are in registers.xml and registers.json; `<entity documents="N">`
 * says how many there are. Without a cap, a 10,000-document corpus makes a 30 MB page whose
 * transform needs ~500 MB more memory than the rest of the batch.
 */
export const INDEX_DOCUMENTS_PER_ENTITY = 100;

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

function registersXml(entities: readonly EntityUse[], documents: number): string {
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">',
    '  <teiHeader>',
    '    <fileDesc>',
    '      <titleStmt><title>Persons, places and organisations of the corpus</title></titleStmt>',
    `      <publicationStmt><p>Made by ${escapeXml(TOOL_NAME)} ${escapeXml(TOOL_VERSION)} from the standOff of ${documents} document${documents === 1 ? '' : 's'}.</p></publicationStmt>`,
    '      <sourceDesc><p>The entity records of the documents\' TEI, deduplicated by xml:id. Each record ends with a note of type "mentions" that points to every document using it; the @n of each ref is how many times that document mentions it.</p></sourceDesc>',
    '    </fileDesc>',
    '  </teiHeader>',
    '  <standOff>',
  ];
  for (const list of LISTS) {
    const records = entities.filter((e) => e.record.kind === list.kind);
    if (records.length === 0) continue;
    lines.push(`    <${list.list}>`);
    for (const { record, in: uses } of records) {
      lines.push(`      <${list.element} xml:id="${escapeXml(record.id)}">`);
      lines.push(`        <${list.name}>${escapeXml(record.name)}</${list.name}>`);
      for (const v of record.variants ?? []) if (v !== record.name) lines.push(`        <${list.name} type="variant">${escapeXml(v)}</${list.name}>`);
      // idno among the names (org and place allow it only there), then the notes.
      if (record.wikidata) lines.push(`        <idno type="wikidata">${escapeXml(record.wikidata)}</idno>`);
      // The description as a note for every kind (tei_all allows no desc after a place's names).
      if (record.description) lines.push(`        <note>${escapeXml(record.description)}</note>`);
      lines.push(`        <note type="mentions">${[...uses.values()].map((u) => `<ref target="${escapeXml(u.tei)}" n="${u.count}">${escapeXml(u.stem)}</ref>`).join(' ')}</note>`);
      lines.push(`      </${list.element}>`);
    }
    lines.push(`    </${list.list}>`);
  }
  // standOff must not be empty: without any record, there is none.
  if (lines[lines.length - 1] === '  <standOff>') lines.pop();
  else lines.push('  </standOff>');
  lines.push('  <text><body><p/></body></text>', '</TEI>', '');
  return lines.join('\n');
}

function registersJson(entities: readonly EntityUse[], documents: number): string {
  const out: Record<string, unknown> = { tool: TOOL_NAME, version: TOOL_VERSION, documents };
  for (const list of LISTS) {
    out[list.key] = entities
      .filter((e) => e.record.kind === list.kind)
      .map(({ record, in: uses }) => ({
        ...record,
        documents: [...uses.values()].map((u) => ({ stem: u.stem, tei: u.tei, html: u.html, mentions: u.count })),
      }));
  }
  return JSON.stringify(out, null, 2) + '\n';
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
