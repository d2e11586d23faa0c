/**
 * Output names derived safely from input names: only the base name is used (no directories,
 * no `..`), characters outside a portable set are replaced, so nothing is written outside the
 * output folder whatever the input is called.
 */
import { basename, extname, join, resolve, sep } from 'node:path';

export const OUTPUT_EXTENSIONS = { tei: '.tei.xml', html: '.html', text: '.txt', json: '.json' } as const;
export type OutputKind = keyof typeof OUTPUT_EXTENSIONS;

export function safeStem(inputPath: string): string {
  const base = basename(inputPath);
  const stem = base.slice(0, base.length - extname(base).length) || base;
  const cleaned = stem.normalize('NFC').replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^[.]+/, '_').slice(0, 180);
  return cleaned || 'document';
}

/** `<stem>` for a file holding one document, `<stem>-002` for the second of several. */
export function documentStem(inputPath: string, index: number, count: number): string {
  const stem = safeStem(inputPath);
  return count === 1 ? stem : `${stem}-${String(index + 1).padStart(3, '0')}`;
}

/** Join and check that the result stays inside `outDir`. */
export function outputPath(outDir: string, stem: string, kind: OutputKind): string {
  const root = resolve(outDir);
  const path = resolve(join(root, stem + OUTPUT_EXTENSIONS[kind]));
  if (!path.startsWith(root + sep)) throw new Error(`refusing to write outside ${root}: ${path}`);
  return path;
}
