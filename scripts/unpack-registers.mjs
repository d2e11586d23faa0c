#!/usr/bin/env node
/**
 * Writes build/registers/, the registers of tei/ in the form a start reads fast (see
 * src/annotate/register-store.ts, which uses it only while tei/ and the annotator's code are what
 * it was made from). Uses dist/: run after tsc. With --if-stale, only when tei/ or the code changed.
 *
 *   node scripts/unpack-registers.mjs [--if-stale]
 */
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { registerStoreState, writeRegisterStore } = await import(pathToFileURL(join(root, 'dist', 'annotate', 'register-store.js')).href);

if (process.argv.includes('--if-stale') && registerStoreState() === 'fresh') process.exit(0);
const start = performance.now();
const { entries, persons } = writeRegisterStore();
// the persons index unpacked whole, which earlier builds wrote: no longer read
rmSync(join(root, 'build', 'persons-index.json'), { force: true });
console.log(`build/registers: ${entries} register entries and ${persons} persons of the index, each read when first used (${Math.round(performance.now() - start)} ms)`);
