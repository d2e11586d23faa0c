/**
 * The persons one document has established so far (by footnote, list, register or name pattern),
 * found again by surname or by a style (`Sir Roger`): a later mention of the same name links to the
 * same person before any register is asked.
 */
import type { Cert } from '../../model.js';
import { slug } from '../context.js';
import type { AuthorityEntry } from '../registers.js';

/** A person the document mentions, with what is known about them. */
export interface DocPerson {
  id: string;
  name: string;
  description?: string;
  variants: Set<string>;
  wikidata?: string;
  /** How the person was established. */
  origin: 'footnote' | 'userlist' | 'register' | 'pattern';
  register?: AuthorityEntry;
  user?: AuthorityEntry;
  surnames: Set<string>;
  forenames: Set<string>;
  /** `sir roger`: forename keys after Sir/Lady/Dame, by which the person may be called. */
  styled: Set<string>;
  /** Whether the person was established by strong evidence (title, full name, footnote, list). */
  strong: boolean;
  /**
   * How sure the choice of this register entry was, when the name fitted several (the register's
   * choice among namesakes): no later mention of the person is surer than that.
   */
  idCert?: Cert;
  /** Why the mentions of this person link to its record (printed by the vetting list). */
  reason?: string;
}

const CERT_RANK: Record<Cert, number> = { low: 0, medium: 1, high: 2 };

/** The lower of two certainties. */
export function capCert(cert: Cert, cap: Cert | undefined): Cert {
  return cap !== undefined && CERT_RANK[cap] < CERT_RANK[cert] ? cap : cert;
}

export class DocPersons {
  readonly all: DocPerson[] = [];
  private readonly bySurname = new Map<string, DocPerson[]>();
  private readonly byStyled = new Map<string, DocPerson[]>();
  private readonly ids = new Set<string>();

  constructor(private readonly reservedIds: (id: string) => boolean) {}

  uniqueId(base: string): string {
    let id = base;
    for (let k = 2; this.ids.has(id) || this.reservedIds(id); k++) id = `${base}-${k}`;
    return id;
  }

  add(p: Omit<DocPerson, 'id'> & { id?: string }): DocPerson {
    const existing = p.id ? this.all.find((q) => q.id === p.id) : undefined;
    if (existing) {
      this.merge(existing, p);
      return existing;
    }
    const id = p.id ?? this.uniqueId(`per-doc-${slug(p.name)}`);
    const person: DocPerson = { ...p, id };
    this.ids.add(id);
    this.all.push(person);
    this.index(person);
    return person;
  }

  merge(into: DocPerson, from: Partial<DocPerson>): void {
    for (const s of from.surnames ?? []) into.surnames.add(s);
    for (const s of from.forenames ?? []) into.forenames.add(s);
    for (const s of from.styled ?? []) into.styled.add(s);
    for (const v of from.variants ?? []) into.variants.add(v);
    if (from.strong) into.strong = true;
    if (!into.user && from.user) into.user = from.user;
    if (!into.register && from.register) into.register = from.register;
    this.index(into);
  }

  private index(p: DocPerson): void {
    for (const s of p.surnames) {
      const list = this.bySurname.get(s) ?? [];
      if (!list.includes(p)) list.push(p);
      this.bySurname.set(s, list);
    }
    for (const s of p.styled) {
      const list = this.byStyled.get(s) ?? [];
      if (!list.includes(p)) list.push(p);
      this.byStyled.set(s, list);
    }
  }

  withSurname(key: string): DocPerson[] {
    return this.bySurname.get(key) ?? [];
  }

  withStyle(key: string): DocPerson[] {
    return this.byStyled.get(key) ?? [];
  }

  /** The person already established for a user-list or register entry. */
  forEntry(e: AuthorityEntry): DocPerson | undefined {
    return this.all.find((p) => p.user === e || p.register === e);
  }
}

