/** One source of truth for the TEI vocabulary the builder writes and the rules check. */
import type { Cert, EntityKind, Resp } from '../model.js';

export const TEI_NS = 'http://www.tei-c.org/ns/1.0';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** `@resp` pointers: each method of machine annotation, declared as a respStmt in the header. */
export const RESP: Record<Resp, { id: string; description: string }> = {
  register: { id: 'resp.register', description: 'tagged and linked by look-up in the telegram-tei authority registers' },
  footnote: { id: 'resp.footnote', description: 'identified by a footnote of the document that names the person, place or body' },
  pattern: { id: 'resp.pattern', description: 'found by a pattern (a title before a capitalised name, a date expression)' },
  userlist: { id: 'resp.userlist', description: "linked to the persons list supplied by the user (--persons)" },
  head: { id: 'resp.head', description: 'sender or addressee recognised in the head by the parser' },
  office: { id: 'resp.office', description: "an office or post named in the text (the Secretary, the Ambassador, the Embassy) resolved to its holder on the document's date at the post its head names (Principal Officers and Chiefs of Mission)" },
  dateline: { id: 'resp.dateline', description: 'place and date recognised in the dateline by the parser' },
  filenumber: { id: 'resp.filenumber', description: 'date derived from the State Department decimal file number' },
};

export const CERT_VALUES: readonly Cert[] = ['high', 'medium', 'low'];

export const MENTION_ELEMENT: Record<EntityKind | 'role' | 'date', string> = {
  person: 'persName',
  place: 'placeName',
  org: 'orgName',
  role: 'gloss',
  date: 'date',
};

/** `@rendition` targets, declared in tagsDecl, as FRUS uses them. */
export const RENDITIONS = { left: 'text-align: left;', right: 'text-align: right;', center: 'text-align: center;' };
