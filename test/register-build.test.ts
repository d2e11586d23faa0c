/**
 * The generated persons register (scripts/build-registers.mjs, `npm run build-registers`):
 * the committed tei/persons.xml.gz and tei/persons-index.json.gz are what the script makes from the
 * sources (same sources, same bytes), the register is valid TEI (tei_all.rng, jing), and each record
 * has one clean description.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { hasTeiAll, NEEDS, repoRoot, sharedDir, skipNote, teiAllPath } from './helpers.js';

const authority = join(sharedDir, 'authority');
const hasAuthority = existsSync(join(authority, 'hsg-people.jsonl.gz')) && existsSync(join(authority, 'pocom.tgz'));
const NEEDS_AUTHORITY = `the Office of the Historian's people database and POCOM at ${authority} (hsg-people.jsonl.gz, pocom.tgz; `
  + "they come with the project's shared folder beside the repository, as CI has it)";
const JING = '/usr/share/java/jing.jar';
const hasJing = existsSync(JING) && spawnSync('java', ['-version']).status === 0;
const hasScriptDeps = existsSync(join(repoRoot, 'dist', 'annotate', 'spelling.js'));

const committed = (name: string): Buffer => readFileSync(join(repoRoot, 'tei', name));
const registerXml = gunzipSync(committed('persons.xml.gz')).toString('utf8');
const tmp = mkdtempSync(join(tmpdir(), 'telegram-tei-registers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const buildTitle = 'the register built from the sources';
describe.skipIf(!hasAuthority || !hasScriptDeps)(
  !hasAuthority ? skipNote(buildTitle, NEEDS_AUTHORITY) : !hasScriptDeps ? skipNote(buildTitle, NEEDS.build) : buildTitle,
  () => {
    it('is, byte for byte, the committed register and index (same sources, same bytes)', () => {
      const run = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build-registers.mjs'), '--authority', authority, '--out', tmp], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^persons register: \d+ records/);
      for (const name of ['persons.xml.gz', 'persons-index.json.gz']) {
        expect(readFileSync(join(tmp, name)).equals(committed(name)), `${name}: run npm run build-registers and commit tei/`).toBe(true);
      }
    }, 300_000);
  },
);

const jingTitle = 'the register is TEI (tei_all.rng, jing)';
describe.skipIf(!hasTeiAll || !hasJing)(!hasTeiAll ? skipNote(jingTitle, NEEDS.teiAll) : !hasJing ? skipNote(jingTitle, NEEDS.jing) : jingTitle, () => {
  it('is valid against tei_all.rng', () => {
    const file = join(tmp, 'persons.xml');
    writeFileSync(file, registerXml);
    const run = spawnSync('java', ['-jar', JING, teiAllPath, file], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(`${run.stdout}${run.stderr}`.split('\n').filter(Boolean).slice(0, 10)).toEqual([]);
    expect(run.status).toBe(0);
  }, 300_000);
});

describe('the register: one clean description per record', () => {
  const persons = registerXml.match(/<person [\s\S]*?<\/person>/g) ?? [];
  const notes = persons.map((p) => [...p.matchAll(/<note>([^<]*)<\/note>/g)].map((m) => m[1]!));

  it('has at most one description a record, and one for nearly every record', () => {
    expect(persons.length).toBeGreaterThan(16_000);
    expect(notes.filter((n) => n.length > 1)).toEqual([]);
    expect(notes.filter((n) => n.length === 1).length / persons.length).toBeGreaterThan(0.98);
  });

  it('gives each as a sentence: a capital first, a stop last, never a cross-reference ("see Qassim")', () => {
    const descriptions = notes.flat();
    expect(descriptions.filter((d) => !/^[\p{Lu}\p{N}(“"]/u.test(d)).slice(0, 5)).toEqual([]);
    expect(descriptions.filter((d) => !/[.)”"]$/.test(d)).slice(0, 5)).toEqual([]);
    expect(descriptions.filter((d) => /^see\s/i.test(d))).toEqual([]);
  });

  it('names a post by the country as it was then, with its article, and one year once', () => {
    const cameron = persons.find((p) => p.includes('<idno type="pocom">cameron-simon</idno>')) ?? '';
    expect(cameron).toContain('<note>Envoy Extraordinary and Minister Plenipotentiary to Russia, 1862.</note>');
    const smith = persons.find((p) => p.includes('<idno type="pocom">smith-walter-bedell</idno>')) ?? '';
    expect(smith).toContain('Ambassador Extraordinary and Plenipotentiary to the Soviet Union</occupation>');
  });
});
