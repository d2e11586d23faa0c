// Checks on the places and organisations authority registers (tei/places.xml, tei/orgs.xml):
// well-formed ids, one heading name per record, coordinates and Wikidata ids of the right shape,
// and that the period names the registers exist for can be found.
import { describe, it, expect } from 'vitest';
import { parseRegister } from './helpers.js';

type Attrs = Record<string, string | undefined>;
interface NameNode extends Attrs {
  '#text'?: string;
}
interface RecordNode extends Attrs {
  placeName?: NameNode[];
  orgName?: NameNode[];
  location?: { geo?: string; country?: NameNode }[];
  idno?: NameNode[];
  note?: (NameNode | string)[];
}

const ARRAYS = new Set(['place', 'org', 'placeName', 'orgName', 'idno', 'note', 'location']);

function load(file: string, list: 'listPlace' | 'listOrg', item: 'place' | 'org'): RecordNode[] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const doc = parseRegister(file, ARRAYS) as any;
  const records = doc?.TEI?.text?.body?.[list]?.[item] as RecordNode[] | undefined;
  if (!records) throw new Error(`no ${item} records in ${file}`);
  return records;
}

const text = (n: NameNode | string): string => (typeof n === 'string' ? n : (n['#text'] ?? '')).trim();
const fold = (s: string): string =>
  s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

const places = load('places.xml', 'listPlace', 'place');
const orgs = load('orgs.xml', 'listOrg', 'org');

function names(r: RecordNode): NameNode[] {
  return r.placeName ?? r.orgName ?? [];
}

function index(records: RecordNode[]): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const r of records) {
    for (const n of names(r)) {
      const k = text(n);
      if (!m.has(k)) m.set(k, new Set());
      m.get(k)!.add(r['xml:id']!);
    }
  }
  return m;
}
const placeIndex = index(places);
const orgIndex = index(orgs);

describe('authority registers: places and organisations', () => {
  it('are big enough to be useful', () => {
    expect(places.length).toBeGreaterThanOrEqual(500);
    expect(orgs.length).toBeGreaterThanOrEqual(150);
  });

  it('have unique ids with the pl- / org- prefixes', () => {
    const ids = [...places, ...orgs].map((r) => r['xml:id']);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of places) expect(r['xml:id']).toMatch(/^pl-[a-z0-9-]+$/);
    for (const r of orgs) expect(r['xml:id']).toMatch(/^org-[a-z0-9-]+$/);
  });

  it('give every record a type and exactly one main name', () => {
    for (const r of [...places, ...orgs]) {
      expect(r.type, r['xml:id']).toBeTruthy();
      const mains = names(r).filter((n) => n.type === 'main');
      expect(mains.length, r['xml:id']).toBe(1);
      expect(text(mains[0]).length, r['xml:id']).toBeGreaterThan(0);
      for (const n of names(r)) {
        expect(['main', 'historical', 'variant', 'abbr'], `${r['xml:id']}: ${text(n)}`).toContain(n.type);
      }
    }
  });

  it('date historical names with years, from not after to', () => {
    for (const r of [...places, ...orgs]) {
      for (const n of names(r)) {
        for (const a of ['from', 'to'] as const) {
          if (n[a] !== undefined) expect(n[a], `${r['xml:id']} ${a}`).toMatch(/^\d{4}$/);
        }
        if (n.from && n.to) expect(Number(n.from), r['xml:id']).toBeLessThanOrEqual(Number(n.to));
      }
    }
  });

  it('have well-formed coordinates (two numbers, in range)', () => {
    let withGeo = 0;
    for (const r of places) {
      for (const loc of r.location ?? []) {
        if (loc.geo === undefined) continue;
        withGeo++;
        const m = /^(-?\d{1,2}(?:\.\d+)?) (-?\d{1,3}(?:\.\d+)?)$/.exec(String(loc.geo).trim());
        expect(m, `${r['xml:id']}: ${loc.geo}`).not.toBeNull();
        const [lat, lon] = [Number(m![1]), Number(m![2])];
        expect(Math.abs(lat), r['xml:id']).toBeLessThanOrEqual(90);
        expect(Math.abs(lon), r['xml:id']).toBeLessThanOrEqual(180);
      }
    }
    expect(withGeo).toBeGreaterThan(500);
    // Cities and countries all carry coordinates.
    for (const r of places.filter((p) => p.type === 'city' || p.type === 'country')) {
      expect(r.location?.some((l) => l.geo !== undefined), r['xml:id']).toBe(true);
    }
  });

  it('point country references at existing place records', () => {
    const ids = new Set(places.map((p) => p['xml:id']));
    for (const r of places) {
      for (const loc of r.location ?? []) {
        if (!loc.country) continue;
        expect(loc.country.ref, r['xml:id']).toMatch(/^#pl-/);
        expect(ids.has(loc.country.ref!.slice(1)), `${r['xml:id']} -> ${loc.country.ref}`).toBe(true);
      }
    }
  });

  it('carry only well-formed Wikidata ids, none used twice', () => {
    for (const [label, records] of [['places', places], ['orgs', orgs]] as const) {
      const seen = new Map<string, string>();
      for (const r of records) {
        for (const idno of r.idno ?? []) {
          expect(idno.type, r['xml:id']).toBe('wikidata');
          const q = text(idno);
          expect(q, r['xml:id']).toMatch(/^Q\d+$/);
          expect(seen.get(q), `${label}: ${q} on ${r['xml:id']} and ${seen.get(q)}`).toBeUndefined();
          seen.set(q, r['xml:id']!);
        }
      }
    }
  });

  it('do not list adjectives or demonyms as names', () => {
    const adjectives = ['Soviet', 'British', 'American', 'French', 'Russian', 'Chinese', 'German', 'Soviets'];
    for (const a of adjectives) {
      expect(placeIndex.has(a), a).toBe(false);
    }
  });

  it('find the period place names the register exists for', () => {
    const expectPlace = (name: string, id: string) => {
      expect(placeIndex.get(name), name).toBeDefined();
      expect([...placeIndex.get(name)!], name).toContain(id);
    };
    expectPlace('Leningrad', 'pl-saint-petersburg');
    expectPlace('Peking', 'pl-beijing');
    expectPlace('Peiping', 'pl-beijing');
    expectPlace('Léopoldville', 'pl-kinshasa');
    expectPlace('Leopoldville', 'pl-kinshasa');
    expectPlace('Moscow', 'pl-moscow');
    expectPlace('England', 'pl-england');
    expectPlace('Soviet Union', 'pl-soviet-union');
    expectPlace('USSR', 'pl-soviet-union');
    expectPlace('Stalingrad', 'pl-volgograd');
    expectPlace('Batavia', 'pl-jakarta');
    expectPlace('Formosa', 'pl-taiwan');
    expectPlace('Ceylon', 'pl-sri-lanka');
    expectPlace('Siam', 'pl-thailand');
    expectPlace('Persia', 'pl-iran');
    expectPlace('Danzig', 'pl-gdansk');
    expectPlace('Königsberg', 'pl-kaliningrad');
    expectPlace('Saigon', 'pl-ho-chi-minh-city');
    expectPlace('Manchukuo', 'pl-manchukuo');
  });

  it('date the Leningrad name 1924-1991', () => {
    const spb = places.find((p) => p['xml:id'] === 'pl-saint-petersburg')!;
    const leningrad = names(spb).find((n) => text(n) === 'Leningrad')!;
    expect(leningrad.type).toBe('historical');
    expect(leningrad.from).toBe('1924');
    expect(leningrad.to).toBe('1991');
  });

  it('find the organisations named in Soviet reporting and the UN', () => {
    const expectOrg = (name: string, id: string) => {
      expect(orgIndex.get(name), name).toBeDefined();
      expect([...orgIndex.get(name)!], name).toContain(id);
    };
    expectOrg('United Nations', 'org-un');
    expectOrg('UN', 'org-un');
    expectOrg('Stalin Tank School', 'org-stalin-tank-school');
    expectOrg('Frunze Military Academy', 'org-frunze-academy');
    expectOrg('Frunze Academy', 'org-frunze-academy');
    expectOrg('Voroshilov Military Academy', 'org-voroshilov-academy');
    expectOrg('Voroshilov Academy', 'org-voroshilov-academy');
    expectOrg('Department of State', 'org-department-of-state');
    expectOrg('Imperial General Staff', 'org-imperial-general-staff');
    expectOrg('Kremlin', 'org-kremlin');
  });

  it('look names up regardless of case and accents', () => {
    const folded = new Map<string, Set<string>>();
    for (const [k, v] of placeIndex) {
      const f = fold(k);
      if (!folded.has(f)) folded.set(f, new Set());
      for (const id of v) folded.get(f)!.add(id);
    }
    expect(folded.get(fold('LEOPOLDVILLE'))).toContain('pl-kinshasa');
    expect(folded.get(fold('wroclaw'))).toContain('pl-wroclaw');
  });
});
