/**
 * `telegram-tei volume <inputs>... --out <volume.xml> [--id <volume id>] [--title <title>]
 *  [--persons <list.xml>]`: converts the inputs (raw text, or TEI telegram-tei wrote) and
 * assembles them into one FRUS volume file (src/volume/assemble.ts). Exit 0 when the volume is
 * written, 1 when an input failed (nothing is written), 2 on a usage error.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { convertBytes, type ConversionResult } from '../index.js';
import { defaultRegisters, loadUserPersons, type AnnotateOptions } from '../annotate/index.js';
import { formatMessage, message, type Message } from '../messages.js';
import type { DocumentModel } from '../model.js';
import { validateTeiDocument } from '../validate/index.js';
import { parseTei, renderText } from '../transform/stylesheets.js';
import { writeFilesAtomically } from '../write/atomic.js';
import { assembleVolume } from './assemble.js';
import { VOLUME as USAGE } from '../cli-help.js';



function usageError(text: string): number {
  process.stderr.write(`telegram-tei: volume: ${text}\n\n${USAGE}\n`);
  return 2;
}

const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export async function volumeCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { out: { type: 'string' }, id: { type: 'string' }, title: { type: 'string' }, persons: { type: 'string' } },
    });
  } catch (err) {
    return usageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) return usageError('name at least one input file');
  if (!values.out) return usageError('--out <volume.xml> is required');
  const out = resolve(values.out);
  const id = values.id ?? basename(values.out).replace(/\.xml$/i, '').replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^(?=[^A-Za-z_])/, 'v');
  if (!NCNAME.test(id)) return usageError(`--id "${id}" is not an XML name (letters, digits, _ . -, starting with a letter)`);
  if (positionals.some((p) => resolve(p) === out)) return usageError(`--out ${values.out} is one of the inputs; inputs are never overwritten`);

  const annotate: AnnotateOptions = { registers: defaultRegisters() };
  if (values.persons) {
    const xml = await readFile(values.persons, 'utf8').catch(() => undefined);
    if (xml === undefined) return usageError(`${values.persons}: cannot read the persons list`);
    const userPersons = loadUserPersons(xml, values.persons);
    if (userPersons.error) return usageError(userPersons.error);
    annotate.userPersons = userPersons;
  }

  const models: DocumentModel[] = [];
  let failed = 0;
  for (const file of positionals) {
    const result = await convertInput(file, annotate);
    for (const m of [...result.messages, ...result.documents.flatMap((d) => d.messages)]) {
      if (m.severity === 'warning') process.stderr.write(formatMessage(m) + '\n');
    }
    if (!result.ok) {
      const errors = [...result.messages, ...result.documents.flatMap((d) => d.messages)].filter((m) => m.severity === 'error');
      const first = errors[0] ?? message('error', 'volume/failed', 'conversion failed', file);
      process.stderr.write(formatMessage(first) + (errors.length > 1 ? ` (and ${errors.length - 1} more errors)` : '') + '\n');
      failed++;
      continue;
    }
    models.push(...result.documents.map((d) => d.model));
  }
  if (failed > 0) {
    process.stderr.write(`telegram-tei: volume: ${failed} input${failed === 1 ? '' : 's'} failed; ${values.out} not written\n`);
    return 1;
  }
  const volume = assembleVolume(models, { id, title: values.title ?? 'Documents converted by telegram-tei', userPersons: annotate.userPersons });
  for (const m of volume.messages) process.stderr.write(formatMessage(m) + '\n');
  try {
    await writeFilesAtomically([{ path: out, content: volume.xml }]);
  } catch (err) {
    process.stderr.write(`${values.out}: error: cannot write the volume: ${(err as Error).message} [write/failed]\n`);
    return 1;
  }
  process.stdout.write(`${values.out}: volume ${id}, ${volume.documentIds.length} document${volume.documentIds.length === 1 ? '' : 's'}\n`);
  return 0;
}

/**
 * One input to documents: raw text through the pipeline; TEI telegram-tei wrote back to the text
 * it came from (the text output gives the input back) and through the pipeline again.
 */
async function convertInput(file: string, annotate: AnnotateOptions): Promise<ConversionResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const m = message('error', 'read/unreadable', `cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'unknown error'})`, file);
    return { file, documents: [], messages: [m], ok: false };
  }
  if (/\.xml$/i.test(file)) {
    const xml = new TextDecoder().decode(bytes);
    const problems: Message[] = validateTeiDocument(xml, file).filter((m) => m.severity === 'error');
    if (problems.length > 0) {
      problems.unshift(message('error', 'volume/not-our-tei', 'not TEI that telegram-tei wrote (give the raw text, or TEI from telegram-tei convert)', file));
      return { file, documents: [], messages: problems, ok: false };
    }
    bytes = new TextEncoder().encode(renderText(parseTei(xml, file), 'raw'));
  }
  return convertBytes(bytes, { file, annotate });
}
