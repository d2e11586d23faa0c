/**
 * The validate stage: schemas/telegram-tei.rng (libxml2-wasm) and the integrity rules.
 *
 *   - the TEI the parser and builder make of the bundled example, of layouts the corpus lacks and of
 *     every dev-corpus raw file is valid against our schema, with no rule errors; so is the same TEI with entity mentions in
 *     every place build.ts can put one and standOff records of every shape (a stand-in annotator);
 *   - broken samples give the expected messages, rule ids and line:column;
 *   - every TEI produced here, and what the whole pipeline makes of the seed, of hostile inputs and
 *     of generated documents, is also valid against tei_all.rng (our schema is a strict subset), and
 *     what our schema refuses for TEI's sake tei_all refuses too (tei_all compiled once);
 *   - the compile time of both schemas and the time per document are printed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XmlDocument } from 'libxml2-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../src/messages.js';
import { formatMessage } from '../src/messages.js';
import type { Cert, DocumentModel, EntityRecord, Inline, Mention, Resp } from '../src/model.js';
import { parseDocument } from '../src/parse/document.js';
import { buildTei } from '../src/tei/build.js';
import { checkRules, validateTeiDocument } from '../src/validate/index.js';
import { CompiledSchema, compiledSchema, PARSE_OPTIONS, SCHEMA_PATH, validateAgainst, validateTei, validateWith } from '../src/validate/relaxng.js';
import { corpusDir, hasCorpus, hasTeiAll, NEEDS, seedPath, seedText, skipNote, teiAllPath } from './helpers.js';
import fc from 'fast-check';
import { convertBytes, convertText } from '../src/index.js';
import { defaultRegisters } from '../src/annotate/index.js';
import { hostileCases } from './fixtures/hostile.js';
import { documentArb, renderGenerated } from './fixtures/generated.js';

// ------------------------------------------------------------------------------------------------
// Samples

function model(file: string, text = readFileSync(file, 'utf8')): DocumentModel {
  return parseDocument({ file, index: 0, count: 1, text, firstLine: 1 });
}

function tei(doc: DocumentModel, file: string): string {
  return buildTei(doc, { sourceName: file.split('/').pop()!, messages: doc.messages }).xml;
}

const INLINE_KINDS = new Set(['text', 'noteRef', 'pageBreak', 'mention', 'lineBreak', 'party']);
const isInline = (v: unknown): boolean => typeof v === 'object' && v !== null && INLINE_KINDS.has((v as { kind?: string }).kind ?? '');

/** Entity records of every shape build.ts writes. */
const RECORDS: EntityRecord[] = [
  { id: 'per-a', kind: 'person', name: 'Alpha Person', source: 'register', description: 'A description.', variants: ['A. Person', 'Alpha Person'], wikidata: 'Q42' },
  { id: 'per-b', kind: 'person', name: 'Beta Person', source: 'footnote' },
  { id: 'per-c', kind: 'person', name: 'Gamma Person', source: 'userlist', wikidata: 'Q1' },
  { id: 'per-d', kind: 'person', name: 'Delta Person', source: 'pattern' as EntityRecord['source'] },
  { id: 'pl-a', kind: 'place', name: 'Paris', source: 'register', description: 'Capital of France', variants: ['Paree'], wikidata: 'Q90' },
  { id: 'org-a', kind: 'org', name: 'Department of State', source: 'register', description: 'United States', variants: ['State'], wikidata: 'Q789915' },
  { id: 'org-b', kind: 'org', name: 'Foreign Office', source: 'register', description: 'British' },
  { id: 'role-a', kind: 'role', name: 'the Secretary', source: 'register', personRef: 'per-a' },
];
const RESPS: Resp[] = ['register', 'footnote', 'pattern', 'userlist'];
const CERTS: Cert[] = ['high', 'medium', 'low'];
const DATES: Pick<Mention, 'when' | 'from' | 'to'>[] = [
  { when: '1948-03-01' }, { when: '1948-03-01T16:00:00+05:30' }, { when: '1948-03-01T16:00:00' }, { when: '1948-03' },
  { when: '1948' }, { when: '--01-10' }, { from: '1948-03-01', to: '1948-03-04' }, { from: '1948-03' }, { to: '1948-03-04' },
];

/**
 * A stand-in for the annotator: the first word of every text run, wherever inline content occurs in
 * the model (head, paragraphs, list heads and items, table cells, footnotes, closer, enclosures…),
 * becomes a mention, cycling through the mention types and attribute combinations.
 */
function annotateEverywhere(doc: DocumentModel): DocumentModel {
  let k = 0;
  const mention = (text: string, at: Mention['at']): Mention => {
    const i = k++;
    const type = (['person', 'place', 'org', 'role', 'date'] as const)[i % 5]!;
    const m: Mention = { kind: 'mention', type, text, at, resp: RESPS[i % 4]!, cert: CERTS[i % 3]! };
    if (type === 'person') {
      m.ref = ['per-a', 'per-b', 'per-c', 'per-d'][i % 4]!;
      if (i % 2 === 0) m.corresp = 'p_AK1';
    } else if (type === 'place') m.ref = 'pl-a';
    else if (type === 'org') m.ref = i % 2 ? 'org-a' : 'org-b';
    else if (type === 'role') m.ref = 'per-a';
    else Object.assign(m, DATES[Math.floor(i / 5) % DATES.length]);
    return m;
  };
  const split = (inlines: Inline[]): Inline[] =>
    inlines.flatMap((inl): Inline[] => {
      if (inl.kind !== 'text') return [inl];
      const m = /^(\s*)(\S+)([\s\S]*)$/.exec(inl.text);
      if (!m) return [inl];
      return [
        ...(m[1] ? [{ kind: 'text' as const, text: m[1], at: inl.at }] : []),
        mention(m[2]!, inl.at),
        ...(m[3] ? [{ kind: 'text' as const, text: m[3], at: inl.at }] : []),
      ];
    });
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.some(isInline) ? split(value as Inline[]) : value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, key === 'messages' || key === 'entities' ? v : walk(v)]));
  };
  return { ...(walk(doc) as DocumentModel), entities: RECORDS };
}

interface Sample {
  name: string;
  xml: string;
}

/** Layouts the dev corpus lacks: a salutation, a closing phrase, an enclosure with a page break. */
const LAYOUTS: { file: string; text: string }[] = [
  {
    file: 'layout-despatch-enclosure.txt',
    text: [
      '811.00/1: Despatch', '', 'The Ambassador in France (Caffery) to the Secretary of State', '', '',
      'Paris, August 3, 1948.', '', 'Sir:', '', 'I have the honor to report.', '', 'Respectfully yours,', '', 'Jefferson Caffery', '',
      '[Enclosure]', '', 'Memorandum on the situation.', '', '[Page 12]', '', 'A second paragraph.', '',
    ].join('\n'),
  },
];

const corpusFiles = hasCorpus ? readdirSync(join(corpusDir, 'raw')).filter((f) => f.endsWith('.txt')).sort().map((f) => join(corpusDir, 'raw', f)) : [];
const sources = [
  { file: seedPath, text: readFileSync(seedPath, 'utf8') },
  ...LAYOUTS,
  ...corpusFiles.map((f) => ({ file: f, text: readFileSync(f, 'utf8') })),
];
const plain: Sample[] = sources.map(({ file, text }) => ({ name: file.split('/').pop()!, xml: tei(model(file, text), file) }));
const annotated: Sample[] = sources.map(({ file, text }) => ({ name: `${file.split('/').pop()!} (with mentions)`, xml: tei(annotateEverywhere(model(file, text)), file) }));
const seed = plain[0]!.xml;
const seedAnnotated = annotated[0]!.xml;
const firstCorpus = 1 + LAYOUTS.length;

const errors = (messages: readonly Message[]) => messages.filter((m) => m.severity === 'error').map(formatMessage);

/** 1-based line and column of the n-th occurrence of `needle` (plus `shift` characters). */
function positionOf(xml: string, needle: string, nth = 0, shift = 0): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = xml.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" #${nth} not in sample`);
  }
  at += shift;
  const before = xml.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - (before.lastIndexOf('\n') + 1) + 1 };
}

function only(messages: readonly Message[], rule: string): Message[] {
  return messages.filter((m) => m.rule === rule);
}

// ------------------------------------------------------------------------------------------------

describe('our schema: compile and speed', () => {
  it('compiles schemas/telegram-tei.rng quickly', () => {
    const schema = CompiledSchema.compile(SCHEMA_PATH);
    console.info(`[validate] telegram-tei.rng compiles in ${schema.compileMs.toFixed(0)} ms`);
    schema.dispose();
    expect(schema.compileMs).toBeLessThan(5_000);
  });

  it('validates a document (parse, schema, rules) in a few milliseconds', () => {
    const docs = [...plain, ...annotated];
    for (const d of docs) validateTeiDocument(d.xml, d.name); // warm up
    const rounds = 5;
    const time = (fn: (xml: string, file: string) => unknown) => {
      const t0 = performance.now();
      for (let r = 0; r < rounds; r++) for (const d of docs) fn(d.xml, d.name);
      return (performance.now() - t0) / rounds / docs.length;
    };
    const all = time(validateTeiDocument);
    const schema = time(validateTei);
    const rules = time(checkRules);
    const kb = docs.reduce((a, d) => a + d.xml.length, 0) / docs.length / 1024;
    console.info(
      `[validate] ${docs.length} documents, ${kb.toFixed(1)} KB on average: ${all.toFixed(2)} ms each for the stage ` +
        `(schema alone ${schema.toFixed(2)} ms, rules alone ${rules.toFixed(2)} ms, each with its own parse)`,
    );
    expect(all).toBeLessThan(25); // generous: shared CI machines
  });
});

describe('the TEI we make is valid', () => {
  it('the bundled example', () => {
    expect(validateTeiDocument(seed, 'seed.tei.xml')).toEqual([]);
  });

  it('the bundled example with mentions and standOff records of every kind', () => {
    expect(seedAnnotated).toContain('<listOrg>');
    expect(seedAnnotated).toContain('<gloss type="role"');
    expect(validateTeiDocument(seedAnnotated, 'seed.tei.xml')).toEqual([]);
  });

  it.each([...plain.slice(1, firstCorpus), ...annotated.slice(1, firstCorpus)])('$name', ({ name, xml }) => {
    expect(xml).toContain('<salute>');
    expect(xml).toContain('<postscript>');
    expect(validateTeiDocument(xml, name)).toEqual([]);
  });

  it('a multi-line copy (for line numbers below)', () => {
    expect(validateTeiDocument(seedAnnotated.replace(/></g, '>\n<'), 'seed.tei.xml')).toEqual([]);
  });

  describe.skipIf(!hasCorpus)(hasCorpus ? 'every dev-corpus document' : skipNote('every dev-corpus document'), () => {
    it.each(plain.slice(firstCorpus))('$name', ({ name, xml }) => {
      expect(errors(validateTeiDocument(xml, name))).toEqual([]);
    });
    it.each(annotated.slice(firstCorpus))('$name', ({ name, xml }) => {
      expect(errors(validateTeiDocument(xml, name))).toEqual([]);
    });
    it('warns, not fails, on what FRUS prints out of sequence', () => {
      const d418 = plain.find((s) => s.name === 'frus1942v06_d418.txt');
      if (!d418) return;
      const messages = validateTeiDocument(d418.xml, d418.name);
      expect(messages.map((m) => [m.severity, m.rule])).toEqual([['warning', 'tei/footnote-order']]);
    });
  });
});

describe('broken samples', () => {
  const file = 'broken.tei.xml';
  const lines = seedAnnotated.replace(/></g, '>\n<');

  it('a duplicate xml:id: one message, at the second, naming the first', () => {
    const xml = lines.replace('xml:id="smith-1947-01-14-montgomery-visitfn2"', 'xml:id="smith-1947-01-14-montgomery-visitfn1"');
    const messages = validateTeiDocument(xml, file);
    expect(messages.map((m) => m.rule)).toEqual(['tei/duplicate-id']);
    const first = positionOf(xml, 'xml:id="smith-1947-01-14-montgomery-visitfn1"', 0);
    expect(messages[0]).toMatchObject({ severity: 'error', ...positionOf(xml, 'xml:id="smith-1947-01-14-montgomery-visitfn1"', 1) });
    expect(messages[0]!.line).toBeGreaterThan(1);
    expect(messages[0]!.text).toContain(`already used at ${first.line}:${first.column}`);
    // The schema alone (xs:ID) says so too, at the same place.
    expect(validateTei(xml, file)[0]).toMatchObject({ rule: 'tei/schema', ...positionOf(xml, 'xml:id="smith-1947-01-14-montgomery-visitfn1"', 1) });
  });

  it('a dangling #pointer', () => {
    const xml = lines.replace('corresp="#pl-a"', 'corresp="#pl-nowhere"');
    const messages = validateTeiDocument(xml, file);
    expect(messages).toEqual([
      expect.objectContaining({ severity: 'error', rule: 'tei/dangling-pointer', ...positionOf(xml, 'corresp="#pl-nowhere"') }),
    ]);
    expect(messages[0]!.text).toMatch(/@corresp="#pl-nowhere" points to no xml:id/);
  });

  it('a #pointer to the wrong kind of record', () => {
    const xml = lines.replace('corresp="#pl-a"', 'corresp="#org-a"');
    expect(validateTeiDocument(xml, file)).toEqual([
      expect.objectContaining({ rule: 'tei/pointer-target', ...positionOf(xml, 'corresp="#org-a"'), text: expect.stringMatching(/must point to place, but "#org-a" is a org/) }),
    ]);
  });

  it('@corresp to the user persons list (#p_…) may point outside the document; other ids may not', () => {
    expect(validateTeiDocument(lines, file)).toEqual([]); // corresp="#p_AK1" throughout
    const xml = lines.replace('corresp="#p_AK1"', 'corresp="#AK1"');
    expect(only(validateTeiDocument(xml, file), 'tei/dangling-pointer')).toHaveLength(1);
  });

  it('a bad @cert', () => {
    const xml = lines.replace(/(<placeName corresp="#pl-a"[^>]*cert=")[a-z]+"/, '$1certain"');
    const messages = validateTeiDocument(xml, file);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages[0]).toMatchObject({ severity: 'error', rule: 'tei/schema', ...positionOf(xml, 'cert="certain"') });
    expect(messages[0]!.text).toMatch(/Invalid attribute cert for element placeName/);
  });

  it('@resp without @cert on a mention', () => {
    const xml = lines.replace(/(<placeName corresp="#pl-a" resp="[^"]*") cert="[a-z]+"/, '$1');
    const messages = validateTeiDocument(xml, file);
    expect(messages).toEqual([expect.objectContaining({ rule: 'tei/resp-without-cert', ...positionOf(xml, '<placeName corresp="#pl-a"', 0, '<placeName corresp="#pl-a" '.length) })]);
  });

  it('an unknown element', () => {
    const xml = lines.replace('<head>', '<head><foo/>');
    const messages = validateTeiDocument(xml, file);
    expect(messages).toEqual([
      expect.objectContaining({ severity: 'error', rule: 'tei/schema', ...positionOf(xml, '<foo/>'), text: expect.stringMatching(/Did not expect element foo there \(at TEI\/text\/body\/div\/head\/foo\)/) }),
    ]);
  });

  it('a footnote without @n', () => {
    const xml = lines.replace('<note n="2" ', '<note ');
    const messages = validateTeiDocument(xml, file);
    expect(only(messages, 'tei/note-id')).toEqual([expect.objectContaining({ ...positionOf(xml, '<note xml:id="smith-1947-01-14-montgomery-visitfn2"') })]);
    expect(only(messages, 'tei/schema').length).toBeGreaterThan(0);
  });

  it('footnotes out of order, twice the same number, a page twice: warnings', () => {
    const xml = lines.replace('<note n="3" ', '<note n="1" ').replace('<note n="4" ', '<note n="2" ');
    const messages = validateTeiDocument(xml, file);
    expect(messages.map((m) => [m.severity, m.rule])).toEqual([
      ['warning', 'tei/duplicate-footnote'],
      ['warning', 'tei/footnote-order'],
      ['warning', 'tei/duplicate-footnote'],
    ]);
    const pages = lines.replace(/<\/p>(\s*)<\/div>/, '<pb n="518" xml:id="pg_518-2"/></p>$1</div>');
    expect(pages).not.toBe(lines);
    expect(validateTeiDocument(pages, file).map((m) => [m.severity, m.rule])).toEqual([['warning', 'tei/duplicate-page']]);
  });

  it('not well-formed: libxml2 line:column', () => {
    const xml = lines.replace('</head>', '</heads>');
    const messages = validateTeiDocument(xml, file);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ severity: 'error', rule: 'tei/well-formed', line: positionOf(xml, '</heads>').line });
  });

  it('a DOCTYPE with an external entity: refused before parsing, nothing read', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE TEI [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n${seed.replace(/^<\?xml[^>]*\?>/, '').replace('<p>', '<p>&e;')}`;
    for (const messages of [validateTeiDocument(xml, file), validateTei(xml, file), checkRules(xml, file)]) {
      expect(messages).toEqual([expect.objectContaining({ severity: 'error', rule: 'tei/doctype', line: 2, column: 1 })]);
      expect(messages[0]!.text).toMatch(/XXE/);
    }
    // Even past that check, our parse options load no external entity.
    const doc = XmlDocument.fromString('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', { option: PARSE_OPTIONS });
    try {
      expect(doc.root.content).toBe('');
      expect(doc.warnings).toEqual([]);
    } finally {
      doc.dispose();
    }
  });

  it('TEI constraints our schema keeps: an empty correspAction, an org with note before idno', () => {
    const empty = seed.replace(/<correspAction type="sent">[\s\S]*?<\/correspAction>/, '<correspAction type="sent"/>');
    expect(only(validateTeiDocument(empty, file), 'tei/schema').length).toBeGreaterThan(0);
    const org = seedAnnotated.replace(/<orgName>Foreign Office<\/orgName>(\s*)<note>British<\/note>/, '<orgName>Foreign Office</orgName>$1<note>British</note>$1<idno type="wikidata">Q1</idno>');
    expect(org).not.toBe(seedAnnotated);
    // (the optional reason note after the description changes how the validator words it)
    expect(only(validateTeiDocument(org, file), 'tei/schema')[0]?.text).toMatch(/Did not expect element idno there|Element org has extra content/);
  });
});

// A build-side problem found while writing the schema, now fixed: no empty correspAction.
describe('the header of a document with an addressee only', () => {
  it('a head with an addressee only and no date: no empty correspAction type="sent"', () => {
    const text = 'Memorandum, by the Assistant Chief of the Division of Commercial Policy to the Secretary of State\n\n\nThe question of tariffs was discussed.\n';
    expect(errors(validateTeiDocument(tei(model('only-to.txt', text), 'only-to.txt'), 'only-to.tei.xml'))).toEqual([]);
  });
});

describe.skipIf(!hasTeiAll)(hasTeiAll ? 'tei_all.rng (libxml2-wasm): our TEI is TEI' : skipNote('tei_all.rng (libxml2-wasm): our TEI is TEI', NEEDS.teiAll), () => {
  let teiAll: CompiledSchema;
  beforeAll(() => {
    teiAll = compiledSchema(teiAllPath);
    console.info(`[validate] tei_all.rng compiles in ${(teiAll.compileMs / 1000).toFixed(1)} s`);
  }, 120_000);

  it('every document produced above is valid against tei_all', () => {
    const docs = [...plain, ...annotated, { name: 'multi-line', xml: seedAnnotated.replace(/></g, '>\n<') }];
    const t0 = performance.now();
    const invalid = docs.flatMap((d) => validateWith(teiAll, d.xml, d.name).map(formatMessage));
    const ms = (performance.now() - t0) / docs.length;
    console.info(`[validate] tei_all: ${ms.toFixed(2)} ms a document (parse and schema)`);
    expect(invalid).toEqual([]);
  }, 120_000);

  it('what our schema refuses for TEI reasons, tei_all refuses too', () => {
    const empty = seed.replace(/<correspAction type="sent">[\s\S]*?<\/correspAction>/, '<correspAction type="sent"/>');
    expect(validateWith(teiAll, empty, 'x').length).toBeGreaterThan(0);
    const org = seedAnnotated.replace(/<orgName>Foreign Office<\/orgName>(\s*)<note>British<\/note>/, '<orgName>Foreign Office</orgName>$1<note>British</note>$1<idno type="wikidata">Q1</idno>');
    expect(validateWith(teiAll, org, 'x').length).toBeGreaterThan(0);
    // validateAgainst: the same compiled schema (cached per path)
    expect(validateAgainst(teiAllPath, seed, 'seed')).toEqual([]);
  }, 120_000);

  // Every other kind of TEI the suite produces (once in test/tei-all.test.ts, here so that
  // tei_all.rng, ~12 s of CPU, is compiled once for the suite)
  describe('what the suite produces', () => {
    const registers = defaultRegisters();
    const invalid = (xmls: { name: string; xml: string }[]): string[] => xmls.flatMap((d) => validateWith(teiAll, d.xml, d.name).map(formatMessage));

    it('the seed telegram, through the whole pipeline', () => {
      const result = convertText(seedText(), { file: 'seed.txt', annotate: { registers } });
      expect(invalid(result.documents.map((d) => ({ name: 'seed', xml: d.tei!.xml })))).toEqual([]);
    });

    it('every hostile input that converts', () => {
      const docs = hostileCases()
        .filter((c) => !('error' in c.expect) && c.bytes.length < 100_000)
        .flatMap((c) => convertBytes(c.bytes, { file: `${c.name}.txt`, annotate: { registers } }).documents.slice(0, 5).map((d) => ({ name: c.name, xml: d.tei!.xml })));
      expect(docs.length).toBeGreaterThan(10);
      expect(invalid(docs)).toEqual([]);
    }, 120_000);

    it('generated documents', () => {
      const docs = fc.sample(documentArb, { numRuns: 25, seed: 1947 }).map((d, i) => ({ name: `generated-${i}`, xml: convertText(renderGenerated(d).text, { file: 'g.txt', annotate: { registers } }).documents[0]!.tei!.xml }));
      expect(invalid(docs)).toEqual([]);
    }, 120_000);
  });
});
