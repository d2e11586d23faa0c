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

const FOOTNOTE_LINE = /^ {1,3}\d{1,4}[a-z]?\.\s/;

/**
 * The blocks that are heads: a single line followed by two blank lines, and followed by its
 * document. A line followed by two blank lines and then straight by another head (or by the
 * source note before one), or by the footnotes, is the last line of a document (a signature
 * such as "Sparks" before two blank lines), not a head.
 */
export function headBlockIndexes(blocks: readonly RawBlock[]): number[] {
  const candidate = blocks.map((b, i) => isHeadBlock(b, i === blocks.length - 1));
  return candidate.flatMap((is, i) => {
    if (!is) return [];
    const next = blocks[i + 1]!;
    if (candidate[i + 1] || FOOTNOTE_LINE.test(next.lines[0]!.text)) return [];
    if (isSourceNoteBlock(next) && next.blankAfter === 1 && candidate[i + 2]) return [];
    return [i];
  });
}

export function splitDocuments(text: string, file: string): DocumentSource[] {
  const blocks = splitBlocks(text);
  const heads = headBlockIndexes(blocks);
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
