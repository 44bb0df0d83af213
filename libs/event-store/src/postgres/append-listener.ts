import type pg from 'pg';
import { pgDriver } from './pg-driver';
import type { AppendSignal } from '../subscription/append-signal';

const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 30_000;

/**
 * Wakes this instance's subscriptions when any process appends to the store: every append
 * transaction NOTIFYs the store's channel, which PostgreSQL delivers at commit. One dedicated
 * connection LISTENs; when it drops (a database restart) it reconnects with backoff and wakes the
 * subscriptions once, since notifications sent meanwhile are lost. Polling stays the fallback.
 */
export class AppendListener {
  private client: pg.Client | null = null;
  private started = false;
  private stopped = false;
  private retryMs = FIRST_RETRY_MS;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly channel: string,
    private readonly appends: AppendSignal,
  ) {}

  /** Starts listening on first use; later calls do nothing. */
  start(): void {
    if (this.started) return;
    this.started = true;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new (pgDriver().Client)(this.config);
    client.on('notification', () => this.appends.notify());
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
    } catch {
      this.lost(client);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = FIRST_RETRY_MS;
    this.appends.notify();
  }

  private lost(client: pg.Client): void {
    if (this.client === client) this.client = null;
    client.removeAllListeners('end');
    client.removeAllListeners('notification');
    // Keeps a late socket error from becoming an unhandled 'error' event.
    client.removeAllListeners('error');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, this.retryMs);
    // A retry alone does not keep the process alive: the store's close() or the process's end stops it.
    this.retry.unref();
    this.retryMs = Math.min(LAST_RETRY_MS, this.retryMs * 2);
  }
}
