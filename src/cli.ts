#!/usr/bin/env node
/**
 * The command line: parse argv, call the library, print messages, set the exit code.
 * Nothing else prints or exits.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatMessage, hasErrors, message, printablePath, type Message } from './messages.js';
import { documentStem, outputPath, safeStem } from './write/names.js';
import { writeFilesAtomically, type WriteGuard } from './write/atomic.js';
import { identities, OutputRefusedError, prepareOutputFolder, replacedInput, sweepTemporaries, writeFailureReason } from './write/guard.js';
import { lockFolder } from './write/lock.js';
import type { TaskOutput, ThreadSettings } from './batch/task.js';
import type { Thresholds } from './eval/thresholds.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';
// Each command loads the modules it needs when it runs (a cold start pays only for its own).

const USAGE = `${TOOL_NAME} ${TOOL_VERSION}: raw FRUS documents to TEI, HTML, text and JSON

Usage:
  telegram-tei convert <file.txt>... --out <dir> [--persons <list.xml>] [--text raw|reading] [--jobs N]
  telegram-tei batch <dir|file|glob>... --out <dir> [--jobs N] [--force] [--shard I/N] [--persons <list.xml>]
                     [--text raw|reading] [--worker-heap MB]
  telegram-tei validate <file.tei.xml>...
  telegram-tei entities <file.tei.xml>
  telegram-tei eval --gold <dir> --raw <dir> [--json <file>] [--min <thresholds.json>] [--no-lists] [--people <hsg-people.jsonl.gz>]

Exit status: 0 when every input succeeded, 1 when any failed (or a file could not be written),
2 when nothing was done (a usage error, an unusable or busy --out, a broken --persons list),
130/143 when a batch is interrupted (SIGINT/SIGTERM).`;

class UsageError extends Error {}

/** Nothing was done, for a reason the message gives in full (no usage text): exit 2. */
class RefusedError extends Error {}

function printMessages(messages: readonly Message[], minimum: 'warning' | 'error' = 'warning'): void {
  for (const m of messages) {
    if (minimum === 'error' && m.severity !== 'error') continue;
    if (m.severity === 'info') continue;
    process.stderr.write(formatMessage(m) + '\n');
  }
}

/** The thread settings of a conversion: the --persons list read and checked here, once, before any work. */
async function threadSettings(personsPath: string | undefined, textLayout: 'raw' | 'reading'): Promise<ThreadSettings> {
  if (!personsPath) return { textLayout };
  const xml = await readFile(personsPath, 'utf8').catch(() => {
    throw new UsageError(`${personsPath}: cannot read the persons list`);
  });
  const { personsListProblems, personsListRefusal } = await import('./annotate/persons-list.js');
  const problems = personsListProblems(xml, personsPath);
  if (problems.length > 0) throw new RefusedError(personsListRefusal(problems));
  const { loadUserPersons } = await import('./annotate/index.js');
  const userPersons = loadUserPersons(xml, personsPath);
  if ('error' in userPersons) throw new UsageError(userPersons.error);
  return { textLayout, persons: { xml, file: personsPath } };
}

/** One clear line for a failed input: its first error, and how many more there were. */
function failureLine(file: string, output: TaskOutput): string {
  const errors = [...output.messages, ...output.documents.flatMap((d) => d.messages)].filter((m) => m.severity === 'error');
  const first = errors[0] ?? message('error', 'convert/failed', 'conversion failed', file);
  return formatMessage(first) + (errors.length > 1 ? ` (and ${errors.length - 1} more errors)` : '');
}

async function convertCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, persons: { type: 'string' }, text: { type: 'string' }, jobs: { type: 'string' } },
  });
  if (positionals.length === 0) throw new UsageError('convert: name at least one input file');
  if (!values.out) throw new UsageError('convert: --out <dir> is required');
  if (values.text && values.text !== 'raw' && values.text !== 'reading') throw new UsageError('--text takes raw or reading');
  if (values.jobs !== undefined && !/^\d+$/.test(values.jobs)) throw new UsageError(`--jobs takes a whole number, not "${values.jobs}"`);
  const settings = await threadSettings(values.persons, (values.text as 'raw' | 'reading' | undefined) ?? 'raw');
  const realOut = await prepareOutputFolder(values.out);
  // An output never replaces an input (converting into the input's own folder, or through a
  // link to it): the inputs by identity, checked before anything is converted.
  const protect = await identities(positionals);
  const replaced = await replacedInput(realOut, positionals.map((f) => safeStem(f)), protect);
  if (replaced) {
    throw new OutputRefusedError(`--out ${values.out}: the output ${printablePath(join(values.out, replaced.output))} would replace the input ${printablePath(replaced.input)}; choose an --out that holds no input`);
  }
  const lock = await lockFolder(realOut, values.out);
  try {
    if (await lock.alone()) await sweepTemporaries(realOut, lock.since, 1);
    return await convertInputs(positionals, values.out, settings, values.jobs, { root: realOut, protect });
  } finally {
    await lock.release();
  }
}

async function convertInputs(positionals: readonly string[], out: string, settings: ThreadSettings, jobs: string | undefined, guard: WriteGuard): Promise<number> {
  const { convertFiles } = await import('./batch/convert-files.js');
  const stems = new Map<string, string>();
  let failed = 0;
  for await (const conversion of convertFiles(positionals, { settings, ...(jobs !== undefined ? { jobs: Number(jobs) } : {}) })) {
    const file = conversion.file;
    const shown = printablePath(file);
    if ('unreadable' in conversion) {
      process.stderr.write(`${shown}: error: cannot read the file (${conversion.unreadable}) [read/unreadable]\n`);
      failed++;
      continue;
    }
    const result = conversion.output;
    const documents = result.documents.map((d) => ({ ...d, stem: documentStem(file, d.index, d.count) }));
    printMessages([...result.messages, ...documents.flatMap((d) => d.messages)].filter((m) => m.severity === 'warning'));
    const ok = documents.length > 0 && documents.every((d) => d.ok && d.outputs) && !hasErrors(result.messages);
    const clash = documents.find((d) => stems.has(d.stem) && stems.get(d.stem) !== file);
    if (!ok || clash) {
      process.stderr.write((clash ? `${shown}: error: its outputs would overwrite those of ${printablePath(stems.get(clash.stem)!)} (same name ${clash.stem}) [write/name-clash]` : failureLine(file, result)) + '\n');
      failed++;
      continue;
    }
    const files = documents.flatMap((d) => [
      { path: outputPath(out, d.stem, 'tei'), content: d.outputs!.tei },
      { path: outputPath(out, d.stem, 'html'), content: d.outputs!.html },
      { path: outputPath(out, d.stem, 'text'), content: d.outputs!.text },
      { path: outputPath(out, d.stem, 'json'), content: d.outputs!.json },
    ]);
    try {
      await writeFilesAtomically(files, guard);
    } catch (err) {
      process.stderr.write(`${shown}: error: cannot write the outputs: ${writeFailureReason(err)} [write/failed]\n`);
      failed++;
      continue;
    }
    documents.forEach((d) => stems.set(d.stem, file));
    process.stdout.write(`${shown}: ${documents.length} document${documents.length === 1 ? '' : 's'} -> ${documents.map((d) => `${d.stem}.{tei.xml,html,txt,json}`).join(', ')}\n`);
  }
  return failed > 0 ? 1 : 0;
}

async function validateCommand(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length === 0) throw new UsageError('validate: name at least one TEI file');
  const { validateTeiDocument } = await import('./validate/index.js');
  const { decodeTeiBytes } = await import('./validate/decode.js');
  let failed = 0;
  for (const file of positionals) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (err) {
      process.stderr.write(`${printablePath(file)}: error: cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'unknown error'}) [read/unreadable]\n`);
      failed++;
      continue;
    }
    const decoded = decodeTeiBytes(bytes, file);
    const messages = 'error' in decoded ? [decoded.error] : validateTeiDocument(decoded.text, file);
    for (const m of messages) process.stdout.write(formatMessage(m) + '\n');
    if (messages.some((m) => m.severity === 'error')) failed++;
    else process.stdout.write(`${printablePath(file)}: valid\n`);
  }
  return failed > 0 ? 1 : 0;
}

async function entitiesCommand(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError('entities: name one TEI file');
  const xml = await readFile(positionals[0]!, 'utf8');
  const { vettingList } = await import('./annotate/vetting.js');
  process.stdout.write(vettingList(xml));
  return 0;
}

async function evalCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      gold: { type: 'string' }, raw: { type: 'string' }, json: { type: 'string' }, min: { type: 'string' }, manifest: { type: 'string' }, worst: { type: 'string' },
      people: { type: 'string' }, 'no-lists': { type: 'boolean' },
    },
  });
  if (!values.gold || !values.raw) throw new UsageError('eval: --gold <dir> and --raw <dir> are required');
  const { loadCorpus, pipelineConverter, runEval } = await import('./eval/harness.js');
  const { formatTable, worst } = await import('./eval/compare.js');
  const { belowThresholds } = await import('./eval/thresholds.js');
  const { defaultRegisters } = await import('./annotate/index.js');
  const corpus = loadCorpus(values.gold, values.raw, values.manifest, values.people);
  const result = runEval(corpus, pipelineConverter(defaultRegisters(), { lists: !values['no-lists'] }));
  process.stdout.write(formatTable(result.corpus) + '\n');
  const worstDocs = worst(result.scores, Number(values.worst ?? 10)).filter((w) => w.failing.length > 0);
  if (worstDocs.length > 0) {
    process.stdout.write('\nWorst documents (first difference in each failing field):\n');
    for (const w of worstDocs) {
      process.stdout.write(`  ${w.id}: ${w.failing.join(', ')}\n`);
      for (const d of w.differences.slice(0, 3)) process.stdout.write(`      ${d.field}: ${d.difference}\n`);
    }
  }
  process.stdout.write(`\n${result.scores.length} documents in ${result.seconds.toFixed(2)} s\n`);
  if (values.json) await writeFile(values.json, JSON.stringify({ corpus: result.corpus, documents: result.scores }, null, 2) + '\n');
  if (values.min) {
    const failures = belowThresholds(result.corpus, JSON.parse(await readFile(values.min, 'utf8')) as Thresholds);
    for (const f of failures) process.stderr.write(`eval: ${f}\n`);
    if (failures.length > 0) return 1;
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'convert':
      return convertCommand(rest);
    case 'batch': {
      const { batchCommand } = await import('./batch/command.js');
      return batchCommand(rest);
    }
    case 'validate':
      return validateCommand(rest);
    case 'entities':
      return entitiesCommand(rest);
    case 'eval':
      return evalCommand(rest);
    case '--version':
    case '-v':
      process.stdout.write(`${TOOL_VERSION}\n`);
      return 0;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(USAGE + '\n');
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`telegram-tei: ${(err as Error).message}\n\n${USAGE}\n`);
      process.exitCode = 2;
    } else if (err instanceof RefusedError) {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 2;
    } else if (err instanceof OutputRefusedError) {
      process.stderr.write(`telegram-tei: ${err.message}\n`);
      process.exitCode = 2;
    } else {
      // A failure nobody foresaw: a bug. Exit 1 (a documented status), and say so.
      process.stderr.write(`telegram-tei: internal error (a bug; please report it): ${(err as Error).message}\n`);
      process.exitCode = 1;
    }
  },
);
