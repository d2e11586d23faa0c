/**
 * SaxonJS, loaded for a fast start. `import SaxonJS from 'saxon-js'` costs ~170 ms of CPU before
 * the first transform: V8 compiles its 2.4 MB script (~75 ms) and it loads axios with its
 * dependencies (~65 ms), the HTTP client SaxonJS uses only to fetch documents from http(s) URIs.
 * Here the script is compiled with V8's code cache (build/saxon-js.codecache, written by
 * scripts/compile-xslt.mjs after running the stylesheets, so it also holds the bytecode of the
 * functions a transform calls), and axios is replaced by a client that refuses every request:
 * our transforms are confined and fetch nothing (transform/stylesheets.ts).
 *
 * Without a cache, or with one V8 rejects (another Node.js, other V8 flags) or one made from
 * another SaxonJS (a SHA-256 of the script is kept beside it), the script is compiled from
 * source: slower, same behaviour.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import type SaxonJSType from 'saxon-js';

export type SaxonJSStatic = typeof SaxonJSType;

const require = createRequire(import.meta.url);

/** The code cache and the fingerprint of the script it was made from. */
export const CODE_CACHE_PATH = fileURLToPath(new URL('../../build/saxon-js.codecache', import.meta.url));
const FINGERPRINT_PATH = `${CODE_CACHE_PATH}.json`;

/** What the cache is only valid for: this SaxonJS script, this Node.js (V8) and platform. */
interface Fingerprint {
  sha256: string;
  node: string;
  v8: string;
  arch: string;
}

/** Stands in for axios: SaxonJS asks it only for http(s) resources, which a transform may not read. */
const refusingHttpClient = {
  get(url: unknown): Promise<never> {
    return Promise.reject(new Error(`reading ${String(url)} over HTTP is not allowed`));
  },
};

interface Loaded {
  saxon: SaxonJSStatic;
  script: vm.Script;
  /** Whether the script was compiled from the code cache. */
  cached: boolean;
  fingerprint: Fingerprint;
}

let loaded: Loaded | undefined;

function fingerprintOf(source: string): Fingerprint {
  return {
    sha256: createHash('sha256').update(source).digest('hex'),
    node: process.versions.node,
    v8: process.versions.v8,
    arch: process.arch,
  };
}

function readCache(fingerprint: Fingerprint): Buffer | undefined {
  try {
    const kept = JSON.parse(readFileSync(FINGERPRINT_PATH, 'utf8')) as Partial<Fingerprint>;
    const same = (Object.keys(fingerprint) as (keyof Fingerprint)[]).every((k) => kept[k] === fingerprint[k]);
    return same ? readFileSync(CODE_CACHE_PATH) : undefined;
  } catch {
    return undefined;
  }
}

function load(): Loaded {
  if (loaded) return loaded;
  const file = require.resolve('saxon-js');
  const source = readFileSync(file, 'utf8');
  const fingerprint = fingerprintOf(source);
  const cachedData = readCache(fingerprint);
  // The same wrapper Node.js gives a CommonJS module; SaxonJS sets module.exports.
  const script = new vm.Script(Module.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const requireFromSaxon = createRequire(file);
  const module = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  const requireShim = (id: string): unknown => (id === 'axios' ? refusingHttpClient : requireFromSaxon(id));
  wrapper.call(module.exports, module.exports, requireShim, module, file, dirname(file));
  loaded = { saxon: module.exports as SaxonJSStatic, script, cached: cachedData !== undefined && !script.cachedDataRejected, fingerprint };
  return loaded;
}

/** SaxonJS, loaded once per thread. */
export function saxon(): SaxonJSStatic {
  return load().saxon;
}

/** Whether this thread's SaxonJS was compiled from the code cache (for the benchmark). */
export function saxonFromCodeCache(): boolean {
  return load().cached;
}

/**
 * Writes the code cache of SaxonJS as this thread has run it (call it after running the
 * stylesheets, so that the cache holds the bytecode of the functions they need).
 */
export function writeSaxonCodeCache(): { path: string; bytes: number } {
  const { script, fingerprint } = load();
  const data = script.createCachedData();
  const tmp = `${CODE_CACHE_PATH}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, CODE_CACHE_PATH);
  writeFileSync(FINGERPRINT_PATH, JSON.stringify(fingerprint) + '\n');
  return { path: CODE_CACHE_PATH, bytes: data.length };
}

/** Whether a code cache exists for this SaxonJS and this Node.js. */
export function hasSaxonCodeCache(): boolean {
  return existsSync(CODE_CACHE_PATH) && readCache(fingerprintOf(readFileSync(require.resolve('saxon-js'), 'utf8'))) !== undefined;
}
