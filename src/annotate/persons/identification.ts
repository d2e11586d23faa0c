/**
 * What a person record says about the person at the document's date: the POCOM posts held that
 * day and the FRUS identification printed nearest to it, each with its dates and source, and one
 * description taken from them (the identification as FRUS printed it, else the curated note).
 */
import type { RecordRole } from '../../model.js';
import type { AuthorityEntry, Role } from '../registers.js';

const PREFIXES: Record<string, string> = {
  frus: 'https://history.state.gov/historicaldocuments/',
  pocom: 'https://history.state.gov/departmenthistory/people/',
};

/** `frus:frus1947v02/persons#p_SWB1` -> the full URL. */
export function sourceUrl(source: string): string {
  const m = /^(frus|pocom):(.*)$/.exec(source);
  return m ? PREFIXES[m[1]!]! + m[2]! : source;
}

const year = (s: string | undefined): number | undefined => (s && /^\d{4}/.test(s) ? Number(s.slice(0, 4)) : undefined);

/** Years from the date to a role's span (0 inside it). */
function distance(r: Role, y: number): number {
  const a = year(r.from);
  const b = year(r.to) ?? (r.source?.startsWith('pocom:') ? undefined : a);
  if (a !== undefined && y < a) return a - y;
  if (b !== undefined && y > b) return y - b;
  return a === undefined && b === undefined ? Infinity : 0;
}

function recordRole(r: Role, approximate: boolean): RecordRole {
  const out: RecordRole = { text: r.text };
  if (r.from) out.from = r.from;
  if (r.to) out.to = r.to;
  if (approximate) out.approximate = true;
  if (r.source) out.source = sourceUrl(r.source);
  return out;
}

export function identification(e: AuthorityEntry, date: string | undefined): { description?: string; roles: RecordRole[] } {
  const roles = e.roles ?? [];
  const y = year(date);
  const posts = roles.filter((r) => r.source?.startsWith('pocom:') && r.from);
  const frus = roles.filter((r) => r.source?.startsWith('frus:') && /^\p{Lu}/u.test(r.text));
  const out: RecordRole[] = [];
  if (y !== undefined) {
    for (const r of posts) if (date && r.from! <= date && (!r.to || date <= r.to)) out.push(recordRole(r, false));
    // the narrowest volume nearest the date, whose text names no later year than the date's
    const fits = frus.filter((r) => !(r.text.match(/\b(?:18|19|20)\d{2}\b/g) ?? []).some((x) => Number(x) > y));
    const width = (r: Role) => (year(r.to) ?? 0) - (year(r.from) ?? 0);
    const nearest = [...fits].sort((a, b) => distance(a, y) - distance(b, y) || width(a) - width(b))[0];
    if (nearest && distance(nearest, y) <= 3) out.push(recordRole(nearest, true));
  }
  const id = out.find((r) => r.approximate) ?? out[0];
  const description = id ? `${id.text.replace(/[\s.;,]+$/, '')}.` : e.description;
  return { description, roles: out.slice(0, 4) };
}
