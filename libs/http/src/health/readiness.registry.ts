/** Resolves when the dependency is usable; throws (or rejects) with the reason when not. */
export type ReadinessCheck = () => unknown;

export interface ReadinessReport {
  readonly status: 'ready' | 'not_ready';
  readonly checks: Readonly<Record<string, string>>;
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
    return {
      status: results.every(([, outcome]) => outcome === 'ok') ? 'ready' : 'not_ready',
      checks: Object.fromEntries(results),
    };
  }

  private async outcome(check: ReadinessCheck): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      await Promise.race([Promise.resolve().then(check), timeout]);
      return 'ok';
    } catch (error) {
      return `failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      clearTimeout(timer);
    }
  }
}
