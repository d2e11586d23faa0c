/**
 * Offices resolved by date and post (Principal Officers and Chiefs of Mission): who was "the
 * Secretary of State" or "the Ambassador in the Soviet Union" on the document's date. A holder is
 * returned only where the date and the post make it unambiguous (one holder that day).
 */
import type { Offices } from './person-index.js';
import type { AuthorityEntry } from './registers.js';
import { fold } from './text.js';

/** Principal offices as the heads and texts of FRUS name them (POCOM position ids). */
const PRINCIPALS: Record<string, string> = {
  'secretary of state': 'secretary',
  'under secretary of state': 'under-secretary',
  'under secretary': 'under-secretary',
  'deputy under secretary of state': 'deputy-under-secretary',
  'counselor of the department of state': 'counselor',
  'legal adviser': 'legal-adviser',
};

const held = (from: string, to: string, date: string): boolean => from <= date && (!to || date < to || (to.length === 10 && date === to));

/** The one holder of a principal office on a date (ISO), with the POCOM position id. */
export function principalOn(offices: Offices, office: string, date: string): AuthorityEntry | undefined {
  const id = PRINCIPALS[fold(office).replace(/\s+/g, ' ').replace(/^the /, '')];
  const table = id ? offices.principals[id] : undefined;
  if (!table) return undefined;
  const holders = table.holders.filter(([, from, to], k) => held(from, to || table.holders.slice(k + 1).find((h) => h[1] > from)?.[1] || '', date));
  return holders.length === 1 ? offices.people.byPocom(holders[0]![0]) : undefined;
}

/** POCOM territory ids whose FRUS names include the printed country (`the Soviet Union`). */
function territoriesOf(offices: Offices, country: string): string[] {
  const key = fold(country).replace(/^the\s+/, '').replace(/\s+/g, ' ').trim();
  return Object.entries(offices.countries).filter(([, names]) => names.some((n) => fold(n) === key)).map(([t]) => t);
}

/** Which chiefs of mission count (all, by default). */
export interface ChiefFilter {
  /** Only those of this POCOM role (`ambassador-e-p`: not a chargé d'affaires). */
  role?: string;
  /**
   * Only those POCOM shows in post: an appointment with no end that another chief's follows is one
   * never taken up (O. Max Gardner, London 1946) or a chargé's whose end is not recorded.
   */
  inPost?: boolean;
}

/** The chiefs of mission in a country on a date (one, normally; none when the post was vacant). */
export function chiefsOn(offices: Offices, country: string, date: string, filter: ChiefFilter = {}): AuthorityEntry[] {
  const out: AuthorityEntry[] = [];
  for (const t of territoriesOf(offices, country)) {
    const chiefs = offices.chiefs[t] ?? [];
    for (let k = 0; k < chiefs.length; k++) {
      const [pid, role, from, to] = chiefs[k]!;
      if (filter.role && role !== filter.role) continue;
      if (filter.inPost && !to && k < chiefs.length - 1) continue;
      // an end POCOM does not record: the next chief's start (the last may still be in post)
      const end = to || chiefs.slice(k + 1).find((c) => c[2] > from)?.[2] || '';
      if (!held(from, end, date)) continue;
      const e = offices.people.byPocom(pid);
      if (e && !out.includes(e)) out.push(e);
    }
  }
  return out;
}

/** The sender or addressee a FRUS head names by office: `The Ambassador in X`, `the Secretary of State`. */
export type HeadOffice = { kind: 'chief'; country: string } | { kind: 'principal'; office: string };

const CHIEF = /^(?:the\s+)?(?:Ambassador|Minister|Chargé(?:\s+d[’']Affaires)?(?:\s+ad\s+interim)?|Chief of Mission)\s+in\s+(?:the\s+)?(.+?)\s*$/i;

/** What office a head's phrase names, when it names one a table can answer (never an acting holder). */
export function headOffice(phrase: string): HeadOffice | undefined {
  const p = phrase.replace(/\s+/g, ' ').trim();
  if (/\b(?:acting|designate)\b/i.test(p)) return undefined;
  const chief = CHIEF.exec(p);
  if (chief) return { kind: 'chief', country: chief[1]! };
  if (PRINCIPALS[fold(p).replace(/^the /, '')]) return { kind: 'principal', office: p };
  return undefined;
}
