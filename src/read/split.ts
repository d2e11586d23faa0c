/**
 * Split one input file into documents. A user who copies a whole chapter pastes documents one
 * after another; each starts with its head (the block followed by two blank lines), optionally
 * preceded by its source-note line. Footnotes of a document end where the next one begins.
 */
import type { DocumentSource } from '../model.js';
import { splitBlocks, type RawBlock } from './lines.js';

/** A decimal file number line such as `741.61/1–1447: Telegram` or `501.BC Kashmir/3–2248`. */
export const SOURCE_NOTE_LINE = /^\d{3}\.[\w.-]*(?: [\w()., -]+?)?\/[^\s:]+(?:: .+)?$/u;

export function isSourceNoteBlock(block: RawBlock): boolean {
  return block.lines.length === 1 && block.lines[0]!.text.length < 160 && SOURCE_NOTE_LINE.test(block.lines[0]!.text.trim());
}

export function isHeadBlock(block: RawBlock, isLast: boolean): boolean {
  return !isLast && block.blankAfter >= 2 && block.lines.length === 1 && !/^\s/.test(block.lines[0]!.text);
}

export function splitDocuments(text: string, file: string): DocumentSource[] {
  const blocks = splitBlocks(text);
  const heads: number[] = [];
  blocks.forEach((b, i) => {
    if (isHeadBlock(b, i === blocks.length - 1)) heads.push(i);
  });
  if (heads.length <= 1) {
    return [{ file, index: 0, count: 1, text, firstLine: 1 }];
  }
  // Each document starts at its head, or at the source-note line right before it.
  const starts = heads.map((h, k) => {
    const prev = blocks[h - 1];
    const previousHead = k > 0 ? heads[k - 1]! : -1;
    return prev && h - 1 > previousHead && prev.blankAfter === 1 && isSourceNoteBlock(prev) ? h - 1 : h;
  });
  starts[0] = 0; // whatever precedes the first head belongs to the first document
  const lines = text.split('\n');
  return starts.map((startBlock, k) => {
    const firstLine = blocks[startBlock]!.lines[0]!.line;
    const nextStart = starts[k + 1];
    const endLine = nextStart === undefined ? lines.length + 1 : blocks[nextStart]!.lines[0]!.line;
    const slice = lines.slice(firstLine - 1, endLine - 1).join('\n');
    return { file, index: k, count: starts.length, text: slice.endsWith('\n') ? slice : slice + '\n', firstLine };
  });
}
