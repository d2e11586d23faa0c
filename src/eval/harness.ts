/**
 * The eval command's harness: convert every raw file of a corpus, compare each with its gold
 * TEI field by field, and gather the scores. File reading happens here (an edge of the
 * program); conversion is passed in, so the harness measures exactly what the CLI runs.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { basename, dirname, join } from 'node:path';
import { convertBytes, type ConversionResult } from '../index.js';
import { loadUserPersons, type AnnotateOptions, type Registers } from '../annotate/index.js';
import { aggregate, compareDocuments, type CorpusScore, type DocumentScore } from './compare.js';
import { extractFields } from './tei-fields.js';

export interface ManifestDocument {
  id: string;
  volume: string;
  variant: 'full' | 'bare' | string;
}

export interface EvalCorpus {
  goldDir: string;
  rawDir: string;
  /** manifest.json of the corpus (bare variants; persons lists per volume), when present. */
  manifest?: { documents: ManifestDocument[]; volumes: { id: string; persons?: { file: string } }[] };
  manifestDir?: string;
  /** Per volume, gold `@corresp` (`#p_SWB1`) -> people-database id (from hsg-people.jsonl.gz), for link accuracy. */
  goldPeople?: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/** The people database beside the corpus (`../shared/authority/hsg-people.jsonl.gz`), when present. */
export function defaultPeopleFile(corpus: EvalCorpus): string | undefined {
  if (!corpus.manifestDir) return undefined;
  const f = join(corpus.manifestDir, '..', '..', 'authority', 'hsg-people.jsonl.gz');
  return existsSync(f) ? f : undefined;
}

/**
 * Maps each FRUS volume's persons-list ids to people-database ids, through the database's source
 * URLs (`…/historicaldocuments/frus1955-57v24/persons#p_DJF1`).
 */
export function readGoldPeople(file: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const text = gunzipSync(readFileSync(file)).toString('utf8');
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const p = JSON.parse(line) as { id: string; forms?: { sources: string[] }[]; remarks?: { sources: string[] }[] };
    for (const x of [...(p.forms ?? []), ...(p.remarks ?? [])]) {
      for (const url of x.sources) {
        const m = /historicaldocuments\/([^/]+)\/persons#(.+)$/.exec(url);
        if (!m) continue;
        const vol = out.get(m[1]!) ?? out.set(m[1]!, new Map()).get(m[1]!)!;
        vol.set(`#${m[2]}`, p.id);
      }
    }
  }
  return out;
}

export type Converter = (bytes: Uint8Array, file: string, context: { volume?: string; personsFile?: string }) => ConversionResult;

export function loadCorpus(goldDir: string, rawDir: string, manifestPath?: string, peopleFile?: string): EvalCorpus {
  const path = manifestPath ?? join(dirname(goldDir.replace(/\/+$/, '')), 'manifest.json');
  const corpus: EvalCorpus = existsSync(path) ? { goldDir, rawDir, manifest: JSON.parse(readFileSync(path, 'utf8')), manifestDir: dirname(path) } : { goldDir, rawDir };
  const people = peopleFile ?? defaultPeopleFile(corpus);
  return people ? { ...corpus, goldPeople: readGoldPeople(people) } : corpus;
}

export interface EvalResult {
  scores: DocumentScore[];
  corpus: CorpusScore;
  seconds: number;
}

export function runEval(corpus: EvalCorpus, convert: Converter): EvalResult {
  const started = performance.now();
  const raws = readdirSync(corpus.rawDir).filter((f) => f.endsWith('.txt')).sort();
  const scores: DocumentScore[] = [];
  for (const rawName of raws) {
    const id = basename(rawName, '.txt');
    const goldPath = join(corpus.goldDir, `${id}.xml`);
    if (!existsSync(goldPath)) continue;
    const entry = corpus.manifest?.documents.find((d) => d.id === id);
    const volume = corpus.manifest?.volumes.find((v) => v.id === entry?.volume);
    const personsFile = volume?.persons && corpus.manifestDir ? join(corpus.manifestDir, volume.persons.file) : undefined;
    const gold = extractFields(readFileSync(goldPath, 'utf8'), { bare: entry?.variant === 'bare' });
    if (!gold.ok) throw new Error(`${goldPath}: gold is not readable: ${gold.error}`);
    const result = convert(readFileSync(join(corpus.rawDir, rawName)), join(corpus.rawDir, rawName), { volume: entry?.volume, personsFile });
    const tei = result.documents[0]?.tei?.xml;
    const predicted = tei ? extractFields(tei) : undefined;
    scores.push(
      compareDocuments(gold.fields, predicted?.ok ? predicted.fields : undefined, {
        id,
        ...(entry?.volume && corpus.goldPeople?.get(entry.volume) ? { goldPeople: corpus.goldPeople.get(entry.volume)! } : {}),
        error: !tei ? result.messages.concat(result.documents.flatMap((d) => d.messages)).find((m) => m.severity === 'error')?.text ?? 'not produced' : predicted && !predicted.ok ? predicted.error : undefined,
      }),
    );
  }
  return { scores, corpus: aggregate(scores), seconds: (performance.now() - started) / 1000 };
}

/**
 * The converter the eval measures: the full pipeline with the registers, and for each volume the
 * persons list its manifest names (read once), as a user would pass with --persons (unless
 * `lists: false`: the registers alone, as on a volume without a list).
 */
export function pipelineConverter(registers: Registers, options: { lists?: boolean } = {}): Converter {
  const persons = new Map<string, AnnotateOptions['userPersons']>();
  const lists = options.lists ?? true;
  return (bytes, file, context) => {
    let userPersons: AnnotateOptions['userPersons'];
    if (context.personsFile && lists) {
      if (!persons.has(context.personsFile)) {
        const loaded = loadUserPersons(readFileSync(context.personsFile, 'utf8'), context.personsFile);
        persons.set(context.personsFile, 'error' in loaded ? undefined : loaded);
      }
      userPersons = persons.get(context.personsFile);
    }
    return convertBytes(bytes, { file, annotate: { registers, userPersons } });
  };
}
