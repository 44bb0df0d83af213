import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogueIndex, loadCatalogue } from '@whistle/catalogue';
import { NO_REMOVED_ENTRIES, type Catalogue } from '@whistle/contracts';
import type { EventEnvelope } from '@whistle/kernel';
import { silentLogger } from '@whistle/messaging';
import { Notifier, type NotifierSettings } from './notifier';
import { loadWebhookSecrets, WebhookSecrets } from './webhook-secrets';
import { verifyWebhook } from './webhook-signature';

/** A real HTTP receiver that answers each request with the next status of its script (then 200), recording what came. */
class Receiver {
  readonly received: { headers: IncomingHttpHeaders; body: string }[] = [];
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(this.script.shift() ?? 200).end();
    });
  });
  private constructor(private readonly script: number[]) {}

  static async start(script: number[] = []): Promise<Receiver> {
    const receiver = new Receiver(script);
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const SECRET = 'jiaojing-secret-0123456789';
const settings = (dataDir: string): NotifierSettings => ({
  DATA_DIR: dataDir,
  SCHEDULER_TICK_MS: 20,
  NOTIFY_NEAR_DEADLINE_PERCENT: 25,
  NOTIFY_RETRY_ATTEMPTS: 3,
  NOTIFY_RETRY_INITIAL_MS: 30,
  NOTIFY_RETRY_MAX_MS: 100,
  NOTIFY_TIMEOUT_MS: 2_000,
});

function withWebhooks(hooks: Record<string, string>): Catalogue {
  const catalogue = loadCatalogue();
  return { ...catalogue, units: catalogue.units.map((u) => (hooks[u.id] ? { ...u, webhook: { url: hooks[u.id]!, secretRef: u.id } } : u)) };
}

function whistle(eventId: string, units: { unitId: string; reportInDueAt?: string }[], blownAt = new Date().toISOString(), caseId = 'case-1'): EventEnvelope {
  const data = { caseId, whistleId: `w-${eventId}`, stationId: 'station-north', level: 2, units, blownAt };
  return { eventId, type: 'escalation.WhistleBlown.v1', data, caseId, occurredAt: blownAt, recordedAt: new Date().toISOString() } as unknown as EventEnvelope;
}

async function until<T>(what: string, probe: () => T | undefined, withinMs = 10_000): Promise<T> {
  const end = Date.now() + withinMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the notifier with a real HTTP receiver', () => {
  let dataDir: string;
  let receiver: Receiver;
  let notifier: Notifier;
  const open = (catalogue: Catalogue) => {
    const secrets = new Map(catalogue.units.flatMap((u) => (u.webhook ? [[u.webhook.secretRef, `${u.id === 'unit-jiaojing' ? SECRET : 'other-secret-0123456789'}`] as const] : [])));
    notifier = new Notifier(settings(dataDir), { catalogue: new CatalogueIndex(catalogue), secrets: new WebhookSecrets(undefined, secrets), clock: { now: () => new Date().toISOString() }, logger: silentLogger, random: () => 0.5 });
    notifier.start();
    return notifier;
  };

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'notifier-'));
  });
  afterEach(async () => {
    await notifier?.close();
    await receiver?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers a signed notification the receiver verifies, after retrying through two 503s, each try kept', async () => {
    receiver = await Receiver.start([503, 503]);
    open(withWebhooks({ 'unit-jiaojing': receiver.url }));
    await notifier.handle(whistle('ev-1', [{ unitId: 'unit-jiaojing' }]));
    const [id] = notifier.outbox.list({}, 0, 10).items.map((n) => n.id);
    const delivered = await until('delivered', () => (notifier.outbox.get(id!)?.status === 'delivered' ? notifier.outbox.get(id!) : undefined));
    expect(delivered.attempts.map((a) => [a.number, a.outcome, a.httpStatus])).toEqual([
      [1, 'failed', 503],
      [2, 'failed', 503],
      [3, 'delivered', 200],
    ]);
    expect(receiver.received).toHaveLength(3);
    for (const { headers, body } of receiver.received) {
      const check = verifyWebhook(SECRET, headers as Record<string, string>, body, Math.floor(Date.now() / 1000));
      expect(check).toEqual({ ok: true });
      expect(headers['whistle-webhook-id']).toBe(id);
      expect(JSON.parse(body)).toMatchObject({ id, kind: 'summoned', recipient: { kind: 'unit', id: 'unit-jiaojing' }, caseId: 'case-1', level: 2 });
    }
  });

  it('dead-letters after the last try when the receiver never comes back, and the office may start another round', async () => {
    receiver = await Receiver.start();
    const url = receiver.url;
    await receiver.close();
    open(withWebhooks({ 'unit-jiaojing': url }));
    await notifier.handle(whistle('ev-2', [{ unitId: 'unit-jiaojing' }]));
    const id = notifier.outbox.list({}, 0, 10).items[0]!.id;
    const dead = await until('dead', () => (notifier.outbox.get(id)?.status === 'dead' ? notifier.outbox.get(id) : undefined));
    expect(dead.attempts).toHaveLength(3);
    expect(dead.attempts.map((a) => [a.outcome, a.httpStatus, a.error])).toEqual(Array(3).fill(['failed', null, 'fetch failed: ECONNREFUSED']));
    expect(dead.nextAttemptAt).toBeNull();

    receiver = await Receiver.start();
    await notifier.close();
    open(withWebhooks({ 'unit-jiaojing': receiver.url }));
    expect(notifier.retry(id)).toBe(true);
    expect(notifier.retry(id)).toBe(false);
    const delivered = await until('delivered on the new round', () => (notifier.outbox.get(id)?.status === 'delivered' ? notifier.outbox.get(id) : undefined));
    expect(delivered.attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'failed', 'delivered']);
  });

  it('records one notification per event and recipient, however often the event comes, across a reopening', async () => {
    receiver = await Receiver.start();
    open(withWebhooks({ 'unit-jiaojing': receiver.url }));
    const event = whistle('ev-3', [{ unitId: 'unit-jiaojing' }, { unitId: 'unit-xiaofang' }]);
    await notifier.handle(event);
    await notifier.handle(event);
    await notifier.close();
    open(withWebhooks({ 'unit-jiaojing': receiver.url }));
    await notifier.handle(event);
    const all = notifier.outbox.list({}, 0, 10);
    expect(all.total).toBe(2);
    // unit-xiaofang names no webhook: kept, to be seen, never sent.
    expect(notifier.outbox.list({ recipient: { kind: 'unit', id: 'unit-xiaofang' } }, 0, 10).items.map((n) => n.status)).toEqual(['no_channel']);
    await until('delivered', () => (notifier.outbox.list({ status: 'delivered' }, 0, 10).total === 1 ? true : undefined));
    await new Promise((r) => setTimeout(r, 200));
    expect(receiver.received).toHaveLength(1);
  });

  it('reminds a summoned unit once when its report-in deadline comes near, not before', async () => {
    receiver = await Receiver.start();
    open(withWebhooks({ 'unit-jiaojing': receiver.url }));
    const now = Date.now();
    // A 4 s window: the last quarter starts 1 s before the deadline.
    await notifier.handle(whistle('ev-4', [{ unitId: 'unit-jiaojing', reportInDueAt: new Date(now + 3_000).toISOString() }], new Date(now - 1_000).toISOString()));
    await until('summoned delivered', () => (receiver.received.length === 1 ? true : undefined));
    await new Promise((r) => setTimeout(r, 1_000));
    expect(receiver.received.map((r) => JSON.parse(r.body).kind)).toEqual(['summoned']);
    await until('reminder delivered', () => (receiver.received.length === 2 ? true : undefined), 3_000);
    expect(Date.now()).toBeGreaterThanOrEqual(now + 2_000);
    expect(JSON.parse(receiver.received[1]!.body)).toMatchObject({ kind: 'report_in_near', recipient: { id: 'unit-jiaojing' } });
    await new Promise((r) => setTimeout(r, 1_200));
    expect(receiver.received).toHaveLength(2);
    expect(notifier.outbox.watches()).toEqual([]);
  });

  it('records a batch in one go as it records its events one at a time: a later event finds the station an earlier one taught', async () => {
    receiver = await Receiver.start();
    open(withWebhooks({}));
    const lapse = (eventId: string, caseId: string) =>
      ({ ...whistle(eventId, [], undefined, caseId), type: 'adjudication.TablingOverdue.v1', data: { caseId, dueAt: 'd', overdueAt: 'o' } }) as unknown as EventEnvelope;
    const batch = [whistle('ev-b1', [{ unitId: 'unit-jiaojing' }], undefined, 'case-b'), lapse('ev-b2', 'case-b')];
    await notifier.handleBatch(batch);
    await notifier.handleBatch(batch);
    const one = notifier.outbox.list({ caseId: 'case-b' }, 0, 10).items.map((n) => `${n.kind} → ${n.recipient.id}`);
    expect(one).toEqual(['case_overdue → station-north', 'summoned → unit-jiaojing']);
    await notifier.handle(whistle('ev-c1', [{ unitId: 'unit-jiaojing' }], undefined, 'case-c'));
    await notifier.handle(lapse('ev-c2', 'case-c'));
    expect(notifier.outbox.list({ caseId: 'case-c' }, 0, 10).items.map((n) => `${n.kind} → ${n.recipient.id}`)).toEqual(one);
  });

  it('rolls a failed batch back whole, so the consumer can take its events one at a time', async () => {
    receiver = await Receiver.start();
    open(withWebhooks({}));
    const poison = { ...whistle('ev-p2', [], undefined, 'case-p'), data: null } as unknown as EventEnvelope;
    await expect(notifier.handleBatch([whistle('ev-p1', [{ unitId: 'unit-jiaojing' }], undefined, 'case-p'), poison])).rejects.toThrow();
    expect(notifier.outbox.list({ caseId: 'case-p' }, 0, 10).total).toBe(0);
    expect(notifier.outbox.stationOf('case-p')).toBeUndefined();
  });

  it('notifies no one of events recorded before the outbox first opened, yet learns from them', async () => {
    receiver = await Receiver.start();
    open(withWebhooks({ 'unit-jiaojing': receiver.url }));
    const old = { ...whistle('ev-old', [{ unitId: 'unit-jiaojing' }], '2026-01-05T09:00:00.000Z', 'case-old'), recordedAt: '2026-01-05T09:00:00.000Z' } as EventEnvelope;
    await notifier.handle(old);
    expect(notifier.outbox.list({}, 0, 10).total).toBe(0);
    expect(notifier.outbox.stationOf('case-old')).toBe('station-north');
    await notifier.close();
    // Reopened later, the outbox keeps the moment it first opened.
    open(withWebhooks({ 'unit-jiaojing': receiver.url }));
    await notifier.handle({ ...old, eventId: 'ev-old-2' } as EventEnvelope);
    expect(notifier.outbox.list({}, 0, 10).total).toBe(0);
    await notifier.handle(whistle('ev-new', [{ unitId: 'unit-jiaojing' }]));
    expect(notifier.outbox.list({}, 0, 10).items.map((n) => n.kind)).toEqual(['summoned']);
  });
});

/**
 * The catalogue changes while the system runs (目录变更): a webhook the administrator adds, or a
 * URL corrected, is used by the notifier from its next try, without a restart; a webhook naming a
 * secret the secrets file lacks fails each try visibly, naming the secretRef and the setting.
 */
describe('the notifier as the catalogue changes', () => {
  let dataDir: string;
  let secretsFile: string;
  let receivers: Receiver[];
  let notifier: Notifier;
  let catalogue: CatalogueIndex;
  let revision: number;
  const warnings: string[] = [];
  const logger = { ...silentLogger, warn: (_fields: unknown, message: string) => void warnings.push(message) } as typeof silentLogger;

  /** Puts in force the catalogue with these webhooks, as the catalogue's follower does after a change. */
  const change = (hooks: Record<string, { url: string; secretRef: string }>) => {
    const base = loadCatalogue();
    const units = base.units.map((u) => (hooks[u.id] ? { ...u, webhook: hooks[u.id]! } : u));
    revision += 1;
    expect(catalogue.replace({ catalogue: { ...base, units }, removed: NO_REMOVED_ENTRIES }, revision)).toBe(true);
  };
  const statusOf = (id: string) => notifier.outbox.get(id)?.status;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'notifier-changes-'));
    secretsFile = join(dataDir, 'webhook-secrets.json');
    // The file holds a secret no webhook names at start: the one the administrator's change will name.
    writeFileSync(secretsFile, JSON.stringify({ 'jiaojing-hook': SECRET }));
    receivers = [await Receiver.start([503]), await Receiver.start()];
    catalogue = new CatalogueIndex(loadCatalogue());
    revision = -1;
    warnings.length = 0;
    // As the start opens it: the secrets checked against the catalogue in force then, which names no webhook.
    // Tries 300 ms and more apart: the test changes the catalogue between two.
    notifier = new Notifier({ ...settings(dataDir), NOTIFY_RETRY_INITIAL_MS: 300, NOTIFY_RETRY_MAX_MS: 600 }, { catalogue, secrets: loadWebhookSecrets(secretsFile, catalogue.catalogue), clock: { now: () => new Date().toISOString() }, logger, random: () => 0.5 });
    notifier.start();
  });
  afterEach(async () => {
    await notifier.close();
    for (const receiver of receivers) await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers, signed, to a webhook a change added after the start, with the secret the file already held', async () => {
    await notifier.handle(whistle('ev-before', [{ unitId: 'unit-jiaojing' }]));
    expect(notifier.outbox.list({}, 0, 10).items.map((n) => n.status)).toEqual(['no_channel']);

    change({ 'unit-jiaojing': { url: receivers[1]!.url, secretRef: 'jiaojing-hook' } });
    await notifier.handle(whistle('ev-after', [{ unitId: 'unit-jiaojing' }], new Date().toISOString(), 'case-2'));
    const id = notifier.outbox.list({ caseId: 'case-2' }, 0, 10).items[0]!.id;
    await until('delivered', () => (statusOf(id) === 'delivered' ? true : undefined));
    expect(receivers[1]!.received).toHaveLength(1);
    const { headers, body } = receivers[1]!.received[0]!;
    expect(verifyWebhook(SECRET, headers as Record<string, string>, body, Math.floor(Date.now() / 1000))).toEqual({ ok: true });
    expect(JSON.parse(body)).toMatchObject({ id, kind: 'summoned', recipient: { kind: 'unit', id: 'unit-jiaojing' }, caseId: 'case-2' });
  });

  it('tries again at the URL in force: a webhook corrected between two tries gets the next one', async () => {
    change({ 'unit-jiaojing': { url: receivers[0]!.url, secretRef: 'jiaojing-hook' } });
    await notifier.handle(whistle('ev-moved', [{ unitId: 'unit-jiaojing' }]));
    const id = notifier.outbox.list({}, 0, 10).items[0]!.id;
    await until('the first try failed', () => (receivers[0]!.received.length === 1 ? true : undefined));
    change({ 'unit-jiaojing': { url: receivers[1]!.url, secretRef: 'jiaojing-hook' } });
    await until('delivered', () => (statusOf(id) === 'delivered' ? true : undefined));
    expect(receivers[0]!.received).toHaveLength(1);
    expect(receivers[1]!.received).toHaveLength(1);
    expect(notifier.outbox.get(id)?.attempts.map((a) => [a.outcome, a.httpStatus])).toEqual([
      ['failed', 503],
      ['delivered', 200],
    ]);
  });

  it('fails each try of a webhook whose secretRef the file lacks, naming it and the setting, dead after the last; found once added', async () => {
    change({ 'unit-jiaojing': { url: receivers[1]!.url, secretRef: 'jiaojing-new' } });
    await notifier.handle(whistle('ev-unsigned', [{ unitId: 'unit-jiaojing' }]));
    const id = notifier.outbox.list({}, 0, 10).items[0]!.id;
    const dead = await until('dead', () => (statusOf(id) === 'dead' ? notifier.outbox.get(id) : undefined));
    const problem = `the webhook of unit unit-jiaojing cannot be signed: no secret "jiaojing-new" in WEBHOOK_SECRETS_FILE (${secretsFile}): add it there; the next try reads the file again`;
    expect(dead.attempts.map((a) => [a.outcome, a.channel, a.httpStatus, a.error])).toEqual(Array(3).fill(['failed', 'webhook', null, problem]));
    expect(receivers[1]!.received).toHaveLength(0);
    // Logged once, not at each try, and the dead letter as always.
    expect(warnings).toEqual([problem, 'notification dead-lettered after its last try']);

    writeFileSync(secretsFile, JSON.stringify({ 'jiaojing-hook': SECRET, 'jiaojing-new': 'the-new-secret-0123456789' }));
    expect(notifier.retry(id)).toBe(true);
    await until('delivered on the new round', () => (statusOf(id) === 'delivered' ? true : undefined));
    const { headers, body } = receivers[1]!.received[0]!;
    expect(verifyWebhook('the-new-secret-0123456789', headers as Record<string, string>, body, Math.floor(Date.now() / 1000))).toEqual({ ok: true });
  });
});
