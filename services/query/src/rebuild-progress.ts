/**
 * The rebuild's progress bar: on a terminal one line redrawn in place, elsewhere (CI, a log file)
 * a line at every tenth, each with the events per second so far.
 */
export class RebuildProgress {
  private lastTenth = -1;
  private lastDraw = 0;

  constructor(
    private readonly total: number,
    private readonly write: (text: string) => void,
    private readonly interactive: boolean,
    private readonly now: () => number,
    private readonly started = now(),
  ) {}

  /** The bar for `done` of `total` events. */
  line(done: number): string {
    const fraction = this.total === 0 ? 1 : Math.min(1, done / this.total);
    const width = 30;
    const filled = Math.round(fraction * width);
    const seconds = Math.max(0.001, (this.now() - this.started) / 1000);
    return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${done.toLocaleString('en')}/${this.total.toLocaleString('en')} events  ${Math.round(done / seconds).toLocaleString('en')} events/s`;
  }

  update(done: number): void {
    if (this.interactive) {
      if (this.now() - this.lastDraw < 100 && done < this.total) return;
      this.lastDraw = this.now();
      this.write(`\r${this.line(done)}`);
      return;
    }
    const tenth = this.total === 0 ? 10 : Math.floor((done / this.total) * 10);
    if (tenth === this.lastTenth) return;
    this.lastTenth = tenth;
    this.write(`${this.line(done)}\n`);
  }

  finish(done: number): void {
    if (this.interactive) this.write(`\r${this.line(done)}\n`);
    else if (this.lastTenth !== 10) this.write(`${this.line(done)}\n`);
  }
}
