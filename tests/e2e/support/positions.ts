import { randomUUID } from 'node:crypto';
import { openEventStream, type EventStreamReader } from '@whistle/http/testing';
import { ApiClient, roles } from './api-client';

/** The live case stream as `client` reads it, once it said it is ready. */
export async function liveCases(baseUrl: string, client: ApiClient): Promise<EventStreamReader> {
  const stream = await openEventStream(`${baseUrl}/api/query/cases/events`, client.token);
  await stream.until(() => stream.named('ready').length > 0);
  return stream;
}

/** A position of the right shape that no command gave: a stream revision far ahead of any. */
export function positionAhead(caseId: string): string {
  return `p1.${Buffer.from(JSON.stringify(['escalation', `whistle-${caseId}`, 9_999, randomUUID(), caseId])).toString('base64url')}`;
}

/**
 * No stale reads, no polling by hand, over the public API only: commands answer with a position,
 * reads and other services' commands wait for it, an id not learned of yet is told apart from a
 * wrong one, and the read side streams its changes by scope. The embedded system and the
 * distributed one must both pass them unchanged.
 */
export function describePositions(baseUrlOf: () => string): void {
  let baseUrl: string;
  let north: ApiClient;
  let central: ApiClient;
  let office: ApiClient;
  beforeAll(() => {
    baseUrl = baseUrlOf();
    north = new ApiClient(baseUrl, roles.station('station-north'));
    central = new ApiClient(baseUrl, roles.station('station-central'));
    office = new ApiClient(baseUrl, roles.office());
  });

  const report = async (client: ApiClient, compoundId: string, category: string) => {
    const answer = await client.post('/api/intake/cases', { compoundId, category, description: `${category} 位置测试 ${randomUUID()}`, channel: 'station_patrol' });
    expect(answer.status).toBe(201);
    // A probable duplicate is never routed, so nothing would be whistled: each test has places of its own.
    expect(answer.body.duplicateOf).toBeUndefined();
    return answer;
  };

  it('a whistle sent at once after the report, with the report’s position, is taken; a read with the whistle’s position shows it whistled, without polling', async () => {
    const reported = await report(north, 'compound-wutong-1', 'flying_wire_charging');
    const { id: caseId, position: reportedAt } = reported.body as { id: string; position: string };
    expect(reportedAt).toMatch(/^p1\./);
    expect(reported.headers.get('position')).toBe(reportedAt);

    const whistle = await north.post(`/api/escalation/cases/${caseId}/whistle`, { level: 2 }, { 'after-position': reportedAt });
    expect(whistle.status).toBe(200);
    expect(whistle.headers.get('position')).toBe(whistle.body.position);

    const after = { 'after-position': whistle.body.position as string };
    const view = await north.request<{ status: string; level: number; whistle: { whistleId: string } }>('GET', `/api/query/cases/${caseId}`, undefined, after);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ level: 2, whistle: { whistleId: whistle.body.whistleId } });
    expect(['whistled', 'in_progress']).toContain(view.body.status);
    const list = await north.request<{ items: { id: string; level: number }[] }>('GET', '/api/query/cases?pageSize=100', undefined, after);
    expect(list.body.items.find((item) => item.id === caseId)).toMatchObject({ level: 2 });
  });

  it('without a position, whistles sent right after their reports are taken or told not_yet_known with Retry-After, never a plain 404', async () => {
    const answers: { status: number; code: string | undefined; retryAfter: string | null }[] = [];
    const places = [
      ['compound-wutong-1', 'common_area_clutter', 'wait=0'],
      ['compound-wutong-1', 'green_space_vegetables', 'wait=0'],
      ['compound-wutong-1', 'lift_or_fire_equipment_fault', 'wait=0'],
      ['compound-wutong-2', 'common_area_clutter', undefined],
      ['compound-wutong-2', 'green_space_vegetables', undefined],
      ['compound-wutong-2', 'late_night_noise', undefined],
    ] as const;
    for (const [compoundId, category, wait] of places) {
      const { body } = await report(north, compoundId, category);
      const whistle = await north.post(`/api/escalation/cases/${body.id}/whistle`, { level: 2 }, wait ? { prefer: wait } : {});
      answers.push({ status: whistle.status, code: whistle.body.details?.[0]?.code, retryAfter: whistle.headers.get('retry-after') });
    }
    for (const answer of answers) {
      expect([
        { status: 200, code: undefined, retryAfter: null },
        { status: 503, code: 'not_yet_known', retryAfter: '1' },
      ]).toContainEqual(answer);
    }
    // Given the default wait, escalation hears of the case within it: every one of those is taken.
    expect(answers.slice(3).map((a) => a.status)).toEqual([200, 200, 200]);
  });

  it('a case nobody reported is a 404 once the service has heard everything, told apart from not_yet_known', async () => {
    const unknown = randomUUID();
    const whistle = await north.post(`/api/escalation/cases/${unknown}/whistle`, { level: 2 });
    expect(whistle.status).toBe(404);
    expect(whistle.body.details).toEqual([{ resource: 'case', id: unknown }]);
    const task = await new ApiClient(baseUrl, roles.unit('unit-jiaojing')).post(`/api/enforcement/tasks/${unknown}.unit-jiaojing/report-in`);
    expect(task.status).toBe(404);
  });

  it('a read whose After-Position is not reflected within its wait is a 503 position_not_reached with Retry-After, not a stale answer', async () => {
    const { body } = await report(north, 'compound-wutong-2', 'fire_theft_publicity');
    const started = Date.now();
    const read = await north.request('GET', `/api/query/cases/${body.id}`, undefined, { 'after-position': positionAhead(body.id), prefer: 'wait=1' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(read.status).toBe(503);
    expect(read.headers.get('retry-after')).toBe('1');
    expect(read.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable', details: [{ code: 'position_not_reached', header: 'After-Position' }] });
    // The dashboard's figures wait for the same position as the case itself.
    const figures = await office.request<{ details: unknown[] }>('GET', '/api/query/stats/trends?groupBy=station', undefined, { 'after-position': positionAhead(body.id), prefer: 'wait=1' });
    expect({ status: figures.status, details: figures.body.details }).toEqual({ status: 503, details: [expect.objectContaining({ code: 'position_not_reached' })] });
  });

  it('a malformed After-Position is a 400 naming the header, on reads and commands alike', async () => {
    for (const [client, method, path] of [
      [office, 'GET', '/api/query/cases'],
      [office, 'GET', '/api/query/stats/trends?groupBy=station'],
      [office, 'GET', '/api/enforcement/tasks'],
      [north, 'POST', `/api/escalation/cases/${randomUUID()}/whistle`],
    ] as const) {
      const answer = await client.request<{ details: { field: string }[] }>(method, path, method === 'POST' ? { level: 2 } : undefined, { 'after-position': 'the latest one' });
      expect({ path, status: answer.status, field: answer.body.details[0]?.field }).toEqual({ path, status: 400, field: 'After-Position' });
    }
  });

  it('the live stream brings a station the changes of its own cases as they happen, and another station nothing of them', async () => {
    const [own, other, all] = await Promise.all([liveCases(baseUrl, north), liveCases(baseUrl, central), liveCases(baseUrl, office)]);
    try {
      const { body } = await report(north, 'compound-wutong-1', 'late_night_noise');
      const caseId = body.id as string;
      const whistle = await north.post(`/api/escalation/cases/${caseId}/whistle`, { level: 2 }, { 'after-position': body.position });
      expect(whistle.status).toBe(200);
      const mine = () => own.named('case').filter((e) => e.data.id === caseId);
      await own.until(() => mine().some((e) => e.data.level === 2 && e.data.status !== 'triaged'));
      const change = mine().at(-1)!;
      expect(change.data).toEqual({ id: caseId, status: expect.any(String), level: 2, revision: expect.any(Number), position: expect.stringMatching(/^p1\./), updatedAt: expect.any(String) });
      expect(change.id).toBe(change.data.position);
      // The change's position reads the case at least as it was then.
      const read = await north.request<{ level: number }>('GET', `/api/query/cases/${caseId}`, undefined, { 'after-position': change.data.position });
      expect(read).toMatchObject({ status: 200, body: { level: 2 } });
      await all.until(() => all.named('case').some((e) => e.data.id === caseId));
      // Another station's stream, open all along, heard nothing of this case.
      expect(other.named('case').filter((e) => e.data.id === caseId)).toEqual([]);
      expect(other.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    } finally {
      await Promise.all([own.close(), other.close(), all.close()]);
    }
  });
}
