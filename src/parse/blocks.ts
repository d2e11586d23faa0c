/**
 * Body blocks: a raw block of the running text -> Paragraph, ListBlock, TableBlock,
 * PageBreakBlock or GapBlock. Inline content comes from a callback so markers found across the
 * whole document can be cut in.
 */
import type { Block, Inline, ListBlock, Position } from '../model.js';
import type { Line, RawBlock } from '../read/lines.js';

export type LineToInlines = (line: Line, column?: number, text?: string) => Inline[];

const PAGE_LINE = /^\s*\[Page ([0-9]+[a-z]?|[ivxlcdmIVXLCDM]+)\]\s*$/;
const GAP_LINE = /^\s*(?:\.\s*){3,}$/;
/** Headings of the FRUS subject and participants lists. */
const LIST_HEAD = /^(SUBJECT|SUBJECTS|PARTICIPANTS|Participants|Subject|PRESENT|Present|ATTENDEES|DISTRIBUTION)$/;

const at = (l: Line, column = 1): Position => ({ line: l.line, column });

export function pageBreakOf(block: RawBlock): string | undefined {
  if (block.lines.length !== 1) return undefined;
  return PAGE_LINE.exec(block.lines[0]!.text)?.[1];
}

function lineInlines(lines: readonly Line[], toInlines: LineToInlines): Inline[] {
  return lines.flatMap((l, i) => (i === 0 ? toInlines(l) : [{ kind: 'lineBreak', at: at(l) } as Inline, ...toInlines(l)]));
}

/** A short item line of a subject or participants list (no sentence ending in a period). */
function isListItem(block: RawBlock): boolean {
  if (block.lines.length !== 1) return false;
  const t = block.lines[0]!.text.trim();
  return t.length > 0 && t.length <= 140 && !PAGE_LINE.test(t) && !/[.:]$/.test(t.replace(/\d+$/, '')) && !LIST_HEAD.test(t);
}

export function buildBlocks(raw: readonly RawBlock[], toInlines: LineToInlines): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < raw.length; i++) {
    const block = raw[i]!;
    const first = block.lines[0]!;
    const pb = pageBreakOf(block);
    if (pb !== undefined) {
      out.push({ kind: 'pb', n: pb, at: at(first, first.text.indexOf('[') + 1) });
      continue;
    }
    if (block.lines.length === 1 && GAP_LINE.test(first.text)) {
      out.push({ kind: 'gap', text: first.text.trim(), at: at(first) });
      continue;
    }
    if (block.lines.some((l) => l.text.includes('\t'))) {
      out.push({
        kind: 'table',
        rows: block.lines.map((l) => splitCells(l, toInlines)),
        at: at(first),
      });
      continue;
    }
    if (block.lines.length === 1 && LIST_HEAD.test(first.text.trim()) && raw[i + 1] && isListItem(raw[i + 1]!)) {
      const list: ListBlock = {
        kind: 'list',
        type: /^subject/i.test(first.text.trim()) ? 'subject' : 'participants',
        head: toInlines(first),
        items: [],
        at: at(first),
      };
      while (raw[i + 1] && isListItem(raw[i + 1]!)) {
        i++;
        const l = raw[i]!.lines[0]!;
        list.items.push({ inlines: toInlines(l), at: at(l) });
      }
      out.push(list);
      continue;
    }
    out.push({ kind: 'p', inlines: lineInlines(block.lines, toInlines), at: at(first) });
  }
  return out;
}

function splitCells(line: Line, toInlines: LineToInlines): Inline[][] {
  const cells: Inline[][] = [];
  let column = 1;
  for (const cell of line.text.split('\t')) {
    cells.push(cell === '' ? [] : toInlines(line, column, cell));
    column += cell.length + 1;
  }
  return cells;
}
