/**
 * The incremental manifest: what an earlier run made of each input, keyed by the input's path
 * below the input root. An input is skipped when its SHA-256, the settings key (tool version,
 * options, and the data the result depends on) and its output names are unchanged and its
 * outputs are still on disk. Failures are recorded too: the same bytes with the same settings
 * fail the same way, so a re-run reports them again without converting.
 *
 * Each run writes its own manifest file (`.telegram-tei-manifest.json`, or
 * `.telegram-tei-manifest.shard-3-of-16.json` for a shard, so shards sharing one --out never
 * write the same file) and reads all of them; where two hold the same input, the newer entry
 * wins. Writes are atomic (temporary + rename) and serialised; `schedule()` coalesces the
 * writes made while documents finish to at most one a second.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFilesAtomically } from '../write/atomic.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import type { Shard } from './inputs.js';
import type { ReportDocument, ReportMessage } from './report.js';

export const MANIFEST_FORMAT = 'telegram-tei-manifest/1';
const MANIFEST_PATTERN = /^\.telegram-tei-manifest(?:\.shard-\d+-of-\d+)?\.json$/;

export function manifestName(shard?: Shard): string {
  return shard ? `.telegram-tei-manifest.shard-${shard.index}-of-${shard.count}.json` : '.telegram-tei-manifest.json';
}

export interface ManifestEntry {
  sha256: string;
  /** settingsKey() of the run that made it. */
  settings: string;
  /** Output folder and stem base below --out (`1942/frus1942v06_d414`). */
  output: string;
  status: 'converted' | 'failed';
  /** When it was made (ms since 1970): the newer of two entries for one input wins. */
  finishedAt: number;
  timeMs: number;
  messages: ReportMessage[];
  documents: ReportDocument[];
}

export interface ManifestFile {
  format: string;
  tool: string;
  version: string;
  entries: Record<string, ManifestEntry>;
  /** The corpus files last written from this manifest's folder, and a key of what they were made from. */
  corpus?: CorpusStamp;
}

export interface CorpusStamp {
  key: string;
  written: string[];
}

/** The settings an output depends on, besides the input bytes. */
export interface Settings {
  textLayout: string;
  /** SHA-256 of the --persons file, or null. */
  persons: string | null;
}

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A key for everything besides the input that the outputs depend on: the tool's version, the
 * options, and the data files shipped with it (registers in tei/, stylesheets in xslt/, schemas
 * in schemas/), so that editing a register or a stylesheet invalidates earlier results even
 * within one version. The compiled code is covered by the version only: use --force after
 * changing it.
 */
export async function settingsKey(settings: Settings, packageRoot = PACKAGE_ROOT): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ tool: TOOL_NAME, version: TOOL_VERSION, ...settings }));
  for (const [folder, pattern] of [['tei', /\.xml$/], ['xslt', /\.xsl$/], ['schemas', /\.(json|rng|sch)$/]] as const) {
    const names = (await readdir(join(packageRoot, folder)).catch(() => [] as string[]))
      .filter((n) => pattern.test(n) && n !== 'report.schema.json')
      .sort();
    for (const name of names) {
      hash.update(`\0${folder}/${name}\0`);
      hash.update(await readFile(join(packageRoot, folder, name)));
    }
  }
  return hash.digest('hex');
}

export class Manifest {
  /** Newest entry per input, from every manifest file in the output folder. */
  readonly known = new Map<string, ManifestEntry>();
  /** The entries this run's file will hold. */
  private readonly own = new Map<string, ManifestEntry>();
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private lastWrite = 0;
  readonly warnings: string[] = [];
  /** What the corpus files were last made from (whole runs only). */
  corpus: CorpusStamp | undefined;

  constructor(
    readonly outDir: string,
    readonly fileName: string,
    private readonly intervalMs = 1000,
  ) {}

  get path(): string {
    return join(this.outDir, this.fileName);
  }

  /** Reads every manifest file in the output folder (a missing or unreadable one is skipped with a warning). */
  async load(): Promise<void> {
    const names = (await readdir(this.outDir).catch(() => [] as string[])).filter((n) => MANIFEST_PATTERN.test(n)).sort();
    for (const name of names) {
      let parsed: ManifestFile;
      try {
        parsed = JSON.parse(await readFile(join(this.outDir, name), 'utf8')) as ManifestFile;
        if (parsed.format !== MANIFEST_FORMAT || typeof parsed.entries !== 'object' || parsed.entries === null) throw new Error('not a manifest of this format');
      } catch (err) {
        this.warnings.push(`${name}: ignored (${(err as Error).message}); its inputs will be converted again`);
        continue;
      }
      for (const [key, entry] of Object.entries(parsed.entries)) {
        const current = this.known.get(key);
        if (!current || entry.finishedAt > current.finishedAt) this.known.set(key, entry);
        if (name === this.fileName) this.own.set(key, entry);
      }
      if (name === this.fileName) this.corpus = parsed.corpus;
    }
  }

  /** This run's file keeps everything it held before, and takes the newest known entry for `keys`. */
  adopt(keys: Iterable<string>): void {
    for (const key of keys) {
      const entry = this.known.get(key);
      if (entry && this.own.get(key) !== entry) {
        this.own.set(key, entry);
        this.dirty = true;
      }
    }
  }

  /** Records a result, and schedules a write. */
  set(key: string, entry: ManifestEntry): void {
    this.known.set(key, entry);
    this.own.set(key, entry);
    this.schedule();
  }

  /** Forgets an input (its result was discarded), and schedules a write. */
  delete(key: string): void {
    this.own.delete(key);
    this.known.delete(key);
    this.schedule();
  }

  setCorpus(stamp: CorpusStamp | undefined): void {
    this.corpus = stamp;
    this.dirty = true;
  }

  /** Writes soon: at once when the last write was long enough ago, else when that time has passed. */
  schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    // Each write serialises every entry: over a large run, write less often (1 ms per entry, at
    // least intervalMs), or the main thread spends its time making megabytes of JSON garbage.
    const interval = Math.max(this.intervalMs, this.own.size);
    const wait = Math.max(0, this.lastWrite + interval - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch(() => undefined);
    }, wait);
    this.timer.unref();
  }

  /** Writes now if anything changed (after any write in progress); rejects if the write fails. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.writing = this.writing.catch(() => undefined).then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      this.lastWrite = Date.now();
      const keys = [...this.own.keys()].sort();
      const file: ManifestFile = {
        format: MANIFEST_FORMAT,
        tool: TOOL_NAME,
        version: TOOL_VERSION,
        entries: Object.fromEntries(keys.map((k) => [k, this.own.get(k)!])),
      };
      if (this.corpus) file.corpus = this.corpus;
      try {
        await writeFilesAtomically([{ path: this.path, content: JSON.stringify(file) + '\n' }]);
      } catch (err) {
        this.dirty = true;
        throw err;
      }
    });
    return this.writing;
  }
}
