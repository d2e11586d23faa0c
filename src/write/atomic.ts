/**
 * write: files appear whole or not at all. Each output goes to a temporary file beside its
 * target and is renamed into place (rename is atomic on one file system); a document's outputs
 * are all written to temporaries first, so a failure leaves none of them half-done.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface OutputFile {
  path: string;
  content: string;
}

export async function writeFilesAtomically(files: readonly OutputFile[]): Promise<void> {
  const staged: { tmp: string; path: string }[] = [];
  try {
    for (const f of files) {
      await mkdir(dirname(f.path), { recursive: true });
      const tmp = `${f.path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
      staged.push({ tmp, path: f.path });
      await writeFile(tmp, f.content, 'utf8');
    }
    for (const s of staged) await rename(s.tmp, s.path);
  } catch (err) {
    await Promise.all(staged.map((s) => rm(s.tmp, { force: true })));
    throw err;
  }
}
