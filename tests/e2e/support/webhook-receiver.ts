import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';

/** A delivery as the receiver saw it, with its own verdict on the signature and the timestamp. */
export interface ReceivedDelivery {
  readonly id: string;
  readonly timestamp: number;
  readonly receivedAt: number;
  readonly verdict: 'ok' | 'stale' | 'bad_signature';
  readonly answered: number;
  readonly body: Record<string, unknown>;
}

/**
 * A real HTTP receiver of the system's webhooks, as a recipient would write one from the scheme
 * README documents (not from the system's code): it recomputes the HMAC-SHA256 of
 * `timestamp + "." + raw body`, refuses (401) a bad signature or a timestamp more than
 * `toleranceSeconds` away, and otherwise answers `status` (503 while it pretends to be down).
 * `stop` closes the port, so the sender meets a refused connection until `listen` again.
 */
export class WebhookReceiver {
  readonly deliveries: ReceivedDelivery[] = [];
  status = 200;
  private server: Server | null = null;

  constructor(
    readonly port: number,
    private readonly secret: string,
    private readonly toleranceSeconds = 300,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/whistle-hook`;
  }

  /** The verified deliveries the receiver accepted (2xx), by notification id. */
  accepted(): ReceivedDelivery[] {
    return this.deliveries.filter((d) => d.verdict === 'ok' && d.answered < 300);
  }

  async listen(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const timestamp = Number(req.headers['whistle-webhook-timestamp']);
        const given = Buffer.from(String(req.headers['whistle-webhook-signature'] ?? ''));
        const expected = Buffer.from(`v1=${createHmac('sha256', this.secret).update(`${timestamp}.${raw}`).digest('hex')}`);
        const now = Math.floor(Date.now() / 1000);
        const verdict = given.length !== expected.length || !timingSafeEqual(given, expected) ? 'bad_signature' : Math.abs(now - timestamp) > this.toleranceSeconds ? 'stale' : 'ok';
        const answered = verdict === 'ok' ? this.status : 401;
        this.deliveries.push({ id: String(req.headers['whistle-webhook-id']), timestamp, receivedAt: now, verdict, answered, body: JSON.parse(raw) as Record<string, unknown> });
        res.writeHead(answered).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    // The sender keeps connections alive: close them too, or the port would still answer.
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
