#!/usr/bin/env node
/**
 * The command line: parse argv, call the library, print messages, set the exit code.
 * Nothing else prints or exits.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatMessage, hasErrors, message, printablePath, type Message } from './messages.js';
import { documentStem, outputPath, safeStem } from './write/names.js';
import { writeFilesAtomically, type WriteGuard } from './write/atomic.js';
import { identities, OutputRefusedError, prepareOutputFolder, replacedInput, sweepTemporaries, writeFailureReason } from './write/guard.js';
import { lockFolder } from './write/lock.js';
import type { TaskOutput, ThreadSettings } from './batch/task.js';
import type { Thresholds } from './eval/thresholds.js';
import type { InputKind } from './batch/inputs.js';
import type { TeiThread } from './transform/tei-thread.js';
import { TOOL_VERSION } from './version.js';
import { COMMAND_HELP, isCommand, USAGE, type CommandName } from './cli-help.js';
// Each command loads the modules it needs when it runs (a cold start pays only for its own).

class UsageError extends Error {}

/** Nothing was done, for a reason the message gives in full (no usage text): exit 2. */
class RefusedError extends Error {}

/** One line for a file that cannot be read, from the error's code. */
function unreadable(file: string, code: string | undefined): string {
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : `cannot read the file (${code ?? 'unknown error'})`;
  return `${printablePath(file)}: error: ${why} [read/unreadable]`;
}

/**
 * The files named, folders searched recursively for the files `kind` accepts, in the order of
 * the arguments; an argument that gives none (no such file, an empty folder) is one error line.
 */
async function filesFrom(args: readonly string[], kind: InputKind): Promise<{ files: string[]; errors: string[] }> {
  const { expandInputs, InputError } = await import('./batch/inputs.js');
  const files: string[] = [];
  const errors: string[] = [];
  for (const arg of args) {
    try {
      for (const f of (await expandInputs([arg], process.cwd(), kind)).files) if (!files.includes(f.display)) files.push(f.display);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const text = err.message.startsWith(`${arg}: `) ? err.message.slice(arg.length + 2) : err.message;
      errors.push(`${printablePath(arg)}: error: ${text} [read/no-input]`);
    }
  }
  return { files, errors };
}

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
  // A few documents are converted in this thread: validation and the transforms get a thread of
  // their own at once, which loads SaxonJS and the schema on the other core meanwhile (closed
  // unused when the documents go to the worker pool; --jobs 0 keeps everything in this thread).
  const teiThread = values.jobs === undefined ? (await import('./transform/tei-thread.js')).startTeiThread() : undefined;
  try {
    return await convertWith({ ...values, out: values.out }, positionals, teiThread);
  } finally {
    teiThread?.close();
  }
}

type ConvertValues = { out: string; persons?: string; text?: string; jobs?: string };

async function convertWith(values: ConvertValues, positionals: string[], teiThread: TeiThread | undefined): Promise<number> {
  const settings = await threadSettings(values.persons, (values.text as 'raw' | 'reading' | undefined) ?? 'raw');
  // a folder is batch's to convert: say so, and convert the files named
  const inputs: string[] = [];
  for (const file of positionals) {
    if ((await stat(file).catch(() => undefined))?.isDirectory()) {
      process.stderr.write(`${printablePath(file)}: error: is a folder; convert takes files: for every *.txt in it, run `
        + `telegram-tei batch ${file} --out ${values.out} [read/is-folder]\n`);
    } else {
      inputs.push(file);
    }
  }
  const folders = positionals.length - inputs.length;
  if (inputs.length === 0) return 1;
  const realOut = await prepareOutputFolder(values.out);
  // An output never replaces an input (converting into the input's own folder, or through a
  // link to it): the inputs by identity, checked before anything is converted.
  const protect = await identities(inputs);
  const replaced = await replacedInput(realOut, inputs.map((f) => safeStem(f)), protect);
  if (replaced) {
    throw new OutputRefusedError(`--out ${values.out}: the output ${printablePath(join(values.out, replaced.output))} would replace the input ${printablePath(replaced.input)}; choose an --out that holds no input`);
  }
  const lock = await lockFolder(realOut, values.out);
  try {
    if (await lock.alone()) await sweepTemporaries(realOut, lock.since, 1);
    const status = await convertInputs(inputs, values.out, settings, values.jobs, { root: realOut, protect }, teiThread);
    return folders > 0 ? 1 : status;
  } finally {
    await lock.release();
  }
}

async function convertInputs(
  positionals: readonly string[], out: string, settings: ThreadSettings, jobs: string | undefined, guard: WriteGuard, teiThread: TeiThread | undefined,
): Promise<number> {
  const { convertFiles } = await import('./batch/convert-files.js');
  const stems = new Map<string, string>();
  let failed = 0;
  for await (const conversion of convertFiles(positionals, { settings, ...(jobs !== undefined ? { jobs: Number(jobs) } : {}), ...(teiThread ? { teiThread } : {}) })) {
    const file = conversion.file;
    const shown = printablePath(file);
    if ('unreadable' in conversion) {
      process.stderr.write(unreadable(file, conversion.unreadable) + '\n');
      failed++;
      continue;
    }
    const result = conversion.output;
    const documents = result.documents.map((d) => ({ ...d, stem: documentStem(file, d.index, d.count) }));
    // a warning about the TEI names the TEI file written, whose lines it counts
    const located = documents.flatMap((d) => d.messages.map((m) => (m.rule.startsWith('tei/') ? { ...m, file: outputPath(out, d.stem, 'tei') } : m)));
    printMessages([...result.messages, ...located].filter((m) => m.severity === 'warning'));
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

/** validate's inputs in a folder: the files it has a schema for. */
async function validatedFiles(): Promise<InputKind> {
  const { isValidatedName } = await import('./validate/files.js');
  return { accept: isValidatedName, name: '*.tei.xml, *.json, registers.xml, documents.jsonl or report.json' };
}

async function validateCommand(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length === 0) throw new UsageError('validate: name at least one file or folder');
  const { KINDS, validateFile } = await import('./validate/files.js');
  const { decodeTeiBytes } = await import('./validate/decode.js');
  const { files, errors } = await filesFrom(positionals, await validatedFiles());
  for (const e of errors) process.stderr.write(e + '\n');
  let failed = errors.length;
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (err) {
      process.stderr.write(unreadable(file, (err as NodeJS.ErrnoException).code) + '\n');
      failed++;
      continue;
    }
    // every file we write is UTF-8: a byte that is not is an error at its place, never replaced
    const decoded = decodeTeiBytes(bytes, file);
    const { kind, messages } = 'error' in decoded ? { kind: undefined, messages: [decoded.error] } : validateFile(file, decoded.text);
    for (const m of messages) process.stdout.write(formatMessage(m) + '\n');
    if (messages.some((m) => m.severity === 'error')) failed++;
    else if (kind) process.stdout.write(`${printablePath(file)}: valid (${KINDS[kind].label}: ${KINDS[kind].schema})\n`);
  }
  return failed > 0 ? 1 : 0;
}

/** entities' inputs in a folder: TEI documents. */
const TEI_DOCUMENTS: InputKind = { accept: (path) => /\.tei\.xml$/i.test(path), name: '*.tei.xml' };

async function entitiesCommand(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length === 0) throw new UsageError('entities: name at least one TEI file or folder');
  const { vettingList } = await import('./annotate/vetting.js');
  const { parseXmlTree } = await import('./annotate/xml.js');
  const { files, errors } = await filesFrom(positionals, TEI_DOCUMENTS);
  for (const e of errors) process.stderr.write(e + '\n');
  let failed = errors.length;
  for (const [i, file] of files.entries()) {
    let xml: string;
    try {
      xml = await readFile(file, 'utf8');
    } catch (err) {
      process.stderr.write(unreadable(file, (err as NodeJS.ErrnoException).code) + '\n');
      failed++;
      continue;
    }
    const tree = parseXmlTree(xml);
    if (!tree.ok) {
      process.stderr.write(formatMessage(message('error', 'xml/not-well-formed', `not well-formed XML: ${tree.error}`, file, tree)) + '\n');
      failed++;
      continue;
    }
    if (files.length > 1) process.stdout.write(`${i > 0 ? '\n' : ''}== ${printablePath(file)}\n`);
    process.stdout.write(vettingList(xml));
  }
  return failed > 0 ? 1 : 0;
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

/** `<command> --help`, `-h`, or `help <command>`: that command's help, exit 0. */
function wantsHelp(command: string | undefined, rest: readonly string[]): CommandName | 'overview' | undefined {
  if (command === 'help' || command === '--help' || command === '-h') return isCommand(rest[0]) ? rest[0] : 'overview';
  if (isCommand(command) && rest.some((a) => a === '--help' || a === '-h')) return command;
  return undefined;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const help = wantsHelp(command, rest);
  if (help) {
    process.stdout.write((help === 'overview' ? USAGE : COMMAND_HELP[help]) + '\n');
    return 0;
  }
  switch (command) {
    case 'convert':
      return convertCommand(rest);
    case 'batch': {
      const { batchCommand } = await import('./batch/command.js');
      return batchCommand(rest);
    }
    case 'volume': {
      const { volumeCommand } = await import('./volume/command.js');
      return volumeCommand(rest);
    }
    case 'validate':
      return validateCommand(rest);
    case 'entities':
      return entitiesCommand(rest);
    case 'eval':
      return evalCommand(rest);
    case '--version':
    case '-v':
    case 'version':
      process.stdout.write(`${TOOL_VERSION}\n`);
      return 0;
    case undefined:
      process.stdout.write(USAGE + '\n');
      return 2;
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
      // the usage of the command at hand, else the overview
      const command = process.argv[2];
      process.stderr.write(`telegram-tei: ${(err as Error).message}\n\n${isCommand(command) ? COMMAND_HELP[command] : USAGE}\n`);
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
