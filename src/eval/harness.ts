/**
 * The eval command's harness: convert every raw file of a corpus, compare each with its gold
 * TEI field by field, and gather the scores. File reading happens here (an edge of the
 * program); conversion is passed in, so the harness measures exactly what the CLI runs.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
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
}

export type Converter = (bytes: Uint8Array, file: string, context: { volume?: string; personsFile?: string }) => ConversionResult;

export function loadCorpus(goldDir: string, rawDir: string, manifestPath?: string): EvalCorpus {
  const path = manifestPath ?? join(dirname(goldDir.replace(/\/+$/, '')), 'manifest.json');
  if (!existsSync(path)) return { goldDir, rawDir };
  return { goldDir, rawDir, manifest: JSON.parse(readFileSync(path, 'utf8')), manifestDir: dirname(path) };
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
        error: !tei ? result.messages.concat(result.documents.flatMap((d) => d.messages)).find((m) => m.severity === 'error')?.text ?? 'not produced' : predicted && !predicted.ok ? predicted.error : undefined,
      }),
    );
  }
  return { scores, corpus: aggregate(scores), seconds: (performance.now() - started) / 1000 };
}

/**
 * The converter the eval measures: the full pipeline with the registers, and for each volume the
 * persons list its manifest names (read once), as a user would pass with --persons.
 */
export function pipelineConverter(registers: Registers): Converter {
  const persons = new Map<string, AnnotateOptions['userPersons']>();
  return (bytes, file, context) => {
    let userPersons: AnnotateOptions['userPersons'];
    if (context.personsFile) {
      if (!persons.has(context.personsFile)) {
        const loaded = loadUserPersons(readFileSync(context.personsFile, 'utf8'), context.personsFile);
        persons.set(context.personsFile, 'error' in loaded ? undefined : loaded);
      }
      userPersons = persons.get(context.personsFile);
    }
    return convertBytes(bytes, { file, annotate: { registers, userPersons } });
  };
}
