import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@whistle/deployment';
import { ApiClient, eventually, roles } from '../e2e/support/api-client';
import { CaseSteps } from '../e2e/support/case-steps';
import { WebhookReceiver } from '../e2e/support/webhook-receiver';
import { DistributedRun } from './distributed-run';

/**
 * The notifications service in the distributed mode (its own process, fed by Kafka, behind the
 * proxy): a whistle's summoned unit is notified by a signed webhook its real receiver verifies.
 */
jest.setTimeout(300_000);

const SECRET = 'jiaojing-distributed-secret-1';
let distributed: DistributedRun;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = new WebhookReceiver(await freePort(), SECRET);
  await receiver.listen();
  const dir = mkdtempSync(join(tmpdir(), 'notify-distributed-'));
  const catalogue = JSON.parse(readFileSync(join(__dirname, '..', '..', 'libs', 'catalogue', 'data', 'default-catalogue.json'), 'utf8')) as { units: { id: string; webhook?: unknown }[] };
  for (const unit of catalogue.units) if (unit.id === 'unit-jiaojing') unit.webhook = { url: receiver.url, secretRef: 'jiaojing' };
  writeFileSync(join(dir, 'catalogue.json'), JSON.stringify(catalogue));
  writeFileSync(join(dir, 'secrets.json'), JSON.stringify({ jiaojing: SECRET }));
  distributed = await DistributedRun.start('notify', { CATALOGUE_FILE: join(dir, 'catalogue.json'), WEBHOOK_SECRETS_FILE: join(dir, 'secrets.json') });
});
afterAll(async () => {
  await distributed?.stop();
  await receiver?.stop();
});

it('notifies a whistle’s summoned unit by a signed webhook, shown delivered behind the proxy', async () => {
  const baseUrl = distributed.system.baseUrl;
  const steps = new CaseSteps(baseUrl);
  const caseId = await steps.report('fire_lane_blocked', 'compound-xinghua-1');
  await steps.whistle(caseId, { level: 2 });

  const [delivery] = await eventually(async () => {
    const accepted = receiver.accepted().filter((d) => d.body['caseId'] === caseId);
    expect(accepted).toHaveLength(1);
    return accepted;
  }, 60_000, 'the summons delivered to unit-jiaojing’s receiver');
  expect(delivery!.body).toMatchObject({ kind: 'summoned', recipient: { kind: 'unit', id: 'unit-jiaojing' }, level: 2 });
  expect(receiver.deliveries.filter((d) => d.verdict !== 'ok')).toEqual([]);

  const listed = await eventually(async () => {
    const answer = await new ApiClient(baseUrl, roles.office()).get<{ items: { id: string; recipient: { id: string }; status: string }[] }>(`/api/notifications?caseId=${caseId}`);
    expect(answer.status).toBe(200);
    expect(answer.body.items.find((n) => n.recipient.id === 'unit-jiaojing')?.status).toBe('delivered');
    return answer.body.items;
  }, 20_000, 'the summons listed as delivered');
  expect(listed.find((n) => n.recipient.id === 'unit-jiaojing')?.id).toBe(delivery!.id);
  // unit-xiaofang names no webhook: recorded and shown, not sent.
  expect(listed.find((n) => n.recipient.id === 'unit-xiaofang')?.status).toBe('no_channel');
});
