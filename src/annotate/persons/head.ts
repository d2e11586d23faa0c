/**
 * FIND and CHOOSE for the head, whose sender and addressee the parser has already tagged: an
 * office the head names is decided by its holder on the document's date (POCOM, offices.ts).
 */
import type { DocumentModel, EntityRecord, Inline } from '../../model.js';
import type { DocContext } from '../context.js';
import { chiefsOn, headOffice, principalOn } from '../offices.js';
import type { AuthorityEntry } from '../registers.js';
import { fold, tokenize } from '../text.js';
import type { DocPerson } from './doc-persons.js';
import { personRecord } from './records.js';

/**
 * The head's sender and addressee. A person in parentheses ("(Smith)") is the office-holder the
 * head names ("The Ambassador in the Soviet Union") on the document's date when POCOM has one of that
 * surname; else the one person of the document with that surname. An office alone ("the Secretary
 * of State") is its holder that day, when there was exactly one (never an acting holder).
 */
export function linkHeadPersons(doc: DocumentModel, ctx: DocContext, records: Map<string, EntityRecord>): void {
  if (!doc.head) return;
  const head = doc.head.inlines;
  const inlines = head.map((inline, k): Inline => {
    if (inline.kind !== 'party') return inline;
    if (inline.element === 'gloss') {
      const office = headOffice(inline.text);
      const holder = office?.kind === 'principal' && ctx.date && ctx.registers.offices ? principalOn(ctx.registers.offices, office.office, ctx.date) : undefined;
      return holder ? { ...inline, ref: recordFor(holder, ctx, records, `POCOM: ${inline.text} on ${ctx.date}`) } : inline;
    }
    const words = tokenize(inline.text);
    const surname = words[words.length - 1];
    if (!surname) return inline;
    // the office before "(Smith)": the text of the head's run before this party
    const prev = head[k - 1];
    const before = prev?.kind === 'text' ? prev.text : '';
    const office = headOffice(before.replace(/^.*?\b(?=(?:The|the)\s)/, '').replace(/\s*\($/, ''));
    if (office && ctx.date && ctx.registers.offices) {
      const holders = office.kind === 'chief' ? chiefsOn(ctx.registers.offices, office.country, ctx.date) : [principalOn(ctx.registers.offices, office.office, ctx.date)].filter((x): x is AuthorityEntry => !!x);
      const named = holders.filter((e) => e.surname && fold(e.surname) === surname.key);
      const post = office.kind === 'chief' ? `chief of mission in ${office.country}` : office.office;
      if (named.length === 1) return { ...inline, ref: recordFor(named[0]!, ctx, records, `POCOM: ${post} on ${ctx.date}, surname ${inline.text}`) };
    }
    const matches = ctx.persons.withSurname(surname.key).filter((p) => records.has(p.id));
    return matches.length === 1 ? { ...inline, ref: matches[0]!.id } : inline;
  });
  doc.head = { ...doc.head, inlines };
}

/** The id of the document's record for a register person, adding the record when the document has none. */
function recordFor(e: AuthorityEntry, ctx: DocContext, records: Map<string, EntityRecord>, reason: string): string {
  const existing = ctx.persons.forEntry(e);
  if (existing && records.has(existing.id)) return existing.id;
  const id = existing?.id ?? e.id;
  if (!records.has(id)) {
    const person: DocPerson = existing ?? {
      id, name: e.name, description: e.description, variants: new Set(), wikidata: e.wikidata, origin: 'register', register: e,
      surnames: new Set(), forenames: new Set(), styled: new Set(), strong: true, reason,
    };
    records.set(id, personRecord(person, ctx.date));
  }
  return id;
}
