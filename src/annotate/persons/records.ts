/**
 * What the TEI says of a linked person: the `@resp` of its mentions (which step established it) and
 * the document's record of it (its ids, the identification at the document's date, and the reason
 * its mentions link to it, printed by the vetting list).
 */
import type { EntityRecord, Resp } from '../../model.js';
import { PATTERN_SOURCE } from '../context.js';
import type { DocPerson } from './doc-persons.js';
import { identification } from './identification.js';

/** Which step established the person, for the `@resp` of its mentions. */
export function respOf(person: DocPerson): Resp {
  switch (person.origin) {
    case 'footnote':
      return 'footnote';
    case 'userlist':
      return 'userlist';
    case 'register':
      return 'register';
    default:
      return person.user ? 'userlist' : person.register ? 'register' : 'pattern';
  }
}

/** The document's record of a person. */
export function personRecord(p: DocPerson, date: string | undefined): EntityRecord {
  const source: EntityRecord['source'] =
    p.origin === 'footnote' ? 'footnote' : p.register && p.id === p.register.id ? 'register' : p.origin === 'userlist' ? 'userlist' : p.origin === 'register' ? 'register' : PATTERN_SOURCE;
  const r: EntityRecord = { id: p.id, kind: 'person', name: p.name, source };
  const identified = p.register ? identification(p.register, date) : undefined;
  // the document's own footnote identification first; else what the register says for the date
  const ownNote = p.description && p.description !== p.register?.description;
  if (ownNote) r.description = p.description;
  else if (identified?.description) r.description = identified.description;
  else if (p.description) r.description = p.description;
  if (p.register?.hsg) r.hsg = p.register.hsg;
  if (p.register?.pocom) r.pocom = p.register.pocom;
  if (identified && identified.roles.length > 0) r.roles = identified.roles;
  const reason = p.reason ?? (p.origin === 'userlist' ? "the user's persons list (--persons)" : undefined);
  if (reason) r.reason = reason;
  const variants = [...p.variants].filter((v) => v !== p.name);
  if (variants.length > 0) r.variants = variants;
  if (p.wikidata) r.wikidata = p.wikidata;
  return r;
}
