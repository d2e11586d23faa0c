/**
 * The accuracy ratchet: the eval command's measurement of the dev corpus against the Office of
 * the Historian's gold must not fall below the figures recorded in test/eval-thresholds.json.
 * (Raise them when the conversion improves; never lower them.)
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultRegisters } from '../src/annotate/index.js';
import { loadCorpus, pipelineConverter, runEval } from '../src/eval/harness.js';
import { formatTable } from '../src/eval/compare.js';
import { belowThresholds, type Thresholds } from '../src/eval/thresholds.js';
import { corpusDir, hasCorpus, repoRoot, skipNote } from './helpers.js';

describe.skipIf(!hasCorpus)(hasCorpus ? 'eval on the dev corpus' : skipNote('the eval'), () => {
  it('keeps every field at or above its recorded figure', () => {
    const corpus = loadCorpus(join(corpusDir, 'gold'), join(corpusDir, 'raw'));
    const result = runEval(corpus, pipelineConverter(defaultRegisters()));
    console.info(formatTable(result.corpus));
    const thresholds = JSON.parse(readFileSync(join(repoRoot, 'test', 'eval-thresholds.json'), 'utf8')) as Thresholds;
    expect(belowThresholds(result.corpus, thresholds)).toEqual([]);
    expect(result.corpus.produced).toBe(result.corpus.documents);
  });

  it('keeps persons and links at or above their figures without the persons lists', () => {
    const corpus = loadCorpus(join(corpusDir, 'gold'), join(corpusDir, 'raw'));
    const result = runEval(corpus, pipelineConverter(defaultRegisters(), { lists: false }));
    console.info(formatTable(result.corpus));
    expect(result.corpus.links, 'the people database (../shared/authority) maps the gold ids').toBeDefined();
    const thresholds = JSON.parse(readFileSync(join(repoRoot, 'test', 'eval-thresholds-no-lists.json'), 'utf8')) as Thresholds;
    expect(belowThresholds(result.corpus, thresholds)).toEqual([]);
  });
});
