/**
 * The corpus files (corpus.ts) made in a worker thread of their own, with a capped heap: reading
 * every document's JSON back leaves much garbage that V8, far from its default limit, would let
 * pile up in the main thread (measured over 10,000 documents: ~290 MB peak with a cap, ~400 MB
 * without).
 */
import { writeCorpus, type CorpusDocument, type CorpusResult } from './corpus.js';

export default function corpus(task: { outDir: string; docs: CorpusDocument[] }): Promise<CorpusResult> {
  return writeCorpus(task.outDir, task.docs);
}
