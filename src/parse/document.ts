/**
 * parse: one document's raw text (history.state.gov plain-text layout) -> DocumentModel.
 *
 *   [source note]            741.61/1–1447: Telegram
 *   (blank)
 *   head                     The Ambassador in the Soviet Union (Smith) to the Secretary of State
 *   (two blank lines)
 *   opener blocks            secret / Paris, August 3, 1948—7 p. m. / [Received …]
 *   body blocks              one paragraph per line, blank line between; [Page N]; lists; tables
 *   closer blocks            signature, "For the Ambassador:"
 *   footnotes                  1. text   (further paragraphs indented four spaces)
 */
import { message, type Message } from '../messages.js';
import type {
  Block, CloserItem, DatelineItem, DocumentModel, DocumentSource, Footnote, Head, OpenerItem, Position,
} from '../model.js';
import { plainText, wrapSpan } from '../inlines.js';
import { splitBlocks, type Line, type RawBlock } from '../read/lines.js';
import { headBlockIndexes, isSourceNoteBlock, SOURCE_NOTE_LINE } from '../read/split.js';
import { buildBlocks, type LineToInlines } from './blocks.js';
import { dateFromFileNumber, parseDateline, utcOffset } from './dates.js';
import { findFootnoteSection, parseFootnotes, type RawFootnote } from './footnotes.js';
import { parseHeadParties } from './head.js';
import { findNoteMarkers, markerCandidates, toInlines, type LocatedText } from './inline.js';

const CLASSIFICATION =
  /^(?:(?:top secret|secret|confidential|restricted|official use only|limited official use|unclassified|personal|private|priority|niact|us urgent|urgent|most urgent|immediate|most immediate|eyes only|for the secretary|strictly confidential|no distribution|noforn|operational immediate|triple priority|plain|gray|flash|and|personal and confidential|for the president|official-personal|exdis|nodis|limdis)[\s;,]*)+$/;
const DOC_NUMBER_LINE = /^(?:No\.|Number) \d+[\w-]*$/;
const RECEIVED = /^\[Received[^\]]*\]\.?$/;
// A name word: `Caffery`, `C.`, `O’Brien`, and bracketed expansions as FRUS prints them: `F[ranklin]`, `R[oosevelt]`.
const NAME_WORD = String.raw`\p{Lu}(?:\[[\p{L}.]+\]|[\p{L}’'-])*\.?`;
// …or initials run together, as a drafter or a President signs: `P.J.H.`, `F.D.R.`.
const SIGNATURE = new RegExp(String.raw`^(?:(?:\p{Lu}\.){2,4}|${NAME_WORD}(?:,?\s+(?:${NAME_WORD}|of|de|da|del|van|von|la|le|Jr\.|Sr\.))*)$`, 'u');
const SALUTE = /^(?:Sir|Madam|Gentlemen|Excellency|Your Excellency|Mr\. (?:President|Secretary|Minister|Ambassador)|(?:My )?[Dd]ear [^:]{1,40}):$/;
/** Title lines printed under a signature. */
const CLOSER_TITLE = /^(?:(?:Acting |American |British )?(?:Secretary of State|Under Secretary of State|Ambassador|Minister|Chargé d[’']Affaires(?: ad interim)?|Counselor of Embassy|(?:First|Second|Third) Secretary of Embassy|Consul General|Consul|Military Attaché|Naval Attaché|Commercial Attaché|President of the United States|Representative)(?:,? [\p{L} ]{0,40})?)$/u;
const CLOSER_LINE = /^(?:For the (?:Ambassador|Secretary of State|Minister|Chargé|Acting Secretary|Secretary)[^:]*:|\[Signature\]|\[Signed\]|Sincerely yours,|Respectfully yours,|Very truly yours,|Faithfully yours,)$/;
const FILE_NUMBER = /\b\d{3}[A-Z]?\.[\w]+(?: [\w()]+)?\/(?:\d{1,2}[–-]\d{3,4}|[\w]+)/;

function pos(l: Line, column = 1): Position {
  return { line: l.line, column };
}

function isSignature(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 48 && SIGNATURE.test(t) && !CLASSIFICATION.test(t);
}

function singleLine(block: RawBlock | undefined): string | undefined {
  return block && block.lines.length === 1 ? block.lines[0]!.text.trim() : undefined;
}

function datelineItem(line: Line): DatelineItem | undefined {
  const parsed = parseDateline(line.text);
  if (!parsed) return undefined;
  let when = parsed.when;
  if (parsed.clock && parsed.place) {
    const offset = utcOffset(parsed.place, parsed.when);
    if (offset) when += offset;
  }
  const lead = line.text.length - line.text.trimStart().length;
  const text = line.text.trim();
  return {
    kind: 'dateline',
    text,
    place: parsed.place !== undefined ? { start: parsed.placeStart! - lead, end: parsed.placeEnd! - lead, text: parsed.place } : undefined,
    date: { start: parsed.dateStart - lead, end: parsed.dateEnd - lead, text: parsed.dateText, when },
    at: pos(line, lead + 1),
  };
}

/** Leading opener blocks: classification, despatch number, dateline, received line. */
function takeOpener(blocks: RawBlock[]): { opener: OpenerItem[]; rest: RawBlock[] } {
  const opener: OpenerItem[] = [];
  let i = 0;
  for (; i < blocks.length; i++) {
    const text = singleLine(blocks[i]);
    if (text === undefined) break;
    const line = blocks[i]!.lines[0]!;
    const dateline = datelineItem(line);
    if (CLASSIFICATION.test(text)) opener.push({ kind: 'classification', text, at: pos(line) });
    else if (DOC_NUMBER_LINE.test(text)) opener.push({ kind: 'seg', text, at: pos(line) });
    else if (SALUTE.test(text)) opener.push({ kind: 'salute', text, at: pos(line) });
    else if (dateline) opener.push(dateline);
    else if (RECEIVED.test(text)) {
      const last = opener[opener.length - 1];
      if (last?.kind === 'dateline' && !last.received) last.received = { text, at: pos(line) };
      else opener.push({ kind: 'received', text, at: pos(line) });
    } else break;
  }
  return { opener, rest: blocks.slice(i) };
}

const ENCLOSURE_LINE = /^\[?(?:Enclosure|Attachment|Annex|Appendix|Tab [A-Z0-9]+)(?: (?:\d+|[A-Z]))?\]?$/;

/**
 * A letter signed and followed by `[Enclosure]`: the signature closes the letter, and what
 * follows is an enclosure. Without a signature right before it, the label is ordinary text.
 */
function splitEnclosures(blocks: RawBlock[]): { letter: RawBlock[]; enclosureRaw: RawBlock[][] } {
  const at = blocks.findIndex((b, i) => {
    const text = singleLine(b);
    const prev = blocks[i - 1];
    return i > 0 && text !== undefined && ENCLOSURE_LINE.test(text) && prev !== undefined && isSignature(prev.lines[prev.lines.length - 1]!.text);
  });
  if (at < 0) return { letter: blocks, enclosureRaw: [] };
  return { letter: blocks.slice(0, at), enclosureRaw: [blocks.slice(at)] };
}

interface CloserSplit {
  body: RawBlock[];
  closerLines: Line[];
}

/** Trailing closer lines: signatures, "For the Ambassador:", a closing dateline. */
function takeCloser(blocks: RawBlock[]): CloserSplit {
  const body = blocks.slice();
  const closerLines: Line[] = [];
  while (body.length > 0) {
    const last = body[body.length - 1]!;
    const lastLine = last.lines[last.lines.length - 1]!;
    const text = lastLine.text.trim();
    const closes = isSignature(text) || CLOSER_LINE.test(text) || CLOSER_TITLE.test(text) || (closerLines.length === 0 && parseDateline(text) !== undefined);
    if (!closes || body.length === 1 && last.lines.length === 1) break;
    closerLines.unshift(lastLine);
    if (last.lines.length === 1) body.pop();
    else body[body.length - 1] = { ...last, lines: last.lines.slice(0, -1) };
  }
  return { body, closerLines };
}

function closerItems(lines: Line[], toInl: LineToInlines): CloserItem[] {
  return lines.map((l): CloserItem => {
    const dateline = datelineItem(l);
    if (dateline) return dateline;
    const text = l.text.trim();
    return isSignature(text) && !CLOSER_LINE.test(text) ? { kind: 'signed', inlines: toInl(l), at: pos(l) } : { kind: 'line', inlines: toInl(l), at: pos(l) };
  });
}

function noteIds(notes: RawFootnote[], docId: string): string[] {
  const seen = new Map<string, number>();
  return notes.map((n) => {
    const k = (seen.get(n.n) ?? 0) + 1;
    seen.set(n.n, k);
    return k === 1 ? `${docId}fn${n.n}` : `${docId}fn${n.n}-${k}`;
  });
}

export function parseDocument(src: DocumentSource): DocumentModel {
  const messages: Message[] = [];
  const warn = (rule: string, text: string, at?: Position) => messages.push(message('warning', rule, text, src.file, at));
  const blocks = splitBlocks(src.text, src.firstLine);
  let headIndex = headBlockIndexes(blocks)[0] ?? -1;
  if (headIndex < 0 && blocks.length > 1 && isSourceNoteBlock(blocks[0]!) && blocks[1]!.lines.length === 1) headIndex = 1;
  const fnStart = Math.max(findFootnoteSection(blocks), headIndex + 1);

  // Before the head: the source-note line; anything else is kept as body text.
  let sourceLine: Line | undefined;
  let numberLine: Line | undefined;
  const preamble: RawBlock[] = [];
  if (headIndex >= 0) {
    const pre = blocks.slice(0, headIndex);
    const last = pre[pre.length - 1];
    if (last && last.lines.length === 1) {
      sourceLine = last.lines[0];
      pre.pop();
    }
    // `No. 260` on its own line before the title is the document number, not a source note.
    if (sourceLine && /^No\. \d+$/.test(sourceLine.text.trim())) {
      numberLine = sourceLine;
      sourceLine = undefined;
      const before = pre[pre.length - 1];
      if (before && before.lines.length === 1) {
        sourceLine = before.lines[0];
        pre.pop();
      }
    }
    preamble.push(...pre);
    if (preamble.length > 0) warn('parse/text-before-head', 'text before the source note and head was kept as the first paragraphs', pos(preamble[0]!.lines[0]!));
  } else {
    warn('parse/no-head', 'no head found (the head is the line followed by two blank lines); the text is kept as paragraphs', pos(blocks[0]?.lines[0] ?? { text: '', line: src.firstLine }));
  }
  const headLine = headIndex >= 0 ? blocks[headIndex]!.lines[0]! : undefined;
  const content = [...preamble, ...blocks.slice(headIndex + 1, fnStart)];
  const rawNotes = parseFootnotes(blocks.slice(fnStart));

  const { opener, rest } = takeOpener(content);
  const { letter, enclosureRaw } = splitEnclosures(rest);
  const { body: bodyRaw, closerLines } = takeCloser(letter);

  // Pass 1: collect every text segment in document order, for marker detection.
  const segments: LocatedText[] = [];
  const collect: LineToInlines = (l, column = 1, text = l.text) => {
    segments.push({ text, at: pos(l, column) });
    return [];
  };
  if (headLine) collect(headLine);
  buildBlocks(bodyRaw, collect);
  closerLines.forEach((l) => collect(l));
  enclosureRaw.forEach((e) => buildBlocks(e, collect));
  const candidates = markerCandidates(segments);
  const found = findNoteMarkers(rawNotes.map((n) => n.n), candidates);

  const markersAt = new Map<string, Map<number, { n: string; noteIndex: number }>>();
  found.forEach((c, noteIndex) => {
    if (!c) return;
    const seg = segments[c.segment]!;
    const key = `${seg.at.line}:${seg.at.column}`;
    if (!markersAt.has(key)) markersAt.set(key, new Map());
    markersAt.get(key)!.set(c.offset, { n: c.n, noteIndex });
  });
  // Pass 2: inlines with markers cut in.
  const toInl: LineToInlines = (l, column = 1, text = l.text) => {
    const at = pos(l, column);
    return toInlines({ text, at }, markersAt.get(`${at.line}:${at.column}`) ?? new Map());
  };

  const headParties = headLine ? parseHeadParties(plainText(toInl(headLine))) : {};
  const number = headParties.number ?? (numberLine ? numberLine.text.trim().slice(4) : undefined);
  const docId = documentId(number, src);
  let head: Head | undefined;
  if (headLine) {
    let inlines = toInl(headLine);
    for (const role of ['to', 'from'] as const) {
      const party = headParties[role];
      if (!party) continue;
      inlines = wrapSpan(inlines, party.start, party.start + party.text.length, (text, at) => ({ kind: 'party', role, element: party.element, text, at })) ?? inlines;
    }
    if (numberLine) inlines = [{ kind: 'text', text: numberLine.text.trim(), at: pos(numberLine) }, { kind: 'lineBreak', at: pos(headLine) }, ...inlines];
    head = { inlines, number, at: pos(headLine) };
  }

  const ids = noteIds(rawNotes, docId);
  const notes: Footnote[] = rawNotes.map((raw, i) => ({
    n: raw.n,
    id: ids[i]!,
    paragraphs: raw.paragraphs.map((p) => toInlines({ text: p.text, at: { line: p.line, column: p.column } }, new Map())),
    anchored: found[i] !== undefined,
    at: { line: raw.paragraphs[0]!.line, column: 1 },
  }));
  notes.forEach((note, i) => {
    if (!note.anchored) warn('parse/unanchored-footnote', `footnote ${note.n} has no marker in the text; it is kept, unanchored, at the end of the document`, note.at);
    const first = plainText(note.paragraphs[0] ?? []);
    // "Source: …" (1950s volumes: footnote 1), "[Source: …]" (1958–60 volumes: footnote 0)
    if (/^\[?Source: /.test(first) && found[i] && headLine && segments[found[i]!.segment]!.at.line === headLine.line) note.type = 'source';
  });
  reportDuplicateNumbers(notes, warn);

  const body: Block[] = buildBlocks(bodyRaw, toInl);
  const closer = closerItems(closerLines, toInl);
  const enclosures = enclosureRaw.map((e) => ({ blocks: buildBlocks(e, toInl), at: pos(e[0]!.lines[0]!) }));

  const sourceNoteFromHead = notes.find((n) => n.type === 'source');
  const sourceNote = sourceLine
    ? { text: sourceLine.text.trim(), at: pos(sourceLine), fromFootnote: false }
    : sourceNoteFromHead
      ? { text: plainText(sourceNoteFromHead.paragraphs[0]!), at: sourceNoteFromHead.at, fromFootnote: true }
      : undefined;
  // A "Source: …" note without a decimal file number has none (not the word "Source").
  const fileNumber = sourceNote
    ? FILE_NUMBER.exec(sourceNote.text)?.[0] ?? (!sourceNote.fromFootnote && SOURCE_NOTE_LINE.test(sourceNote.text) ? sourceNote.text.split(':')[0]!.trim() : undefined)
    : undefined;

  const dateline = [...opener, ...closer].find((o): o is DatelineItem => o.kind === 'dateline' && o.date !== undefined);
  const fromFile = fileNumber ? dateFromFileNumber(fileNumber) : undefined;
  const date = dateline?.date
    ? { when: dateline.date.when, source: 'dateline' as const }
    : fromFile
      ? { when: fromFile, source: 'filenumber' as const }
      : undefined;
  if (!date) warn('parse/no-date', 'no dateline or dated file number: the document date is unknown', head?.at);
  if (notes.length === 0) checkStrayMarkers(segments, warn);

  return {
    file: src.file,
    index: src.index,
    count: src.count,
    id: docId,
    sourceNote,
    fileNumber,
    head,
    opener,
    body,
    closer,
    enclosures,
    notes,
    date,
    entities: [],
    messages,
  };
}

/**
 * The document's xml:id: `d<number>` from the printed number (FRUS's own ids), else derived from
 * the input's name (`frus1942v06_d414`, `chapter-003` for the third document of a file), so that
 * documents converted together or apart never share an id. ASCII letters, digits, `_`, `-`, `.`
 * (an NCName a `#pointer` can name), starting with a letter.
 */
export function documentId(number: string | undefined, src: Pick<DocumentSource, 'file' | 'index' | 'count'>): string {
  if (number) return `d${number}`;
  const base = src.file.split(/[\\/]/).pop() ?? src.file;
  const stem = base.replace(/(?:\.tei)?\.[A-Za-z0-9]{1,8}$/, '') || base;
  let name = stem.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 120);
  if (!/^[A-Za-z]/.test(name)) name = `d${name.replace(/^[._-]+/, '_')}`;
  return src.count > 1 ? `${name}-${String(src.index + 1).padStart(3, '0')}` : name;
}

function reportDuplicateNumbers(notes: Footnote[], warn: (rule: string, text: string, at?: Position) => void): void {
  const seen = new Set<string>();
  for (const n of notes) {
    if (seen.has(n.n)) warn('parse/duplicate-footnote-number', `footnote number ${n.n} occurs more than once; each is kept with its own id`, n.at);
    seen.add(n.n);
  }
}

/** Without a footnotes list, a number glued to a word is probably a marker whose note was lost. */
function checkStrayMarkers(segments: LocatedText[], warn: (rule: string, text: string, at?: Position) => void): void {
  for (const c of markerCandidates(segments)) {
    const seg = segments[c.segment]!;
    const before = seg.text[c.offset - 1] ?? '';
    if (/\p{Ll}/u.test(before) && c.n === '1') {
      warn('parse/marker-without-footnote', `"${seg.text.slice(Math.max(0, c.offset - 12), c.offset + c.n.length)}" looks like footnote marker ${c.n}, but the document has no footnotes; kept as text`, { line: seg.at.line, column: seg.at.column + c.offset });
    }
  }
}

