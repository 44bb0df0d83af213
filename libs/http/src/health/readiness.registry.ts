/**
 * Resolves when the dependency is usable; throws (or rejects) with the reason when not. A check
 * may instead resolve to `{ attention: '…' }`: the service works, but someone must look (the
 * audit's open integrity findings). That is shown, and does not make the service unready: an
 * orchestrator would otherwise take away the very service the auditor must reach to look.
 */
export type ReadinessCheck = () => unknown;

export interface ReadinessReport {
  readonly status: 'ready' | 'not_ready';
  readonly checks: Readonly<Record<string, string>>;
  /** the checks that call for attention, when any do */
  readonly attention?: readonly string[];
}

/** The dependencies /api/ready asks about; services register theirs when their module starts. */
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  /** A check that hangs counts as failed after `timeoutMs`, so the probe itself never hangs. */
  constructor(private readonly timeoutMs = 2000) {}

  register(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) throw new Error(`readiness check ${name} is registered already`);
    this.checks.set(name, check);
  }

  async run(): Promise<ReadinessReport> {
    const results = await Promise.all([...this.checks].map(async ([name, check]) => [name, await this.outcome(check)] as const));
    const attention = results.filter(([, outcome]) => outcome.startsWith('attention: ')).map(([name]) => name);
    return {
      status: results.every(([, outcome]) => outcome === 'ok' || outcome.startsWith('attention: ')) ? 'ready' : 'not_ready',
      checks: Object.fromEntries(results),
      ...(attention.length > 0 ? { attention } : {}),
    };
  }

  private async outcome(check: ReadinessCheck): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      const result = await Promise.race([Promise.resolve().then(check), timeout]);
      const attention = typeof result === 'object' && result !== null ? (result as { attention?: unknown }).attention : undefined;
      return typeof attention === 'string' ? `attention: ${attention}` : 'ok';
    } catch (error) {
      return `failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      clearTimeout(timer);
    }
  }
}
