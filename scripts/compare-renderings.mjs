#!/usr/bin/env node
/**
 * Before/after check for a stylesheet rewrite: every rendering (html, json, text raw/reading,
 * each also bare) of every TEI document, by two sets of compiled stylesheets, compared byte for
 * byte (the JSON after sorting its keys: its key order is applied after the transform, by
 * src/transform/key-order.ts). Nothing is stored: run it on the SEFs of main and of your branch.
 *
 *   cp -r build/xslt /tmp/sef-before        # before changing xslt/
 *   npm run build                           # after
 *   node scripts/compare-renderings.mjs /tmp/sef-before build/xslt [--tei DIR]...
 *
 * The TEI: the dev corpus (../shared/corpus/frus-dev/raw) converted by dist/ with the registers,
 * test/fixtures/*.tei.xml, and every *.tei.xml in each --tei folder. Exits 1 naming the first
 * differences.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({ allowPositionals: true, options: { tei: { type: 'string', multiple: true, default: [] } } });
const [before, after] = positionals;
if (!before || !after) {
  console.error('usage: node scripts/compare-renderings.mjs <before-sef-dir> <after-sef-dir> [--tei DIR]...');
  process.exit(2);
}
const { saxon } = await import(pathToFileURL(join(root, 'dist/transform/saxon.js')).href);
const S = saxon();

const documents = [];
const raw = join(root, '../shared/corpus/frus-dev/raw');
if (existsSync(raw)) {
  const { convertBytes } = await import(pathToFileURL(join(root, 'dist/index.js')).href);
  const { defaultRegisters } = await import(pathToFileURL(join(root, 'dist/annotate/index.js')).href);
  const annotate = { registers: defaultRegisters() };
  for (const f of readdirSync(raw).filter((x) => x.endsWith('.txt')).sort()) {
    for (const d of convertBytes(readFileSync(join(raw, f)), { file: f, annotate }).documents) if (d.tei) documents.push({ name: d.stem, xml: d.tei.xml });
  }
} else console.log(`(no dev corpus at ${raw})`);
for (const dir of [join(root, 'test/fixtures'), ...values.tei]) {
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.tei.xml')).sort()) documents.push({ name: join(dir, f), xml: readFileSync(join(dir, f), 'utf8') });
}

const RENDERINGS = [['html', {}], ['json', {}], ['text', { layout: 'raw' }], ['text', { layout: 'reading' }],
  ['text', { layout: 'raw', bare: true }], ['text', { layout: 'reading', bare: true }]];
const sortKeys = (v) => (Array.isArray(v) ? v.map(sortKeys)
  : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])])) : v);
const sefs = new Map();
const sef = (dir, name) => {
  const key = `${dir}/${name}`;
  if (!sefs.has(key)) sefs.set(key, JSON.parse(readFileSync(join(dir, `tei-to-${name}.sef.json`), 'utf8')));
  return sefs.get(key);
};
function render(dir, name, params, node) {
  try {
    const out = String(S.transform({ stylesheetInternal: sef(dir, name), sourceNode: node, destination: 'serialized', stylesheetParams: params }, 'sync').principalResult);
    return name === 'json' ? JSON.stringify(sortKeys(JSON.parse(out))) : out;
  } catch (err) {
    return `ERROR ${err.message}`;
  }
}

let same = 0;
const different = [];
for (const d of documents) {
  const node = S.getPlatform().parseXmlFromString(d.xml);
  for (const [name, params] of RENDERINGS) {
    if (render(before, name, params, node) === render(after, name, params, node)) same++;
    else different.push(`${d.name}: ${name} ${JSON.stringify(params)}`);
  }
}
console.log(`${documents.length} TEI documents × ${RENDERINGS.length} renderings: ${same} identical, ${different.length} different`);
for (const line of different.slice(0, 20)) console.log(`  ${line}`);
process.exitCode = different.length > 0 ? 1 : 0;
