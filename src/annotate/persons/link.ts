/**
 * Who a printed name is: FIND's question (a NameQuery) answered for the document. A person the
 * document has already established comes first (same surname, fitting forenames); else PROPOSE
 * (propose.ts) lists the entries of the user's list, then of the register, and CHOOSE (choose.ts)
 * decides among them; else, where FIND's evidence is strong, a new person of the document.
 *
 *   FIND (find.ts, footnote-identification.ts, head.ts)  -> NameQuery
 *   PROPOSE (propose.ts)                                 -> Proposal[] (entry + the evidence that proposed it)
 *   CHOOSE (choose.ts)                                   -> Decision { entry or none, cert, reason }
 *   here                                                 -> Resolved { the document's person, cert }
 *
 * The person's `reason` (the record's `note type="reason"`, printed by the vetting list) says why
 * its mentions link to that record; the certainty of each mention is the decision's, capped where
 * FIND's evidence for the span is weaker (find.ts says where).
 */
import type { Cert } from '../../model.js';
import type { DocContext } from '../context.js';
import type { Authority, AuthorityEntry } from '../registers.js';
import { tokenize, wordKeys } from '../text.js';
import { choose } from './choose.js';
import { capCert, type DocPerson } from './doc-persons.js';
import { forenamesFit, isStyled, plausibleAt, proposeByForename, proposeBySurname, proposeStyled, type NameQuery } from './propose.js';
import { surnameCandidates } from '../registers.js';

export interface Resolved {
  person: DocPerson;
  cert: Cert;
}

function personFromEntry(ctx: DocContext, e: AuthorityEntry, strong: boolean, printed: string): Omit<DocPerson, 'id'> & { id?: string } {
  const surnames = new Set<string>();
  if (e.surname) {
    surnames.add(tokenize(e.surname).map((t) => t.key).join(' '));
  }
  const styled = new Set<string>();
  if (isStyled(e)) {
    for (const f of e.forenames ?? []) if (f.length > 1) styled.add(`sir ${f}`);
  }
  const base = {
    name: e.name,
    description: e.description,
    variants: new Set<string>(printed !== e.name && /\s/.test(printed) ? [printed] : []),
    wikidata: e.wikidata,
    surnames,
    forenames: new Set(e.forenames ?? []),
    styled,
    strong,
  };
  if (e.origin === 'register') return { ...base, id: e.id, origin: 'register', register: e };
  // A user-list person: also the register's record when the register knows the same person.
  const sameSurname = e.surname ? surnameCandidates(ctx.registers, wordKeys(e.surname).join(' ')).filter((c) => !c.part && plausibleAt(c.entry, ctx.date)) : [];
  // the same person in the register: forenames that fit (Constantine / Konstantinos), or a single-name person (Makarios III)
  let reg = sameSurname.filter((c) =>
    (e.forenames ?? []).length > 0
      ? (c.entry.forenames ?? []).length > 0 && forenamesFit(e.forenames ?? [], c.entry.forenames ?? [])
      : sameSurname.length === 1 && (e.surname ?? '').length >= 5);
  // Jr. is not his father: among several that fit, the one printed with the same suffix (or none)
  if (reg.length > 1) {
    const sameSuffix = reg.filter((c) => suffixOf(c.entry.name) === suffixOf(e.name));
    if (sameSuffix.length === 1) reg = sameSuffix;
  }
  if (reg.length === 1) return { ...base, id: reg[0]!.entry.id, origin: 'userlist', user: e, register: reg[0]!.entry, wikidata: reg[0]!.entry.wikidata };
  return { ...base, origin: 'userlist', user: e };
}

/** `jr`, `sr`, `ii` … ending a name (`Herbert C. Hoover Jr.`, `Herbert Clark Hoover, Jr.`), or ''. */
const suffixOf = (name: string): string => /[\s,](jr|sr|ii|iii|iv)\.?\s*$/i.exec(name)?.[1]!.toLowerCase() ?? '';

/**
 * Who a printed name is. Order: a person the document already established (same surname, fitting
 * forenames), the user's list, the register, else (when `create`) a new person of the document.
 */
export function resolveName(ctx: DocContext, query: NameQuery): Resolved | undefined {
  let q = query;
  const local = ctx.persons.withSurname(q.surname).filter((p) => forenamesFit(q.forenames, p.forenames));
  if (local.length > 0) {
    let person = local[0]!;
    if (local.length > 1) {
      // prefer the one whose forenames were printed, then the first established
      person = local.find((p) => q.forenames.length > 0 && q.forenames.every((f) => p.forenames.has(f))) ?? person;
    }
    if (q.forenames.length > 0 && local.length === 1) ctx.persons.merge(person, { forenames: new Set(q.forenames.filter((f) => f.length > 1)), strong: q.strong });
    else if (q.strong) person.strong = true;
    const cert: Cert = local.length > 1 ? 'low' : person.strong ? (q.forenames.length > 0 || q.titleKeys.length > 0 ? 'high' : 'medium') : 'medium';
    return { person, cert: capCert(cert, person.idCert) };
  }
  const lists: [Authority | undefined, 'userlist' | 'register'][] = [[ctx.user, 'userlist'], [ctx.registers, 'register']];
  for (const [auth, which] of lists) {
    if (!auth) continue;
    const proposed = proposeBySurname(auth, q, ctx.date);
    // (a compound surname found in the user's list stays so split for the register)
    q = proposed.query;
    const byForename = proposeByForename(auth, q, ctx).filter((p) => !proposed.proposals.some((x) => x.entry === p.entry));
    const chosen = choose([...proposed.proposals, ...byForename], q, ctx);
    // (the user's list is the document's own: its choice stands even when it is a guess)
    if (!chosen.entry || (q.onlySure && which === 'register' && chosen.cert === 'low')) continue;
    const existing = ctx.persons.forEntry(chosen.entry);
    if (existing) {
      ctx.persons.merge(existing, { surnames: new Set([q.surname]), strong: q.strong });
      return { person: existing, cert: capCert(chosen.cert, existing.idCert) };
    }
    const made = personFromEntry(ctx, chosen.entry, q.strong, q.text);
    const person = ctx.persons.add({ ...made, surnames: new Set([q.surname, ...made.surnames]) });
    let cert = chosen.cert;
    if (which === 'register' && q.forenames.length === 0 && q.titleKeys.length === 0 && cert === 'high') cert = 'medium';
    // a choice among namesakes caps every later mention of the person
    if (chosen.candidates > 1) person.idCert = capCert(chosen.cert === 'high' ? 'medium' : chosen.cert, person.idCert);
    person.reason ??= chosen.reason;
    return { person, cert };
  }
  if (!q.create) return undefined;
  const person = ctx.persons.add({
    name: q.text,
    reason: q.titleKeys.length > 0 ? 'a title before a name no list knows' : 'a name pattern; no list knows the name',
    variants: new Set(),
    origin: 'pattern',
    surnames: new Set([q.surname]),
    forenames: new Set(q.forenames.filter((f) => f.length > 1)),
    styled: new Set(q.titleKeys.includes('sir') && q.forenames.length > 0 ? [`sir ${q.forenames[0]}`] : []),
    strong: q.strong,
  });
  return { person, cert: q.strong ? 'medium' : 'low' };
}

/** Persons called by title and forename (`Sir Roger`): the document's, then the user's list. */
export function resolveStyled(ctx: DocContext, forename: string, window: ReadonlySet<string>): Resolved | undefined {
  const key = `sir ${forename}`;
  const local = ctx.persons.withStyle(key);
  if (local.length === 1) return { person: local[0]!, cert: 'high' };
  for (const auth of [ctx.user, ctx.registers]) {
    if (!auth) continue;
    const chosen = choose(proposeStyled(auth, forename), { forenames: [], titleKeys: ['sir'], window }, ctx);
    if (!chosen.entry) continue;
    const existing = ctx.persons.forEntry(chosen.entry);
    const person = existing ?? ctx.persons.add(personFromEntry(ctx, chosen.entry, true, chosen.entry.name));
    person.styled.add(key);
    ctx.persons.merge(person, {});
    return { person, cert: chosen.cert === 'high' ? 'high' : 'medium' };
  }
  return undefined;
}

/**
 * The document's person for a register entry decided by other means (an office's holder on the
 * date); the reason joins the person's, so that its record says why each kind of mention links to it.
 */
export function personOfEntry(ctx: DocContext, e: AuthorityEntry, reason: string): DocPerson {
  const person = ctx.persons.forEntry(e) ?? ctx.persons.add(userPersonOf(ctx, e) ?? personFromEntry(ctx, e, true, e.name));
  if (!person.reason) person.reason = reason;
  else if (!person.reason.includes(reason)) person.reason = `${person.reason}; ${reason}`;
  return person;
}

/** The user's list's entry for a register entry, as a person of the document (the list takes precedence). */
function userPersonOf(ctx: DocContext, e: AuthorityEntry): ReturnType<typeof personFromEntry> | undefined {
  if (!ctx.user || !e.surname) return undefined;
  const same = surnameCandidates(ctx.user, wordKeys(e.surname).join(' ')).filter((c) => !c.part && forenamesFit(c.entry.forenames ?? [], e.forenames ?? []));
  if (same.length !== 1) return undefined;
  const made = personFromEntry(ctx, same[0]!.entry, true, same[0]!.entry.name);
  return made.register === e ? made : undefined;
}
