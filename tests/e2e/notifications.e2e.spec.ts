import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@whistle/deployment';
import { ApiClient, eventually, roles } from './support/api-client';
import { CaseSteps } from './support/case-steps';
import { SystemProcess } from './support/system-process';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * Notifications (通知) through the embedded system to real HTTP receivers started here, which
 * check each signature and timestamp as a recipient would: one is down (connection refused) for
 * a while and then comes back, one answers 503 for ever, and the system restarts in the middle.
 * Every notification is delivered once or dead-lettered and shown so; none is lost or doubled.
 * Joint-meeting invitations go the same way.
 */
jest.setTimeout(240_000);

const SECRETS = { jiaojing: 'jiaojing-webhook-secret-0001', xiaofang: 'xiaofang-webhook-secret-0002', north: 'north-station-secret-00003' };

interface Listed {
  id: string;
  kind: string;
  recipient: { kind: string; id: string };
  caseId: string | null;
  status: string;
  nextAttemptAt: string | null;
  attempts: { number: number; at: string; outcome: string; httpStatus: number | null; error: string | null }[];
}

describe('notifications delivered by signed webhooks', () => {
  let system: SystemProcess;
  let steps: CaseSteps;
  let office: ApiClient;
  let jiaojing: WebhookReceiver;
  let xiaofang: WebhookReceiver;
  let north: WebhookReceiver;

  const listed = async (client: ApiClient, query = ''): Promise<Listed[]> => {
    const answer = await client.get<{ items: Listed[]; total: number }>(`/api/notifications?pageSize=100${query}`);
    expect(answer.status).toBe(200);
    return answer.body.items;
  };
  const kindsOf = (items: Listed[], recipientId: string) => items.filter((n) => n.recipient.id === recipientId).map((n) => `${n.kind}:${n.status}`).sort();

  beforeAll(async () => {
    jiaojing = new WebhookReceiver(await freePort(), SECRETS.jiaojing);
    xiaofang = new WebhookReceiver(await freePort(), SECRETS.xiaofang);
    north = new WebhookReceiver(await freePort(), SECRETS.north);
    xiaofang.status = 503;
    await xiaofang.listen();
    await north.listen();
    // unit-jiaojing's receiver is down at first: its port refuses connections.
    const secretsFile = join(mkdtempSync(join(tmpdir(), 'webhook-secrets-')), 'secrets.json');
    writeFileSync(secretsFile, JSON.stringify({ 'jiaojing-hook': SECRETS.jiaojing, 'xiaofang-hook': SECRETS.xiaofang, 'north-hook': SECRETS.north }));
    system = await SystemProcess.start({
      catalogue: {
        deadlines: { reportIn: { '2': 'PT40S' }, grace: { '2': 'PT1H' } },
        webhooks: {
          'unit-jiaojing': { url: jiaojing.url, secretRef: 'jiaojing-hook' },
          'unit-xiaofang': { url: xiaofang.url, secretRef: 'xiaofang-hook' },
          'station-north': { url: north.url, secretRef: 'north-hook' },
        },
      },
      env: {
        WEBHOOK_SECRETS_FILE: secretsFile,
        SCHEDULER_TICK_MS: '200',
        NOTIFY_RETRY_ATTEMPTS: '4',
        NOTIFY_RETRY_INITIAL_MS: '500',
        NOTIFY_RETRY_MAX_MS: '1500',
      },
    });
    steps = new CaseSteps(system.baseUrl);
    office = new ApiClient(system.baseUrl, roles.office());
  });
  afterAll(async () => {
    await system?.dispose();
    for (const receiver of [jiaojing, xiaofang, north]) await receiver?.stop();
  });

  it('retries a receiver that is down across a restart until it is delivered once; dead-letters one that never comes back; reminds, reports the miss, and tells the station', async () => {
    const caseId = await steps.report('fire_lane_blocked', 'compound-xinghua-1');
    await steps.whistle(caseId, { level: 2 });

    // unit-jiaojing's receiver refuses the connection: retrying, with the next try's time and each try kept.
    const retrying = await eventually(async () => {
      const found = (await listed(office, `&caseId=${caseId}`)).find((n) => n.recipient.id === 'unit-jiaojing' && n.kind === 'summoned');
      expect(found?.status).toBe('retrying');
      expect(found?.attempts.length).toBeGreaterThanOrEqual(1);
      return found!;
    }, 20_000, 'the summons to unit-jiaojing retrying');
    expect(Date.parse(retrying.nextAttemptAt!)).toBeGreaterThan(Date.parse(retrying.attempts.at(-1)!.at));
    expect(retrying.attempts[0]).toMatchObject({ number: 1, outcome: 'failed', httpStatus: null, error: expect.stringContaining('ECONNREFUSED') });

    // A restart in the middle: what was recorded is still there, and is sent after it.
    await system.restart();
    await jiaojing.listen();

    const summoned = await eventually(async () => {
      const found = (await listed(office, `&caseId=${caseId}`)).find((n) => n.recipient.id === 'unit-jiaojing' && n.kind === 'summoned');
      expect(found?.status).toBe('delivered');
      return found!;
    }, 30_000, 'the summons to unit-jiaojing delivered');
    expect(summoned.attempts.at(-1)).toMatchObject({ outcome: 'delivered', httpStatus: 200 });
    expect(summoned.attempts.slice(0, -1).every((a) => a.outcome === 'failed')).toBe(true);

    // unit-xiaofang's receiver answers 503 for ever: four tries, then the dead letter, shown so.
    const dead = await eventually(async () => {
      const found = (await listed(office, `&caseId=${caseId}`)).find((n) => n.recipient.id === 'unit-xiaofang' && n.kind === 'summoned');
      expect(found?.status).toBe('dead');
      return found!;
    }, 30_000, 'the summons to unit-xiaofang dead');
    expect(dead.attempts.filter((a) => a.outcome === 'failed' && a.httpStatus === 503).length).toBeGreaterThanOrEqual(4);
    expect(dead.nextAttemptAt).toBeNull();

    // The report-in deadline comes near (its last quarter), then passes: the units are told, and the station.
    await eventually(async () => {
      const items = await listed(office, `&caseId=${caseId}`);
      expect(kindsOf(items, 'unit-jiaojing')).toEqual(['report_in_missed:delivered', 'report_in_near:delivered', 'summoned:delivered']);
      // Each summoned unit missed its report-in: the station hears of each.
      expect(kindsOf(items, 'station-north')).toEqual(['case_overdue:delivered', 'case_overdue:delivered']);
    }, 60_000, 'the reminder, the miss and the station’s notice delivered');

    // What the receivers accepted: every signature and timestamp good, each notification once.
    const accepted = jiaojing.accepted();
    expect(accepted.map((d) => d.body['kind']).sort()).toEqual(['report_in_missed', 'report_in_near', 'summoned']);
    expect(new Set(accepted.map((d) => d.id)).size).toBe(3);
    for (const receiver of [jiaojing, xiaofang, north]) {
      expect(receiver.deliveries.filter((d) => d.verdict !== 'ok')).toEqual([]);
      for (const d of receiver.deliveries) expect(Math.abs(d.receivedAt - d.timestamp)).toBeLessThanOrEqual(5);
    }
    expect(north.accepted().map((d) => d.body['unitId']).sort()).toEqual(['unit-jiaojing', 'unit-xiaofang']);
    for (const { body } of north.accepted()) expect(body).toMatchObject({ kind: 'case_overdue', caseId, recipient: { kind: 'station', id: 'station-north' }, lapse: 'report_in_missed' });

    // A unit sees only its own; a station its own.
    expect(new Set((await listed(new ApiClient(system.baseUrl, roles.unit('unit-jiaojing')))).map((n) => n.recipient.id))).toEqual(new Set(['unit-jiaojing']));
    expect(new Set((await listed(new ApiClient(system.baseUrl, roles.station('station-north')))).map((n) => n.recipient.id))).toEqual(new Set(['station-north']));

    // The office tries the dead one again once its receiver is back; no one else may, and only a dead one.
    xiaofang.status = 200;
    expect((await new ApiClient(system.baseUrl, roles.unit('unit-xiaofang')).post(`/api/notifications/${dead.id}/retry`)).status).toBe(403);
    const again = await office.post(`/api/notifications/${dead.id}/retry`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: dead.id, status: expect.stringMatching(/^(pending|delivered)$/) });
    await eventually(async () => expect(xiaofang.accepted().filter((d) => d.id === dead.id)).toHaveLength(1), 15_000, 'the dead summons delivered on its new round');
    expect((await office.post(`/api/notifications/${summoned.id}/retry`)).status).toBe(409);
    expect((await office.post(`/api/notifications/ntf_${'0'.repeat(32)}/retry`)).status).toBe(404);
    const bad = await office.post('/api/notifications/not-an-id/retry');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('id');
    expect((await office.get('/api/notifications?status=lost')).status).toBe(400);

    // A joint meeting: each invited unit is told where and when.
    const meeting = await office.post('/api/adjudication/meetings', { scheduledAt: new Date(Date.now() + 86_400_000).toISOString(), place: '镇综治中心', invitedUnits: ['unit-jiaojing', 'unit-gongan'] });
    expect(meeting.status).toBe(201);
    const invitation = await eventually(async () => {
      const found = jiaojing.accepted().filter((d) => d.body['kind'] === 'meeting_invited');
      expect(found).toHaveLength(1);
      return found[0]!;
    }, 15_000, 'the invitation delivered to unit-jiaojing');
    expect(invitation.body).toMatchObject({ recipient: { kind: 'unit', id: 'unit-jiaojing' }, caseId: null, place: '镇综治中心', meetingId: (meeting.body as { id: string }).id });

    // /metrics counts the tries by outcome (this run's, since the last restart).
    const metrics = await fetch(`${system.baseUrl}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/^whistle_notification_attempts_total\{outcome="delivered"\} [1-9]/m);

    // Another restart: nothing is lost, nothing doubled, nothing sent again.
    const before = await eventually(async () => {
      const items = await listed(office);
      expect(items.filter((n) => n.status === 'pending' || n.status === 'retrying')).toEqual([]);
      return items;
    }, 30_000, 'every notification settled');
    const sent = [jiaojing, xiaofang, north].map((r) => r.deliveries.length);
    await system.restart();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const after = await listed(office);
    expect(after.map((n) => [n.id, n.status])).toEqual(before.map((n) => [n.id, n.status]));
    expect([jiaojing, xiaofang, north].map((r) => r.deliveries.length)).toEqual(sent);
  });
});
