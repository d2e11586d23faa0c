/**
 * Dates in the running text and notes: `May 26, 1942` (when, cert high), `January 10` (the year
 * supplied from the document's date, cert medium), `September 10–12, 1956` (from/to), `March 1956`
 * (year-month), `the 1942 treaty` (a year), and clock times (`11 a. m.`) where the sentence gives
 * the day (an explicit date, or today / yesterday / the next day relative to the document's date).
 */
import type { Cert } from '../model.js';
import { isoDate, parseClock } from '../parse/dates.js';
import type { Candidate } from './context.js';

const MONTH_NAMES: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  'jan.': 1, 'feb.': 2, 'mar.': 3, 'apr.': 4, 'aug.': 8, 'sept.': 9, 'sep.': 9, 'oct.': 10, 'nov.': 11, 'dec.': 12,
};
const M = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Aug\\.|Sept\\.|Sep\\.|Oct\\.|Nov\\.|Dec\\.)';
const D = '(\\d{1,2})(?:st|nd|rd|th)?';
const Y = '(\\d{4})';
const DASH = '\\s?[–—-]\\s?';
const CLOCK = '(noon|midnight|\\d{1,2}(?::\\d{2})?\\s?[ap]\\.\\s?m\\.)';
const TIME_JOIN = '(?:,\\s+|\\s?[—–-]\\s?|\\s+at\\s+)';

/** One pass over the text; alternatives longest first. Each alternative's groups are named by position. */
const PATTERNS: { re: RegExp; kind: string }[] = [
  { kind: 'mdmdy', re: new RegExp(`\\b${M}\\s+${D}${DASH}${M}\\s+${D},?\\s+${Y}(?!\\d)`, 'gu') },
  { kind: 'mdydmy', re: new RegExp(`\\b${M}\\s+${D},\\s+${Y}${DASH}${M}\\s+${D},\\s+${Y}(?!\\d)`, 'gu') },
  { kind: 'mddy', re: new RegExp(`\\b${M}\\s+${D}${DASH}${D},?\\s+${Y}(?!\\d)`, 'gu') },
  { kind: 'mdyt', re: new RegExp(`\\b${M}\\s+${D},\\s+${Y}${TIME_JOIN}${CLOCK}`, 'gu') },
  { kind: 'mdy', re: new RegExp(`\\b${M}\\s+${D},?\\s+${Y}(?![\\d–-])`, 'gu') },
  { kind: 'dmy', re: new RegExp(`\\b${D}\\s+${M},?\\s+${Y}(?!\\d)`, 'gu') },
  { kind: 'mdmd', re: new RegExp(`\\b${M}\\s+${D}${DASH}${M}\\s+${D}(?![\\d,])`, 'gu') },
  { kind: 'mdd', re: new RegExp(`\\b${M}\\s+${D}${DASH}${D}(?![\\d])(?!,?\\s+\\d{4})`, 'gu') },
  { kind: 'mdt', re: new RegExp(`\\b${M}\\s+${D}${TIME_JOIN}${CLOCK}`, 'gu') },
  { kind: 'md', re: new RegExp(`\\b${M}\\s+${D}(?![\\d:/–-])(?!,?\\s+\\d{4})`, 'gu') },
  { kind: 'my', re: new RegExp(`\\b${M},?\\s+${Y}(?!\\d)`, 'gu') },
  { kind: 'year', re: /\b(?:(?:in|of|since|until|till|by|during|before|after|from|to|the|early|late|mid-?|spring|summer|autumn|fall|winter|year)\s+)(1[6-9]\d\d|20\d\d)(?![\d/–-]|\.\d)/giu },
];

const RELATIVE: { re: RegExp; days: number }[] = [
  { re: /\b(?:the\s+)?(?:next|following)\s+day\b|\btomorrow\b/i, days: 1 },
  { re: /\byesterday\b|\bthe\s+(?:previous|preceding|day\s+before)\b/i, days: -1 },
  { re: /\btoday\b|\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b/i, days: 0 },
];

export interface DateContext {
  /** The document's date (YYYY-MM-DD or a dateTime), if known. */
  date?: string;
}

interface Found {
  start: number;
  end: number;
  when?: string;
  from?: string;
  to?: string;
  cert: Cert;
  hasDay: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

function month(m: string): number {
  return MONTH_NAMES[m.toLowerCase()] ?? 0;
}

/** The year for a month and day printed without one: the document's year, or the nearer neighbour. */
function supplyYear(mon: number, ctx: DateContext): { year?: number; cert: Cert } {
  if (!ctx.date) return { cert: 'low' };
  const year = Number(ctx.date.slice(0, 4));
  const docMonth = Number(ctx.date.slice(5, 7));
  const diff = mon - docMonth;
  if (diff > 6) return { year: year - 1, cert: 'low' };
  if (diff < -9) return { year: year + 1, cert: 'low' };
  return { year, cert: 'medium' };
}

function day(year: number | undefined, mon: number, d: number): string | undefined {
  if (year === undefined) return d >= 1 && d <= 31 && mon >= 1 ? `--${pad(mon)}-${pad(d)}` : undefined;
  return isoDate(year, mon, d);
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function interpret(kind: string, g: string[], ctx: DateContext): Omit<Found, 'start' | 'end'> | undefined {
  switch (kind) {
    case 'mdmdy': {
      const y = Number(g[4]);
      const from = day(y, month(g[0]!), Number(g[1]));
      const to = day(y, month(g[2]!), Number(g[3]));
      return from && to ? { from, to, cert: 'high', hasDay: true } : undefined;
    }
    case 'mdydmy': {
      const from = day(Number(g[2]), month(g[0]!), Number(g[1]));
      const to = day(Number(g[5]), month(g[3]!), Number(g[4]));
      return from && to ? { from, to, cert: 'high', hasDay: true } : undefined;
    }
    case 'mddy': {
      const y = Number(g[3]);
      const from = day(y, month(g[0]!), Number(g[1]));
      const to = day(y, month(g[0]!), Number(g[2]));
      return from && to && from < to ? { from, to, cert: 'high', hasDay: true } : undefined;
    }
    case 'mdyt': {
      const d = day(Number(g[2]), month(g[0]!), Number(g[1]));
      const clock = parseClock(g[3]!);
      return d ? { when: clock ? `${d}T${clock}` : d, cert: 'high', hasDay: true } : undefined;
    }
    case 'mdy': {
      const d = day(Number(g[2]), month(g[0]!), Number(g[1]));
      return d ? { when: d, cert: 'high', hasDay: true } : undefined;
    }
    case 'dmy': {
      const d = day(Number(g[2]), month(g[1]!), Number(g[0]));
      return d ? { when: d, cert: 'high', hasDay: true } : undefined;
    }
    case 'mdmd': {
      const s = supplyYear(month(g[0]!), ctx);
      const from = day(s.year, month(g[0]!), Number(g[1]));
      const to = day(s.year, month(g[2]!), Number(g[3]));
      return from && to ? { from, to, cert: s.cert, hasDay: true } : undefined;
    }
    case 'mdd': {
      const s = supplyYear(month(g[0]!), ctx);
      const from = day(s.year, month(g[0]!), Number(g[1]));
      const to = day(s.year, month(g[0]!), Number(g[2]));
      return from && to && from < to ? { from, to, cert: s.cert, hasDay: true } : undefined;
    }
    case 'mdt': {
      const s = supplyYear(month(g[0]!), ctx);
      const d = day(s.year, month(g[0]!), Number(g[1]));
      const clock = parseClock(g[2]!);
      return d ? { when: clock && s.year !== undefined ? `${d}T${clock}` : d, cert: s.cert, hasDay: true } : undefined;
    }
    case 'md': {
      const s = supplyYear(month(g[0]!), ctx);
      const d = day(s.year, month(g[0]!), Number(g[1]));
      return d ? { when: d, cert: s.cert, hasDay: true } : undefined;
    }
    case 'my': {
      const mon = month(g[0]!);
      return mon ? { when: `${g[1]}-${pad(mon)}`, cert: 'high', hasDay: false } : undefined;
    }
    case 'year':
      return { when: g[0]!, cert: 'medium', hasDay: false };
  }
  return undefined;
}

const NOT_A_YEAR_BEFORE = /(?:telegram|tel|despatch|dispatch|airgram|no\.|number|nos\.|circular|instruction|memorandum|note|document|page|p\.|pp\.|vol\.|document)\s*$/i;

/** Dates found in one segment's text, as candidates. */
const ANY_DATE = /January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|\d{4}|\d\s?[ap]\.\s?m\.|noon|midnight/;
/** What every pattern but `year` needs (the M group, case-sensitive): without it they cannot match. */
const ANY_MONTH = /January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\./;
const CLOCK_TIME = new RegExp(`\\b${CLOCK}`, 'gu');

export function findDates(text: string, segment: number, ctx: DateContext): Candidate[] {
  if (!ANY_DATE.test(text)) return [];
  const found: Found[] = [];
  const taken = (s: number, e: number) => found.some((f) => s < f.end && f.start < e);
  const hasMonth = ANY_MONTH.test(text);
  for (const { re, kind } of PATTERNS) {
    if (!hasMonth && kind !== 'year') continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      let start = m.index;
      let end = start + m[0].length;
      if (kind === 'year') {
        start = end - m[1]!.length;
        if (NOT_A_YEAR_BEFORE.test(text.slice(Math.max(0, start - 16), start))) continue;
      }
      if (taken(start, end)) continue;
      // a month name alone that is someone's name or a verb ("May", "March") needs its number glued on
      const groups = m.slice(1).filter((x): x is string => x !== undefined);
      const value = interpret(kind, groups, ctx);
      if (!value) continue;
      found.push({ start, end, ...value });
    }
  }
  // Clock times: with a date earlier in the same sentence, or a relative day.
  const clock = CLOCK_TIME;
  clock.lastIndex = 0;
  for (let m = clock.exec(text); m; m = clock.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (taken(start, end)) continue;
    const time = parseClock(m[1]!);
    if (!time) continue;
    const sentenceStart = Math.max(text.lastIndexOf('. ', start - 2) + 1, 0);
    const before = text.slice(sentenceStart, start);
    const prior = found.filter((f) => f.end <= start && f.start >= sentenceStart && f.hasDay && f.when && /^\d{4}-\d\d-\d\d$/.test(f.when.slice(0, 10))).pop();
    let when: string | undefined;
    let cert: Cert = 'medium';
    if (prior) when = `${prior.when!.slice(0, 10)}T${time}`;
    else if (ctx.date) {
      const rel = RELATIVE.find((r) => r.re.test(before) || r.re.test(text.slice(end, end + 40)));
      if (rel) when = `${addDays(ctx.date, rel.days)}T${time}`;
      cert = 'medium';
    }
    if (!when) continue;
    found.push({ start, end, when, cert, hasDay: true });
  }
  return found.map((f) => ({
    segment,
    start: f.start,
    end: text[f.end - 1] === ' ' ? f.end - 1 : f.end,
    type: 'date' as const,
    priority: 100,
    resp: 'pattern' as const,
    cert: f.cert,
    when: f.when,
    from: f.from,
    to: f.to,
  }));
}
