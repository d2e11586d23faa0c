/**
 * `telegram-tei batch <dir|file|glob>... --out DIR [--jobs N] [--force] [--shard I/N]
 *  [--persons FILE] [--text raw|reading]`: argv -> runBatch -> progress, failures and a summary
 * on the terminal, and the exit status (0 all converted, 1 some failed or a file of the run could
 * not be written, 2 usage or nothing done (--out unusable or in use, a broken --persons list),
 * 130/143 when interrupted by SIGINT/SIGTERM).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BATCH as USAGE } from '../cli-help.js';
import { formatMessage, printablePath, type Message } from '../messages.js';
import { InputError, parseShard } from './inputs.js';
import { formatDuration, ProgressDisplay } from './progress.js';
import { BatchUsageError, OutputRefusedError, PersonsListError, reportFileName, runBatch, type BatchResult } from './run.js';
import type { ReportInput } from './report.js';

/** Most failures printed one by one; the rest are in report.json. */
const MAX_FAILURE_LINES = 20;

/** The first warnings of each input printed; all are in report.json. */
export const MAX_WARNING_LINES_PER_INPUT = 3;

/**
 * An input's warnings as `file:line:col: warning: …` lines, the first few, then where the rest
 * are. A warning about the TEI (rule tei/…) names the TEI file written, whose lines it counts;
 * the others name the input.
 */
export function warningLines(record: ReportInput, out: string, reportPath: string): string[] {
  const warnings = [
    ...record.messages.map((m) => ({ ...m, file: printablePath(record.path) })),
    ...record.documents.flatMap((d) => d.messages.map((m) => ({
      ...m, file: printablePath(m.rule.startsWith('tei/') && d.files ? join(out, d.files.tei) : record.path),
    }))),
  ].filter((m) => m.severity === 'warning');
  const lines = warnings.slice(0, MAX_WARNING_LINES_PER_INPUT).map((m) => formatMessage(m));
  const more = warnings.length - MAX_WARNING_LINES_PER_INPUT;
  if (more > 0) lines.push(`${printablePath(record.path)}: ${more} more warning${more === 1 ? '' : 's'} in ${printablePath(reportPath)}`);
  return lines;
}

function usageError(text: string): number {
  process.stderr.write(`telegram-tei: batch: ${text}\n\n${USAGE}\n`);
  return 2;
}

function failureLine(record: ReportInput, messages: readonly Message[]): string {
  const path = printablePath(record.path);
  // A failure reused from an earlier run comes with the messages that run recorded.
  const all = messages.length > 0
    ? messages
    : [...record.messages, ...record.documents.flatMap((d) => d.messages)].map((m) => ({ ...m, file: path }));
  const errors = all.filter((m) => m.severity === 'error');
  const first = errors[0];
  if (!first) return `${path}: error: conversion failed`;
  return formatMessage({ ...first, file: path }) + (errors.length > 1 ? ` (and ${errors.length - 1} more errors)` : '');
}

export async function batchCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        jobs: { type: 'string' },
        force: { type: 'boolean' },
        shard: { type: 'string' },
        persons: { type: 'string' },
        text: { type: 'string' },
        'worker-heap': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return usageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (positionals.length === 0) return usageError('name at least one input folder, file or glob');
  if (!values.out) return usageError('--out <dir> is required');
  if (values.text && values.text !== 'raw' && values.text !== 'reading') return usageError('--text takes raw or reading');
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    if (!/^\d+$/.test(values.jobs)) return usageError(`--jobs takes a whole number, not "${values.jobs}"`);
    jobs = Number(values.jobs);
  }
  let workerHeapMb: number | undefined;
  if (values['worker-heap'] !== undefined) {
    if (!/^\d+$/.test(values['worker-heap'])) return usageError(`--worker-heap takes megabytes, not "${values['worker-heap']}"`);
    workerHeapMb = Number(values['worker-heap']);
  }
  let shard;
  try {
    shard = values.shard ? parseShard(values.shard) : undefined;
  } catch (err) {
    if (err instanceof InputError) return usageError(err.message);
    throw err;
  }

  const stop = new AbortController();
  const discard = new AbortController();
  const display = new ProgressDisplay(process.stderr);
  let signalCode = 0;
  let alreadyStopping = false;
  const onSignal = (name: 'SIGINT' | 'SIGTERM') => {
    if (!stop.signal.aborted) {
      signalCode = name === 'SIGINT' ? 130 : 143;
      stop.abort();
      display.log(`batch: ${name}: stopping; the documents being converted will be finished and written (${name === 'SIGINT' ? 'Ctrl-C' : name} again to discard them)`);
    } else if (!discard.signal.aborted) {
      discard.abort();
      display.log(`batch: ${name} again: discarding the documents in flight`);
    } else if (!alreadyStopping) {
      alreadyStopping = true;
      display.log(`batch: ${name}: already stopping; writing the manifest and report.json`);
    }
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);

  const reportPath = join(values.out, reportFileName(shard));
  let failuresShown = 0;
  let result: BatchResult;
  try {
    result = await runBatch({
      inputs: positionals,
      out: values.out,
      jobs,
      force: values.force === true,
      shard,
      persons: values.persons,
      textLayout: values.text as 'raw' | 'reading' | undefined,
      workerHeapMb,
      signal: stop.signal,
      discard: discard.signal,
      onEvent(event) {
        if (event.kind === 'start') {
          const workers = event.jobs === 0 ? 'no workers (this thread)' : `${event.jobs} worker${event.jobs === 1 ? '' : 's'}`;
          display.log(`batch: ${event.total} input file${event.total === 1 ? '' : 's'}${shard ? ` in shard ${shard.index}/${shard.count}` : ''} below ${printablePath(event.root)}, ${workers}`);
        } else if (event.kind === 'warning') {
          display.log(`batch: warning: ${event.text}`);
        } else if (event.kind === 'corpus') {
          display.log(`batch: writing the corpus files (registers, documents.jsonl, index.html) for ${event.documents} document${event.documents === 1 ? '' : 's'}`);
        } else {
          if (event.record.status === 'failed' && failuresShown++ < MAX_FAILURE_LINES) display.log(failureLine(event.record, event.messages) + (event.record.reused ? ' (unchanged since the last run)' : ''));
          // (an unchanged input's warnings were printed when it was converted)
          if (!event.record.reused) for (const line of warningLines(event.record, values.out!, reportPath)) display.log(line);
          // Reused inputs finish at once: no progress line for them alone.
          const last = event.progress.done === event.progress.total;
          if (!event.record.reused || (last && event.progress.converted > 0)) display.update(event.progress, last);
        }
      },
    });
  } catch (err) {
    if (err instanceof BatchUsageError) return usageError(err.message);
    // Nothing was done: one line (a line per problem of a persons list), no usage text.
    if (err instanceof PersonsListError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    if (err instanceof OutputRefusedError) {
      process.stderr.write(`telegram-tei: batch: ${err.message}\n`);
      return 2;
    }
    throw err;
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    display.finish();
  }

  const t = result.report.totals;
  for (const failure of result.failures) process.stderr.write(`batch: error: ${failure}\n`);
  if (failuresShown > MAX_FAILURE_LINES) process.stderr.write(`batch: ${failuresShown - MAX_FAILURE_LINES} more failed inputs: see ${result.reportWritten ? result.reportPath : 'the report (not written)'}\n`);
  const seconds = result.elapsedMs / 1000;
  const rate = seconds > 0 ? result.converted / seconds : 0;
  const lines: string[] = [];
  if (t.inputs > 0 && result.report.inputs.every((r) => r.reused)) {
    lines.push(`batch: nothing to do: all ${t.inputs} input${t.inputs === 1 ? ' is' : 's are'} unchanged since the last run (--force converts them again)`);
  }
  lines.push(
    `batch: ${t.inputs} input${t.inputs === 1 ? '' : 's'}: ${t.converted} converted, ${t.unchanged} unchanged, ${t.failed} failed${t.pending ? `, ${t.pending} pending` : ''}; `
    + `${t.documents} document${t.documents === 1 ? '' : 's'}, ${t.warnings} warning${t.warnings === 1 ? '' : 's'}, ${t.errors} error${t.errors === 1 ? '' : 's'}; `
    + `${formatDuration(result.elapsedMs)}${result.converted > 0 ? `, ${rate.toFixed(1)} docs/s` : ''}`,
  );
  if (result.corpus?.unchanged) lines.push(`batch: corpus: ${result.corpus.written.join(', ')} unchanged`);
  else if (result.corpus) lines.push(`batch: corpus: ${result.corpus.documents} documents, ${result.corpus.entities} entities -> ${result.corpus.written.join(', ')}`);
  lines.push(`batch: report: ${result.reportWritten ? result.reportPath : 'not written (see the error above)'}`);
  if (result.interrupted) lines.push(`batch: interrupted: run the same command again to ${t.pending > 0 ? 'convert the pending inputs (finished ones are not redone)' : 'write the corpus files (no input is converted again)'}`);
  process.stdout.write(lines.join('\n') + '\n');
  if (signalCode) return signalCode;
  return result.exitCode;
}
