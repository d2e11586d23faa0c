/**
 * Places: look-up of the place register's names (main, variant, historical) in the text, longest
 * first. Adjectives and demonyms (Soviet, British, Anglo-Soviet) are never places; a historical
 * name used outside its years, or a name several places share, is less certain.
 */
import type { Cert } from '../model.js';
import { registerMatches, type Candidate, type DocContext, type RecordRef, type Segment } from './context.js';
import type { AuthorityEntry, FormHit } from './registers.js';
import { NATIONALITY, ORG_HEADS } from './text.js';

const TYPE_PREFERENCE: Record<string, number> = { country: 3, state: 2, region: 1, city: 2, capital: 2, island: 1 };

/** Whether printed tokens match a case-sensitive form (abbreviations: `US`, `UK`). */
export function caseMatches(seg: Segment, from: number, to: number, hit: FormHit): boolean {
  if (!hit.caseSensitive) return seg.tokens[from]!.cap;
  const printed = seg.tokens.slice(from, to).map((t) => t.text).join('');
  return printed === hit.form.text.replace(/[^\p{L}\p{N}]/gu, '');
}

/** Whether a name form was in use at a date (forms without dates always are). */
export function formInUse(hit: FormHit, date: string | undefined): boolean {
  if (!date) return true;
  const y = date.slice(0, 10);
  if (hit.form.from && y < hit.form.from) return false;
  if (hit.form.to && y > hit.form.to.padEnd(10, hit.form.to.length === 4 ? '-12-31' : '')) return false;
  return true;
}

const OFFICES = new Set(['chief', 'secretary', 'minister', 'ambassador', 'president', 'director', 'head', 'chairman', 'commander', 'governor', 'deputy', 'under', 'assistant', 'permanent', 'high']);

function isOffice(key: string): boolean {
  return OFFICES.has(key);
}

export function recordOf(entry: AuthorityEntry, printed: string): RecordRef {
  const variants = printed !== entry.name ? [printed] : undefined;
  return {
    id: entry.id,
    kind: entry.kind === 'org' ? 'org' : 'place',
    name: entry.name,
    description: entry.description,
    variants,
    wikidata: entry.wikidata,
    source: 'register',
  };
}

/** Register look-up for places or organisations at each word of a segment. */
export function lookUp(ctx: DocContext, seg: Segment, kind: 'place' | 'org', priority: number): Candidate[] {
  const out: Candidate[] = [];
  const { tokens, text } = seg;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.cap) continue;
    const prev = tokens[i - 1];
    // a word glued to the one before by a hyphen belongs to it (Anglo-Soviet is one word already)
    if (prev && text.slice(prev.end, t.start) === '-') continue;
    for (const m of registerMatches(ctx, seg, i)) {
      // a historical name outside its years (Stalin for Varna, 1949–1956) is not that place then
      const hits = m.values.filter((h) => h.entry.kind === kind && caseMatches(seg, m.from, m.to, h) && (formInUse(h, ctx.date) || h.form.type !== 'historical'));
      if (hits.length === 0) continue;
      // an office is not an institution ("Chief of the Imperial General Staff")
      if (kind === 'org' && m.to - m.from > 1 && isOffice(t.key)) continue;
      const last = tokens[m.to - 1]!;
      if (!last.cap && !last.upper && !/\d/.test(last.text)) continue;
      if (m.to - m.from === 1 && NATIONALITY.has(t.key)) continue;
      // a place before an institution's head is part of the institution's name
      const next = tokens[m.to];
      if (kind === 'place' && next && ORG_HEADS.has(next.key) && next.cap && /^[ \t]+$/.test(text.slice(last.end, next.start)) && !last.possessive) continue;
      const entries = [...new Set(hits.map((h) => h.entry))];
      const scored = entries
        .map((e) => {
          const eh = hits.filter((h) => h.entry === e);
          const current = eh.some((h) => formInUse(h, ctx.date));
          let score = current ? 2 : 0;
          if (eh.some((h) => h.form.type === 'main' || h.form.type === 'abbr')) score += 1;
          score += (TYPE_PREFERENCE[e.placeType ?? ''] ?? 0) * 0.3;
          let near = 0;
          for (const w of e.contextWords) if (ctx.words.has(w)) near++;
          score += Math.min(near, 5) * 0.1;
          return { e, score, current };
        })
        .sort((a, b) => b.score - a.score);
      const best = scored[0]!;
      const margin = scored.length > 1 ? best.score - scored[1]!.score : Infinity;
      let cert: Cert = 'high';
      if (!best.current) cert = 'medium';
      if (margin < 0.5) cert = 'low';
      else if (m.to - m.from === 1 && (ctx.user?.surnames.has(t.key) || ctx.registers.surnames.has(t.key))) cert = cert === 'high' ? 'medium' : cert;
      const end = last.dot && last.text.length === 1 ? last.end + 1 : last.end;
      const printed = text.slice(t.start, end);
      out.push({
        segment: seg.index, start: t.start, end, type: kind, priority, resp: 'register', cert,
        record: recordOf(best.e, printed),
      });
      i = m.to - 1;
      break;
    }
  }
  return out;
}

export function findPlaces(ctx: DocContext): Candidate[] {
  return ctx.segments.flatMap((seg) => lookUp(ctx, seg, 'place', 58));
}
