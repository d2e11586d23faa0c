/**
 * Output names derived safely from input names: only the base name is used (no directories,
 * no `..`), characters outside a portable set are replaced, so nothing is written outside the
 * output folder whatever the input is called.
 */
import { createHash } from 'node:crypto';
import { basename, extname, join, resolve, sep } from 'node:path';

export const OUTPUT_EXTENSIONS = { tei: '.tei.xml', html: '.html', text: '.txt', json: '.json' } as const;
export type OutputKind = keyof typeof OUTPUT_EXTENSIONS;

/**
 * Longest name part we make, in UTF-8 bytes. File systems limit a name to 255 bytes (not
 * characters: 80 CJK characters are 240 bytes); the rest is room for what is added to it: a
 * clash suffix (`_1a2b3c4d`), `-001`, `.tei.xml`, and the temporary's `.tmp-<pid>-<8 hex>`.
 */
export const MAX_NAME_BYTES = 180;

/**
 * `name` cut to at most `maxBytes` of UTF-8, at a character boundary. A name that had to be cut
 * ends in `_` and 8 hex digits of the hash of the whole name, so that two long names with the
 * same beginning stay different.
 */
export function shortenName(name: string, maxBytes = MAX_NAME_BYTES): string {
  if (Buffer.byteLength(name, 'utf8') <= maxBytes) return name;
  const hash = createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 8);
  const room = maxBytes - hash.length - 1;
  let bytes = 0;
  let cut = 0;
  for (const ch of name) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > room) break;
    bytes += size;
    cut += ch.length;
  }
  return `${name.slice(0, cut)}_${hash}`;
}

/** A name made portable: letters, digits, `.`, `_`, `-`; no leading dot; at most MAX_NAME_BYTES. */
export function safeName(name: string): string {
  return shortenName(name.normalize('NFC').replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^[.]+/, '_'));
}

export function safeStem(inputPath: string): string {
  const base = basename(inputPath);
  const stem = base.slice(0, base.length - extname(base).length) || base;
  return safeName(stem) || 'document';
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
