/**
 * The document model: the one shape passed between stages.
 *
 *   read  -> SourceText
 *   parse -> DocumentModel            (structure: head, opener, blocks, closer, notes, pages)
 *   annotate -> DocumentModel         (same shape; TextRuns split into Mention inlines,
 *                                      entity records added to `entities`)
 *   build -> TeiDocument              (TEI string, built from the model with xmlbuilder2)
 *
 * Positions (1-based line and column in the input file) travel with every node, so a later
 * stage can still say `file:12:40`.
 */
import type { Message } from './messages.js';

export interface Position {
  line: number;
  column: number;
}

/** A decoded input file, split into lines, with the decoding facts. */
export interface SourceText {
  file: string;
  /** The text with a BOM removed and line endings normalised to \n. */
  text: string;
  encoding: string;
  messages: Message[];
}

/** One document's slice of a SourceText (a file may hold several documents). */
export interface DocumentSource {
  file: string;
  /** 0-based index of the document within the file. */
  index: number;
  /** How many documents the file held. */
  count: number;
  text: string;
  /** 1-based line in the file at which `text` starts. */
  firstLine: number;
}

// ---------------------------------------------------------------------------------------------
// Inline content

export interface TextRun {
  kind: 'text';
  text: string;
  at: Position;
}

/** A footnote marker: the note itself is DocumentModel.notes[noteIndex]. */
export interface NoteRef {
  kind: 'noteRef';
  n: string;
  noteIndex: number;
  at: Position;
}

/** `[Page 518]` in the running text. */
export interface PageBreak {
  kind: 'pageBreak';
  n: string;
  at: Position;
}

export type EntityKind = 'person' | 'place' | 'org';

/** How a machine-made tag was found: one vocabulary, declared in the TEI header. */
export type Resp = 'register' | 'footnote' | 'pattern' | 'userlist' | 'head' | 'office' | 'dateline' | 'filenumber';
export type Cert = 'high' | 'medium' | 'low';

/**
 * A tagged stretch of text (added by annotate). `role` is a role standing for a person
 * (TEI `rs`); `date` carries its normalised value.
 */
export interface Mention {
  kind: 'mention';
  type: EntityKind | 'role' | 'date';
  text: string;
  at: Position;
  /** xml:id of the EntityRecord it points to (persons, places, organisations, roles). */
  ref?: string;
  /** FRUS persons-list id from a user's authority file (`p_DJF1`), written as @corresp. */
  corresp?: string;
  /** ISO date or dateTime for dates: when, or from/to for a range. */
  when?: string;
  from?: string;
  to?: string;
  resp: Resp;
  cert: Cert;
}

/** A line break inside a block (TEI `lb`): lines of one block with no blank line between. */
export interface LineBreak {
  kind: 'lineBreak';
  at: Position;
}

/** Sender or addressee in the head (`persName type="from"`, `gloss type="to"`). */
export interface PartyTag {
  kind: 'party';
  role: 'from' | 'to';
  element: 'persName' | 'gloss';
  text: string;
  /** The person record it is linked to (added by annotate when the document identifies the person). */
  ref?: string;
  at: Position;
}

export type Inline = TextRun | NoteRef | PageBreak | Mention | LineBreak | PartyTag;

// ---------------------------------------------------------------------------------------------
// Blocks

export interface Paragraph {
  kind: 'p';
  inlines: Inline[];
  at: Position;
}

export interface ListItem {
  label?: string;
  inlines: Inline[];
  at: Position;
}

export interface ListBlock {
  kind: 'list';
  /** FRUS list types: participants, subject, to, from, or undefined for an ordinary list. */
  type?: string;
  head?: Inline[];
  items: ListItem[];
  at: Position;
}

export interface TableBlock {
  kind: 'table';
  /** rows of cells; each cell inline content */
  rows: Inline[][][];
  at: Position;
}

/** A `[Page N]` standing on a line of its own between blocks. */
export interface PageBreakBlock {
  kind: 'pb';
  n: string;
  at: Position;
}

/** A row of dots marking an omission (`. . . . . .`). */
export interface GapBlock {
  kind: 'gap';
  text: string;
  at: Position;
}

export type Block = Paragraph | ListBlock | TableBlock | PageBreakBlock | GapBlock;

// ---------------------------------------------------------------------------------------------
// Opener, closer

/** A dateline: `Paris, August 3, 1948—7 p. m.`, with the place and date located in its text. */
export interface DatelineItem {
  kind: 'dateline';
  text: string;
  place?: { start: number; end: number; text: string };
  date?: { start: number; end: number; text: string; when: string };
  /** A `[Received …]` line printed right after the dateline. */
  received?: { text: string; at: Position };
  at: Position;
}

export type OpenerItem =
  | { kind: 'classification'; text: string; at: Position }
  | { kind: 'seg'; text: string; at: Position }
  | DatelineItem
  | { kind: 'received'; text: string; at: Position }
  | { kind: 'salute'; text: string; at: Position };

export type CloserItem =
  | { kind: 'signed'; inlines: Inline[]; at: Position }
  | { kind: 'line'; inlines: Inline[]; at: Position }
  | DatelineItem;

// ---------------------------------------------------------------------------------------------
// Head and notes

export interface Head {
  /** The head exactly as the input has it, markers removed, sender and addressee tagged. */
  inlines: Inline[];
  /** Document number printed before the head ("190."), if any. */
  number?: string;
  at: Position;
}

export interface Footnote {
  n: string;
  /** xml:id, unique in the document (`d1fn3`). */
  id: string;
  paragraphs: Inline[][];
  /** `source` for the 1950s "Source: …" note of the head. */
  type?: 'source';
  /** Whether a marker in the text points to it. */
  anchored: boolean;
  at: Position;
}

// ---------------------------------------------------------------------------------------------
// Entities (authority records a document uses)

export interface EntityRecord {
  id: string;
  kind: EntityKind | 'role';
  name: string;
  description?: string;
  variants?: string[];
  wikidata?: string;
  /** Where the record came from: a register in tei/, a footnote, a user's list. */
  source: 'register' | 'footnote' | 'userlist' | 'pattern';
  /** For a role (rs): the person record it stands for. */
  personRef?: string;
  /** Persons: ids in the Office of the Historian's people database and in POCOM. */
  hsg?: string;
  pocom?: string;
  /** Persons: the roles that identify them at the document's date, each with its dates and source (a URL). */
  roles?: RecordRole[];
  /** Persons, and organisations chosen among several an abbreviation fits: why the mentions link to this record (written as note type="reason"; the vetting list prints it). */
  reason?: string;
}

/** A dated role of a person record: a POCOM post, or the identification a FRUS volume printed. */
export interface RecordRole {
  text: string;
  /** ISO dates or years; `approximate`: the years of the volume that printed the identification. */
  from?: string;
  to?: string;
  approximate?: boolean;
  source?: string;
}

// ---------------------------------------------------------------------------------------------

export interface DocumentDate {
  /** ISO date (YYYY-MM-DD) or dateTime with offset. */
  when: string;
  source: 'dateline' | 'filenumber';
}

export interface DocumentModel {
  file: string;
  /** 0-based index of the document within its file, and how many the file holds. */
  index: number;
  count: number;
  /** xml:id of the document div (`d1`, or `d<number>` when the head gives one). */
  id: string;
  sourceNote?: { text: string; at: Position; fromFootnote: boolean };
  /** State Department decimal file number, e.g. `741.61/1–1447`. */
  fileNumber?: string;
  head?: Head;
  opener: OpenerItem[];
  body: Block[];
  closer: CloserItem[];
  /** Enclosures and attachments printed after the signed letter (TEI `postscript type="enclosure"`). */
  enclosures: { blocks: Block[]; at: Position }[];
  notes: Footnote[];
  date?: DocumentDate;
  entities: EntityRecord[];
  messages: Message[];
}
