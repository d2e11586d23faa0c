/** Shared test helpers: where ../shared is, and reading the bundled example. */
import { existsSync, readFileSync } from 'node:fs';
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
