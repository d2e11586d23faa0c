/**
 * A worker thread's entry module: `<name>.js` beside the calling module. When the caller runs as
 * TypeScript (under tsx or vitest, whose loaders do not reach worker threads), a small bootstrap
 * module registers tsx in the worker and then loads `<name>.ts`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** The URL (href) of the worker module `name` beside the module at `base` (its import.meta.url). */
export function moduleBeside(base: string, name: string): string {
  if (!base.endsWith('.ts')) return new URL(`./${name}.js`, base).href;
  // The ESM build of tsx's API (its CommonJS build cannot register from a data: module).
  const api = createRequire(base).resolve('tsx/esm/api');
  const tsx = pathToFileURL(existsSync(api.replace(/\.cjs$/, '.mjs')) ? api.replace(/\.cjs$/, '.mjs') : api).href;
  const worker = new URL(`./${name}.ts`, base).href;
  const source = `import { register } from ${JSON.stringify(tsx)};\nregister();\n`
    + `const { default: entry } = await import(${JSON.stringify(worker)});\nexport default entry;\n`;
  return `data:text/javascript,${encodeURIComponent(source)}`;
}
