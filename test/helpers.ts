/** Shared test helpers: where ../shared is, and reading the bundled example. */
import { existsSync, readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const sharedDir = resolve(repoRoot, '..', 'shared');
export const corpusDir = join(sharedDir, 'corpus', 'frus-dev');
export const teiAllPath = join(sharedDir, 'schemas', 'tei_all.rng');
export const hasCorpus = existsSync(join(corpusDir, 'raw'));
export const hasTeiAll = existsSync(teiAllPath);
export const seedPath = join(repoRoot, 'examples', 'smith-1947-01-14-montgomery-visit.txt');
export const seedText = (): string => readFileSync(seedPath, 'utf8');

export function skipNote(what: string): string {
  return `skipped: ${what} needs ../shared (the dev corpus and tei_all.rng beside the repository), which is absent`;
}

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
