/** Shared test helpers: where ../shared is, and reading the bundled example. */
import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { XMLParser } from 'fast-xml-parser';
import type { Block, DocumentModel, Inline } from '../src/model.js';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative, resolve, sep } from 'node:path';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const sharedDir = resolve(repoRoot, '..', 'shared');
export const corpusDir = join(sharedDir, 'corpus', 'frus-dev');
export const teiAllPath = join(sharedDir, 'schemas', 'tei_all.rng');
export const hasCorpus = existsSync(join(corpusDir, 'raw'));
export const hasTeiAll = existsSync(teiAllPath);
export const seedPath = join(repoRoot, 'examples', 'smith-1947-01-14-montgomery-visit.txt');
export const seedText = (): string => readFileSync(seedPath, 'utf8');

/**
 * What the optional parts of the suite need, and how to get each: every skipped test or suite
 * names one of these in its title ("…: SKIPPED, needs …"), and a line on stderr says it once.
 */
export const NEEDS = {
  corpus: `the FRUS dev corpus at ${corpusDir} (gold/<id>.xml and raw/<id>.txt; README.md, "Accuracy", says what it is `
    + "and how to lay out another; it comes with the project's shared folder beside the repository, as CI has it)",
  teiAll: `the TEI P5 schema tei_all.rng at ${teiAllPath} (from the TEI Consortium's P5 release; it comes with the `
    + "project's shared folder beside the repository, as CI has it)",
  chromium: 'Chromium at /usr/bin/chromium (Debian: apt-get install chromium)',
  jing: 'jing at /usr/share/java/jing.jar (Debian: apt-get install jing) and java',
  build: 'the build (dist/ and build/: run npm run build; npm test builds them first)',
} as const;

/** The title of a suite or test skipped for want of `need` (one of NEEDS), said once on stderr too. */
export function skipNote(what: string, need: string = NEEDS.corpus): string {
  const note = `${what}: SKIPPED, needs ${need}`;
  if (!announced.has(note)) {
    announced.add(note);
    console.warn(note);
  }
  return note;
}
const announced = new Set<string>();

/** A register of tei/ parsed with fast-xml-parser, keeping attributes and the listed elements as arrays. */
export function parseRegister(file: string, arrays: ReadonlySet<string>): unknown {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => arrays.has(name),
  });
  return parser.parse(readFileSync(join(repoRoot, 'tei', file), 'utf8'));
}

/** Every file below `dir` (none when it is missing), as sorted `/`-separated paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  if (existsSync(dir)) await walk(dir);
  return out.sort();
}

/** Every inline of a document model, in reading order: body blocks (paragraphs, lists, tables) and closer, then notes. */
export function inlinesOf(doc: DocumentModel, where: 'body' | 'notes' | 'all' = 'all'): Inline[] {
  const out: Inline[] = [];
  const block = (b: Block) => {
    if (b.kind === 'p') out.push(...b.inlines);
    else if (b.kind === 'list') for (const i of b.items) out.push(...i.inlines);
    else if (b.kind === 'table') for (const r of b.rows) for (const c of r) out.push(...c);
  };
  if (where !== 'notes') {
    doc.body.forEach(block);
    for (const c of doc.closer) if (c.kind !== 'dateline') out.push(...c.inlines);
  }
  if (where !== 'body') for (const n of doc.notes) for (const p of n.paragraphs) out.push(...p);
  return out;
}
