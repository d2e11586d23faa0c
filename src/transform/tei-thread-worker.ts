/**
 * The worker side of tei-thread.ts: answers validate and transform requests with the in-thread
 * stages, and meanwhile warms them up on a small document of its own (libxml2 compiles the schema,
 * SaxonJS prepares each stylesheet on its first use), one step per turn of the event loop so that
 * a request waits at most one step.
 */
import { workerData } from 'node:worker_threads';
import { parseTei, renderHtml, renderJsonText, renderText, type ParsedTei } from './stylesheets.js';
import { IN_THREAD } from './tei-stages.js';
import type { TeiReply, TeiRequest, TeiThreadData, TransformStep } from './tei-thread.js';

const { port, replies } = workerData as TeiThreadData;

function send(reply: TeiReply): void {
  port.postMessage(reply);
  Atomics.add(replies, 0, 1);
  Atomics.notify(replies, 0);
}

const failure = (err: unknown) => ({ name: (err as Error)?.name ?? 'Error', message: (err as Error)?.message ?? String(err) });

function serve(request: TeiRequest): void {
  const { id } = request;
  if (request.kind === 'validate') {
    try {
      send({ id, kind: 'validate', messages: IN_THREAD.validate(request.xml, request.file) });
    } catch (err) {
      send({ id, kind: 'validate', messages: [], error: failure(err) });
    }
    return;
  }
  let parsed: ParsedTei;
  try {
    parsed = parseTei(request.xml, request.file);
  } catch (err) {
    send({ id, kind: 'step', step: 'parse', error: failure(err) });
    return;
  }
  send({ id, kind: 'step', step: 'parse' });
  // the JSON as the stylesheet writes it: the main thread orders its keys (as renderJson does)
  const steps: [TransformStep, () => string][] = [
    ['json', () => renderJsonText(parsed)],
    ['html', () => renderHtml(parsed)],
    ['text', () => renderText(parsed, request.layout)],
  ];
  for (const [step, run] of steps) {
    try {
      send({ id, kind: 'step', step, value: run() });
    } catch (err) {
      send({ id, kind: 'step', step, error: failure(err) });
      return;
    }
  }
}

let requested = false;
port.on('message', (request: TeiRequest) => {
  requested = true;
  serve(request);
});

/** A small TEI document of our profile, enough for each stage to load and prepare what it needs. */
const SAMPLE = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>warm-up</title></titleStmt>'
  + '<publicationStmt><p>warm-up</p></publicationStmt><sourceDesc><p>warm-up</p></sourceDesc></fileDesc></teiHeader>'
  + '<text><body><div type="document" xml:id="d1"><head>warm-up</head><p>warm-up</p></div></body></text></TEI>';

// What a real request would otherwise load on its first use; skipped once a request has come (it loads them then).
const WARM_UP: (() => unknown)[] = [
  () => IN_THREAD.validate(SAMPLE, 'warm-up.tei.xml'),
  () => renderJsonText(parseTei(SAMPLE)),
  () => renderHtml(parseTei(SAMPLE)),
  () => renderText(parseTei(SAMPLE)),
];

function warmUp(step: number): void {
  if (requested || step >= WARM_UP.length) return;
  try {
    WARM_UP[step]!();
  } catch {
    // a warm-up that fails costs nothing: the real request reports its own errors
  }
  setImmediate(() => warmUp(step + 1));
}
setImmediate(() => warmUp(0));
