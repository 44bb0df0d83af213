/** What every bench section shares: a clock for timing and one table layout for the results. */

export interface BenchSection {
  readonly name: string;
  run(): Promise<void>;
}

/** Runs `work` once and returns its duration in seconds. */
export async function timed(work: () => Promise<void> | void): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export function rate(count: number, seconds: number): number {
  return count / seconds;
}

export function formatRate(perSecond: number): string {
  return Math.round(perSecond).toLocaleString('en-US');
}

export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

/** Prints rows under a title, each column as wide as its widest cell; numbers right-aligned. */
export function printTable(title: string, header: readonly string[], rows: ReadonlyArray<readonly string[]>): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.every((r) => /^[\d,.]+[×]?$/.test(r[i] ?? '')));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}
