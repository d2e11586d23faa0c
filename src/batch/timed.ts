/**
 * convertBytes with each stage's milliseconds added to `t` (for `npm run bench`): the pipeline
 * of index.ts itself, asked for timings, so a timed run gives the same bytes as an ordinary one.
 */
import { convertBytes, type ConversionResult, type ConvertOptions } from '../index.js';
import type { StageTimings } from './stages.js';

export function convertBytesTimed(bytes: Uint8Array, options: ConvertOptions, t: StageTimings): ConversionResult {
  return convertBytes(bytes, { ...options, timings: t });
}
