/**
 * The accuracy ratchet: figures recorded in the repository (test/eval-thresholds.json) that the
 * eval must not fall below. Keys are `<field>` (strict rate), `<field>.soft`, `similarity`,
 * `personsStrictF1`, `personsFuzzyF1`, and for links to the people database `linkAccuracy`,
 * `highPrecision`, `mediumPrecision`.
 */
import type { CorpusScore } from './compare.js';

export type Thresholds = Record<string, number>;


/** Fields below their recorded figure: accuracy may only ratchet up. */
export function belowThresholds(corpus: CorpusScore, thresholds: Thresholds): string[] {
  const failures: string[] = [];
  for (const [key, min] of Object.entries(thresholds)) {
    if (key.startsWith('_')) continue; // comments
    const [field, measure] = key.split('.') as [string, string | undefined];
    let value: number | undefined;
    if (field === 'personsStrictF1') value = corpus.persons.strict.f1;
    else if (field === 'personsFuzzyF1') value = corpus.persons.fuzzy.f1;
    else if (field === 'similarity') value = corpus.meanSimilarity;
    else if (field === 'linkAccuracy') value = corpus.links?.accuracy;
    else if (field === 'highPrecision') value = corpus.links?.precision['high'];
    else if (field === 'mediumPrecision') value = corpus.links?.precision['medium'];
    else {
      const rate = corpus.fields.find((f) => f.field === field);
      value = rate ? (measure === 'soft' ? rate.rateSoft : rate.rateStrict) : undefined;
    }
    if (value === undefined) failures.push(`${key}: not measured`);
    else if (value + 1e-9 < min) failures.push(`${key}: ${value.toFixed(3)} is below the recorded ${min.toFixed(3)}`);
  }
  return failures;
}

