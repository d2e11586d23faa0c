/**
 * The stages a batch can time (`npm run bench`), and sums of their milliseconds. Kept apart from
 * timed.ts so that the main thread can add timings up without loading the pipeline itself.
 */
export const STAGES = ['read', 'parse', 'annotate', 'build', 'validate', 'html', 'text', 'json', 'write'] as const;
export type Stage = (typeof STAGES)[number];
export type StageTimings = Record<Stage, number>;

export function emptyTimings(): StageTimings {
  return { read: 0, parse: 0, annotate: 0, build: 0, validate: 0, html: 0, text: 0, json: 0, write: 0 };
}

export function addTimings(into: StageTimings, from: Partial<StageTimings>): void {
  for (const stage of STAGES) into[stage] += from[stage] ?? 0;
}
