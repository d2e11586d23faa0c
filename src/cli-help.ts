/**
 * The command line's help texts: the overview (`telegram-tei --help`) and one text per command
 * (`telegram-tei <command> --help`, `telegram-tei help <command>`), each with its usage, what it
 * does, its options and an example. Only text: src/cli.ts prints them.
 */
import { TOOL_NAME, TOOL_VERSION } from './version.js';

export const COMMANDS = ['convert', 'batch', 'volume', 'validate', 'entities', 'eval'] as const;
export type CommandName = (typeof COMMANDS)[number];

export function isCommand(name: string | undefined): name is CommandName {
  return (COMMANDS as readonly (string | undefined)[]).includes(name);
}

export const EXIT_STATUS = `Exit status: 0 when every input succeeded, 1 when any failed (or a file could not be written),
2 when nothing was done (a usage error, an unusable or busy --out, a broken --persons list),
130/143 when a batch is interrupted (SIGINT/SIGTERM).`;

export const USAGE = `${TOOL_NAME} ${TOOL_VERSION}: raw FRUS documents to TEI, HTML, text and JSON

Usage:
  telegram-tei convert <file.txt>... --out <dir> [--persons <list.xml>] [--text raw|reading] [--jobs N]
  telegram-tei batch <dir|file|glob>... --out <dir> [--jobs N] [--force] [--shard I/N] [--persons <list.xml>]
                     [--text raw|reading] [--worker-heap MB]
  telegram-tei volume <file.txt|file.tei.xml>... --out <volume.xml> [--id <volume id>] [--title <title>] [--persons <list.xml>]
  telegram-tei validate <file|dir>...
  telegram-tei entities <file.tei.xml|dir>...
  telegram-tei eval --gold <dir> --raw <dir> [--json <file>] [--min <thresholds.json>] [--no-lists] [--people <hsg-people.jsonl.gz>]
  telegram-tei <command> --help      usage, options and an example of one command
  telegram-tei --version

Example:
  telegram-tei convert examples/smith-1947-01-14-montgomery-visit.txt --out out

${EXIT_STATUS}`;

const CONVERT = `Usage: telegram-tei convert <file.txt>... --out <dir> [--persons <list.xml>] [--text raw|reading] [--jobs N]

Converts raw FRUS documents (plain text copied from history.state.gov) into validated TEI, an HTML
reading edition, plain text and JSON: for every input <name>.txt, <dir>/<name>.tei.xml, .html, .txt
and .json. A file holding several documents gives <name>-001, <name>-002, … For a folder, a glob or
a whole corpus, use batch (workers, incremental runs, report.json, corpus index).

  --out <dir>        where the outputs go (made if missing); inputs are never overwritten
  --persons <file>   a persons list to link persons to (@corresp): TEI listPerson, or a FRUS
                     persons list (div xml:id="persons" with persName xml:id="p_…")
  --text raw|reading the .txt output: raw (default: gives the input back) or a clean reading text
  --jobs N           worker threads for 8 or more documents (default: one per core; 0: this thread)

Example:
  telegram-tei convert examples/smith-1947-01-14-montgomery-visit.txt --out out

Exit status: 0 when every input was converted; 1 when any failed (one line each on stderr, naming
the file and line; nothing is written for it); 2 when nothing was done (a usage error, an unusable
or busy --out, a broken --persons list).`;

export const BATCH = `Usage: telegram-tei batch <dir|file|glob>... --out <dir> [--jobs N] [--force] [--shard I/N] [--persons <list.xml>]
                          [--text raw|reading] [--worker-heap MB]

Converts a corpus as convert does, in worker threads, and writes report.json and the corpus files.

  <dir>          searched recursively for *.txt; a glob ('corpus/**/*.txt', quoted) is expanded here
  --out <dir>    outputs mirror the input folders below their common root; report.json,
                 documents.jsonl, registers.xml/json and index.html go to its top
  --jobs N       worker threads (default: the number of cores; 0: no workers, for profiling)
  --force        convert every input again, even when unchanged since the last run
  --shard I/N    convert only the I-th of N shards (by hash of the input path), e.g. for a job array
  --persons      a FRUS persons list (TEI) to link persons to, as for convert
  --text         layout of the .txt output: raw (default) or reading
  --worker-heap  heap cap per worker in MB (default 256; 0: no cap, ~15 % faster, more memory)

Failures and the first warnings of each input are printed as file:line:col; every message of every
input is in report.json.

Example:
  telegram-tei batch corpus/ --out out/ --jobs 4

Exit status: 0 when every input was converted, 1 when any failed, 2 when nothing was done (a usage
error, an unusable or busy --out, a broken --persons list), 130/143 when interrupted (SIGINT/SIGTERM;
run the same command again to resume).`;

const VALIDATE = `Usage: telegram-tei validate <file|dir>...

Checks the files telegram-tei writes, each kind against its own schema, and prints
file:line:col: message for every problem (then "file: valid" for a file without errors):

  *.tei.xml        a document: schemas/telegram-tei.rng (RELAX NG) and the integrity rules
  registers.xml    the corpus registers of a batch: schemas/registers.rng
  *.json           a document's JSON: schemas/document.schema.json
  documents.jsonl  every line: schemas/documents-line.schema.json (line:1 is the line number)
  report.json      a batch report: schemas/report.schema.json

The kind is told by the file's content (a TEI document has a text, the registers have none; a
report has inputs), not only its name. A folder is searched recursively for these files (a
batch's --out folder: everything it wrote that has a schema). Other files (HTML, plain text,
registers.json, the manifest) have no schema: naming one is an error that says so.

Examples:
  telegram-tei validate out/smith-1947-01-14-montgomery-visit.tei.xml
  telegram-tei validate out/

Exit status: 0 when every file is valid, 1 when any is not (or cannot be checked, or is not UTF-8),
2 on a usage error.`;

export const VOLUME = `Usage: telegram-tei volume <file.txt|file.tei.xml>... --out <volume.xml> [--id <volume id>] [--title <title>]
                           [--persons <list.xml>]

Converts the inputs and assembles them into one FRUS volume file, TEI the Office of the Historian's
own schema (frus.rnc) accepts: the header of a FRUS volume, front with the List of Persons (p_ ids,
"Surname, Forenames", the identification) and the List of Abbreviations and Terms, and the documents
in a chapter in the order of their printed numbers; every @corresp points into front.

  <file>             raw documents (as for convert), or TEI telegram-tei wrote (converted again from the
                     text it gives back)
  --out <volume.xml> the volume file to write (never one of the inputs)
  --id <volume id>   the volume's xml:id and idno type="frus", e.g. frus1955-57v24 (default: from --out)
  --title <title>    the volume's title (default: "Documents converted by telegram-tei")
  --persons <file>   a FRUS persons list: the persons it links keep its ids and identifications

Example:
  telegram-tei volume chapter/*.txt --out frus1955-57v24.xml --id frus1955-57v24 --persons persons.xml

Exit status: 0 when the volume was written; 1 when an input failed (one line on stderr, naming the
file and line; nothing is written); 2 on a usage error.`;

const ENTITIES = `Usage: telegram-tei entities <file.tei.xml|dir>...

Lists the machine-made tags of TEI documents (persons, places, organisations, dates: every element
with @cert), low certainty first, with the record each points to and the rule that made it, so
that an editor checks the doubtful ones first. A folder is searched recursively for *.tei.xml;
with several files, each list is headed by its file's name.

Examples:
  telegram-tei entities out/smith-1947-01-14-montgomery-visit.tei.xml
  telegram-tei entities out/

Exit status: 0 when every file was read, 1 when any could not be (not found, not well-formed),
2 on a usage error.`;

const EVAL = `Usage: telegram-tei eval --gold <dir> --raw <dir> [--json <file>] [--min <thresholds.json>]
                         [--manifest <manifest.json>] [--worst N] [--no-lists] [--people <hsg-people.jsonl.gz>]

Converts every raw text of an evaluation corpus and compares the result with its gold TEI, field by
field (strict and soft matches, HIPE scores for persons), and prints a table.

  --gold <dir>     the gold TEI: <id>.xml, a FRUS <div type="document"> (or a whole TEI document)
  --raw <dir>      the raw texts: <id>.txt, the same documents as history.state.gov prints them
  --manifest       manifest.json (default: beside the gold folder, if there is one): which
                   documents were rendered without opener and closer ("bare"), persons lists
  --json <file>    also write every score, per document, as JSON
  --min <file>     thresholds (test/eval-thresholds.json): exit 1 when a field falls below
  --worst N        how many of the worst documents to describe (default 10)
  --no-lists       without the volumes' persons lists (the registers alone)
  --people <file>  the people database (default: authority/hsg-people.jsonl.gz two folders above the
                   manifest, if there): also report how many gold-identified mentions link rightly

The dev corpus of this project is such a corpus (../shared/corpus/frus-dev; README.md, Accuracy).

Example:
  telegram-tei eval --gold ../shared/corpus/frus-dev/gold --raw ../shared/corpus/frus-dev/raw --min test/eval-thresholds.json

Exit status: 0; 1 when --min is given and a field falls below its threshold; 2 on a usage error.`;

export const COMMAND_HELP: Record<CommandName, string> = {
  convert: CONVERT,
  batch: BATCH,
  volume: VOLUME,
  validate: VALIDATE,
  entities: ENTITIES,
  eval: EVAL,
};
