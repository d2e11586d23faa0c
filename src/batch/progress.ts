/**
 * Progress on a terminal: one line redrawn in place (at most ten times a second) with a bar,
 * done/total, documents per second and the time left. Elsewhere (a log file, CI, Slurm's
 * output file): a plain line at every 5 %, so logs stay short and readable.
 */
export interface ProgressStream {
  write(text: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressState {
  done: number;
  total: number;
  /** Documents converted by this run (not reused). */
  documents: number;
  /** Inputs actually converted by this run (reused ones are done at once). */
  converted: number;
  failed: number;
  /** Milliseconds since the first conversion started. */
  elapsedMs: number;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function progressLine(p: ProgressState, width = 24): string {
  const fraction = p.total === 0 ? 1 : p.done / p.total;
  const rate = p.elapsedMs > 0 ? (p.documents * 1000) / p.elapsedMs : 0;
  const inputRate = p.elapsedMs > 0 ? (p.converted * 1000) / p.elapsedMs : 0;
  const eta = p.done >= p.total ? 0 : inputRate > 0 ? ((p.total - p.done) / inputRate) * 1000 : Infinity;
  const filled = Math.round(fraction * width);
  const bar = width > 0 ? `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ` : '';
  const failed = p.failed > 0 ? `, ${p.failed} failed` : '';
  return `${bar}${p.done}/${p.total} (${Math.floor(fraction * 100)}%) ${rate.toFixed(1)} docs/s, ETA ${formatDuration(eta)}${failed}`;
}

export class ProgressDisplay {
  private lastDraw = 0;
  private lastStep = -1;
  private shown = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly tty = Boolean(stream.isTTY),
  ) {}

  update(p: ProgressState, force = false): void {
    if (this.tty) {
      const now = Date.now();
      if (!force && now - this.lastDraw < 100 && p.done < p.total) return;
      this.lastDraw = now;
      const width = Math.max(0, Math.min(30, (this.stream.columns || 80) - 60));
      this.stream.write(`\r\x1b[2K${progressLine(p, width)}`);
      this.shown = true;
      return;
    }
    const step = p.total === 0 ? 20 : Math.floor((p.done / p.total) * 20);
    if (step === this.lastStep && !force) return;
    this.lastStep = step;
    this.stream.write(`batch: ${progressLine(p, 0)}\n`);
  }

  /** Prints a line above the progress bar (an error, say). */
  log(line: string): void {
    if (this.tty && this.shown) this.stream.write('\r\x1b[2K');
    this.stream.write(line + '\n');
    this.shown = false;
  }

  /** Leaves the bar's last state on its own line. */
  finish(): void {
    if (this.tty && this.shown) this.stream.write('\n');
    this.shown = false;
  }
}
