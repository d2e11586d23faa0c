/**
 * FIND and CHOOSE for the head, whose sender and addressee the parser has already tagged: an
 * office the head names is decided by its holder on the document's date (POCOM, offices.ts).
 *
 * The holders are decided before the text's names are looked at (`establishHeadHolders`), so that
 * the text's "Dulles" in a memorandum to the Secretary of State of 1956 is the Secretary, as the
 * document's own person; the head's mentions are linked once the records are known
 * (`linkHeadPersons`).
 */
import type { DocumentModel, EntityRecord, Inline } from '../../model.js';
import type { DocContext } from '../context.js';
import { chiefsOn, headOffice, principalOn, type HeadOffice } from '../offices.js';
import type { AuthorityEntry } from '../registers.js';
import { fold, tokenize } from '../text.js';
import type { DocPerson } from './doc-persons.js';
import { personOfEntry } from './link.js';
import { personRecord } from './records.js';

/** The holder of the office a head's party names, decided by the date: the entry and why. */
interface HeadHolder {
  entry: AuthorityEntry;
  reason: string;
}

/**
 * The office-holder a head's party (at index k of the head's inlines) is. An office alone ("the
 * Secretary of State") is its holder that day, when there was exactly one (never an acting holder);
 * a person in parentheses ("(Smith)") the holder of the office before it whose surname it is.
 */
function headHolder(head: readonly Inline[], k: number, ctx: DocContext): HeadHolder | undefined {
  const inline = head[k]!;
  const offices = ctx.registers.offices;
  if (inline.kind !== 'party' || !ctx.date || !offices) return undefined;
  if (inline.element === 'gloss') {
    const office = headOffice(inline.text);
    const holder = office?.kind === 'principal' ? principalOn(offices, office.office, ctx.date) : undefined;
    return holder ? { entry: holder, reason: `POCOM: ${inline.text} on ${ctx.date}` } : undefined;
  }
  const words = tokenize(inline.text);
  const surname = words[words.length - 1];
  const prev = head[k - 1];
  const office = surname && prev?.kind === 'text' ? officeBefore(prev.text) : undefined;
  if (!surname || !office) return undefined;
  const holders = office.kind === 'chief' ? chiefsOn(offices, office.country, ctx.date) : [principalOn(offices, office.office, ctx.date)].filter((x): x is AuthorityEntry => !!x);
  const named = holders.filter((e) => e.surname && fold(e.surname) === surname.key);
  const post = office.kind === 'chief' ? `chief of mission in ${office.country}` : office.office;
  return named.length === 1 ? { entry: named[0]!, reason: `POCOM: ${post} on ${ctx.date}, surname ${inline.text}` } : undefined;
}

/** Makes the head's office-holders persons of the document, before its text is read. */
export function establishHeadHolders(doc: DocumentModel, ctx: DocContext): void {
  const head = doc.head?.inlines ?? [];
  head.forEach((_, k) => {
    const holder = headHolder(head, k, ctx);
    if (holder) personOfEntry(ctx, holder.entry, holder.reason);
  });
}

/**
 * Links the head's sender and addressee: to the office-holder, else to the one person of the
 * document with that surname.
 */
export function linkHeadPersons(doc: DocumentModel, ctx: DocContext, records: Map<string, EntityRecord>): void {
  if (!doc.head) return;
  const head = doc.head.inlines;
  const inlines = head.map((inline, k): Inline => {
    if (inline.kind !== 'party') return inline;
    const holder = headHolder(head, k, ctx);
    if (holder) return { ...inline, ref: recordFor(holder.entry, ctx, records, holder.reason) };
    if (inline.element === 'gloss') return inline;
    const words = tokenize(inline.text);
    const surname = words[words.length - 1];
    if (!surname) return inline;
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

/**
 * The office a head prints before a name: after its article ("The Ambassador in France (Caffery)"),
 * or as the title right before it ("… Between Spyros Skouras and Secretary of State Dulles").
 */
function officeBefore(text: string): HeadOffice | undefined {
  const afterArticle = headOffice(text.replace(/^.*?\b(?=(?:The|the)\s)/, '').replace(/\s*\($/, ''));
  if (afterArticle) return afterArticle;
  const title = /((?:\p{Lu}[\p{L}’'.-]*|of)(?:\s+(?:\p{Lu}[\p{L}’'.-]*|of))*)\s*$/u.exec(text);
  return title ? headOffice(title[1]!) : undefined;
}
