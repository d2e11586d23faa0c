/**
 * Text -> blocks: runs of non-blank lines separated by blank lines, each line with its
 * 1-based line number, and the count of blank lines after the block. The raw FRUS layout
 * uses one blank line between blocks and two after the head, so these counts carry structure.
 */
export interface Line {
  text: string;
  /** 1-based line number in the input file. */
  line: number;
}

export interface RawBlock {
  lines: Line[];
  /** Blank lines after the block (0 for the last block of the text). */
  blankAfter: number;
}

export function splitBlocks(text: string, firstLine = 1): RawBlock[] {
  const blocks: RawBlock[] = [];
  let current: Line[] = [];
  let blanks = 0;
  const lines = text.split('\n');
  // A trailing newline yields one empty last element that is not a blank line.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    if (raw.trim() === '') {
      blanks++;
      return;
    }
    if (blanks > 0 && current.length > 0) {
      blocks.push({ lines: current, blankAfter: blanks });
      current = [];
    }
    blanks = 0;
    current.push({ text: raw, line: firstLine + i });
  });
  if (current.length > 0) blocks.push({ lines: current, blankAfter: 0 });
  return blocks;
}
