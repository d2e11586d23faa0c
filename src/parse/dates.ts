/**
 * Dates of the documents: datelines (`Paris, August 3, 1948—7 p. m.`) and the date part of a
 * State Department decimal file number (`741.61/1–1447` is 14 January 1947).
 */
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_ALT = MONTHS.join('|');

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function isoDate(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** `1–1447` -> 1947-01-14 (month–day + two-digit year, 19xx). */
export function dateFromFileNumber(fileNumber: string): string | undefined {
  const m = /\/(\d{1,2})[–-](\d{3,4})(?![\d])/.exec(fileNumber);
  if (!m) return undefined;
  const month = Number(m[1]);
  const rest = m[2]!;
  const day = Number(rest.slice(0, rest.length - 2));
  const year = 1900 + Number(rest.slice(-2));
  return isoDate(year, month, day);
}

/** `10 p.m.`, `4:55 p. m.`, `noon`, `midnight` -> `HH:MM:SS`. */
export function parseClock(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  if (/^noon\.?$/.test(t)) return '12:00:00';
  if (/^midnight\.?$/.test(t)) return '00:00:00';
  const m = /^(\d{1,2})(?::(\d{2}))?\s*([ap])\.\s?m\.?$/.exec(t);
  if (!m) return undefined;
  let h = Number(m[1]);
  const min = Number(m[2] ?? '0');
  if (h < 1 || h > 12 || min > 59) return undefined;
  if (m[3] === 'p' && h !== 12) h += 12;
  if (m[3] === 'a' && h === 12) h = 0;
  return `${pad(h)}:${pad(min)}:00`;
}

export interface Dateline {
  /** Place as printed, brackets removed (`[Washington,]` -> Washington). */
  place?: string;
  /** Offsets of the place and date text within the line, for tagging. */
  placeStart?: number;
  placeEnd?: number;
  dateStart: number;
  dateEnd: number;
  dateText: string;
  /** ISO date, or local dateTime without offset. */
  when: string;
  clock?: string;
}

const DATELINE = new RegExp(
  `^(?<pre>\\[?)(?:(?<place>[\\p{Lu}][\\p{L}.’' -]{1,40}?)(?<sep>,\\]?\\s+|\\]?,\\s+|\\s+))?(?<date>(?<month>${MONTH_ALT})\\s+(?<day>\\d{1,2}),\\s+(?<year>\\d{4})(?:(?:\\s*[—–-]\\s*|,\\s+)(?<time>noon|midnight|\\d{1,2}(?::\\d{2})?\\s*[ap]\\.\\s?m\\.?))?)(?<post>\\.?\\]?\\.?)$`,
  'u',
);

/** Parse a dateline line; undefined when the line is not one. */
export function parseDateline(line: string): Dateline | undefined {
  if (line.length > 90) return undefined;
  const m = DATELINE.exec(line.trim());
  if (!m?.groups) return undefined;
  const g = m.groups;
  const lead = line.length - line.trimStart().length;
  const date = isoDate(Number(g.year), MONTHS.indexOf(g.month!) + 1, Number(g.day));
  if (!date) return undefined;
  const clock = g.time ? parseClock(g.time) : undefined;
  const dateStart = lead + m.index + (g.pre?.length ?? 0) + (g.place?.length ?? 0) + (g.sep?.length ?? 0);
  let dateText = g.date!;
  // A final period of `p. m.` belongs to the date; a sentence period after a bare date does not.
  const result: Dateline = {
    dateStart,
    dateEnd: dateStart + dateText.length,
    dateText,
    when: clock ? `${date}T${clock}` : date,
    clock,
  };
  if (g.place) {
    result.place = g.place.trim();
    result.placeStart = lead + (g.pre?.length ?? 0);
    result.placeEnd = result.placeStart + g.place.length;
  }
  return result;
}

/** IANA zones for places that often head datelines; the offset for a date comes from tz data. */
const ZONES: Record<string, string> = {
  washington: 'America/New_York', 'new york': 'America/New_York', boston: 'America/New_York',
  chicago: 'America/Chicago', 'san francisco': 'America/Los_Angeles', ottawa: 'America/Toronto',
  london: 'Europe/London', paris: 'Europe/Paris', moscow: 'Europe/Moscow', berlin: 'Europe/Berlin',
  rome: 'Europe/Rome', athens: 'Europe/Athens', ankara: 'Europe/Istanbul', istanbul: 'Europe/Istanbul',
  nicosia: 'Asia/Nicosia', madrid: 'Europe/Madrid', lisbon: 'Europe/Lisbon', brussels: 'Europe/Brussels',
  'the hague': 'Europe/Amsterdam', vienna: 'Europe/Vienna', warsaw: 'Europe/Warsaw', prague: 'Europe/Prague',
  belgrade: 'Europe/Belgrade', bucharest: 'Europe/Bucharest', sofia: 'Europe/Sofia', budapest: 'Europe/Budapest',
  stockholm: 'Europe/Stockholm', oslo: 'Europe/Oslo', copenhagen: 'Europe/Copenhagen', helsinki: 'Europe/Helsinki',
  bern: 'Europe/Zurich', geneva: 'Europe/Zurich', cairo: 'Africa/Cairo', tehran: 'Asia/Tehran', teheran: 'Asia/Tehran',
  baghdad: 'Asia/Baghdad', karachi: 'Asia/Karachi', 'new delhi': 'Asia/Kolkata', delhi: 'Asia/Kolkata',
  tokyo: 'Asia/Tokyo', quito: 'America/Guayaquil', lima: 'America/Lima', bogotá: 'America/Bogota', bogota: 'America/Bogota',
  caracas: 'America/Caracas', 'mexico city': 'America/Mexico_City', 'rio de janeiro': 'America/Sao_Paulo',
  'buenos aires': 'America/Argentina/Buenos_Aires', santiago: 'America/Santiago', montevideo: 'America/Montevideo',
  havana: 'America/Havana', 'la paz': 'America/La_Paz', asunción: 'America/Asuncion', jerusalem: 'Asia/Jerusalem',
  'tel aviv': 'Asia/Jerusalem', beirut: 'Asia/Beirut', damascus: 'Asia/Damascus', amman: 'Asia/Amman', kabul: 'Asia/Kabul',
  jidda: 'Asia/Riyadh', jeddah: 'Asia/Riyadh', riyadh: 'Asia/Riyadh', 'addis ababa': 'Africa/Addis_Ababa',
  seoul: 'Asia/Seoul', manila: 'Asia/Manila', saigon: 'Asia/Ho_Chi_Minh', bangkok: 'Asia/Bangkok',
  rangoon: 'Asia/Yangon', colombo: 'Asia/Colombo', djakarta: 'Asia/Jakarta', jakarta: 'Asia/Jakarta',
  taipei: 'Asia/Taipei', peking: 'Asia/Shanghai', nanking: 'Asia/Shanghai', shanghai: 'Asia/Shanghai', chungking: 'Asia/Shanghai',
};

/** One formatter per zone, made on first use: making one costs ~0.3 ms, using it microseconds. */
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

function offsetFormat(zone: string): Intl.DateTimeFormat {
  let format = offsetFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    offsetFormats.set(zone, format);
  }
  return format;
}

/** `+05:30` for a place on a date and local time, from the tz database; undefined if unknown. */
export function utcOffset(place: string, localDateTime: string): string | undefined {
  const zone = ZONES[place.toLowerCase()];
  if (!zone) return undefined;
  try {
    // Guess the instant as if UTC, read the zone's offset there, then correct once.
    const asUtc = Date.parse(`${localDateTime}Z`);
    const format = offsetFormat(zone);
    const offsetAt = (ms: number): number => {
      const parts = format.formatToParts(new Date(ms));
      const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
      const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
      return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? '0')) : 0;
    };
    const offset = offsetAt(asUtc - offsetAt(asUtc) * 60000);
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  } catch {
    return undefined;
  }
}
