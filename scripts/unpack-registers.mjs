#!/usr/bin/env node
/**
 * Writes build/persons-index.json, the persons index (tei/persons-index.json.gz) unpacked, with the
 * SHA-256 of the compressed file it was made from on its first line (see UNPACKED_INDEX_PATH in
 * src/annotate/person-index.ts, which reads it only when that hash matches). Uses dist/: run after tsc.
 *
 *   node scripts/unpack-registers.mjs [--if-stale]
 */
import { existsSync, readFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { UNPACKED_INDEX_PATH, indexSha256, unpackedIndexText } = await import(pathToFileURL(join(root, 'dist', 'annotate', 'person-index.js')).href);
const source = join(root, 'tei', 'persons-index.json.gz');

if (!existsSync(source)) {
  process.exit(0); // no index: the annotator reads tei/persons.xml
}
const gz = readFileSync(source);
if (process.argv.includes('--if-stale') && existsSync(UNPACKED_INDEX_PATH)) {
  const head = readFileSync(UNPACKED_INDEX_PATH).subarray(0, 64).toString('latin1');
  if (head === indexSha256(gz)) process.exit(0);
}
mkdirSync(dirname(UNPACKED_INDEX_PATH), { recursive: true });
const tmp = `${UNPACKED_INDEX_PATH}.${process.pid}.tmp`;
writeFileSync(tmp, unpackedIndexText(gz));
renameSync(tmp, UNPACKED_INDEX_PATH);
