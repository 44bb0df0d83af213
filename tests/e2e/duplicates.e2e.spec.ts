import { systemSuite } from './support/system-suite';
import { ApiClient, eventually, roles } from './support/api-client';

/**
 * Duplicates by hand (人工关联重复, 合并) through the public API on the system started as `npm start`:
 * intake's automatic link undone, a link made by hand, a whistled case merged (its tasks end with
 * it), each in the history with its reason, the rules refused with their codes (another station's
 * cases hidden behind a 404), no chain when intake links a report as a case is linked by hand, and
 * the station's figures counting the problem once.
 */
jest.setTimeout(180_000);

const suite = systemSuite();

describe('duplicates by hand', () => {
  const from = new Date(Date.now() - 3_600_000).toISOString();
  let primary: string;
  let repeat: string;
  let other: string;

  it('undoes intake’s automatic link with a reason: the report is routed as a case of its own', async () => {
    const steps = suite.steps();
    primary = await steps.report('fire_lane_blocked');
    const reported = await steps.station.post('/api/intake/cases', { compoundId: 'compound-xinghua-1', category: 'fire_lane_blocked', description: '又是那辆车', channel: 'branch' });
    expect(reported.body.duplicateOf).toBe(primary);
    repeat = reported.body.id as string;
    const unlinked = await steps.station.post(`/api/intake/cases/${repeat}/not-duplicate`, { reason: '另一栋楼的消防通道' });
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.events).toEqual(['intake.DuplicateLinkOverruled.v1', 'intake.CaseRouted.v1']);
    await steps.waitFor(repeat, (v) => v.status === 'triaged' && v.duplicateOf === null, 'triaged as a case of its own');
  });

  it('links a case by hand to its primary, with a reason, conditional on its revision', async () => {
    const steps = suite.steps();
    const path = `/api/intake/cases/${repeat}/duplicate-of`;
    const stale = await steps.station.post(path, { duplicateOf: primary, reason: '同一辆车' }, { 'If-Match': '0' });
    expect(stale.status).toBe(412);
    const linked = await steps.station.post(path, { duplicateOf: primary, reason: '核实后确为同一辆车' }, { 'Idempotency-Key': `link-${repeat}` });
    expect(linked.status).toBe(200);
    expect(linked.body.events).toEqual(['intake.CaseLinkedAsDuplicate.v1']);
    const again = await steps.station.post(path, { duplicateOf: primary, reason: '核实后确为同一辆车' }, { 'Idempotency-Key': `link-${repeat}` });
    expect(again.body.revision).toBe(linked.body.revision);
    await steps.waitFor(repeat, (v) => v.status === 'duplicate' && v.duplicateOf === primary, 'a duplicate of its primary');
    const history = await steps.history(repeat);
    expect(history.map((e) => e.type)).toEqual(
      expect.arrayContaining(['intake.CaseLinkedAsDuplicate.v1', 'intake.DuplicateLinkOverruled.v1', 'intake.CaseRouted.v1', 'escalation.WhistleStoodDown.v1']),
    );
    const link = history.filter((e) => e.type === 'intake.CaseLinkedAsDuplicate.v1').at(-1);
    expect(link.data).toMatchObject({ duplicateOf: primary, reason: '核实后确为同一辆车' });
    expect(link.actor).toMatchObject({ role: 'station' });
    expect(history.find((e) => e.type === 'intake.DuplicateLinkOverruled.v1').data.reason).toBe('另一栋楼的消防通道');
  });

  it('refuses a link to a duplicate (naming its primary), to itself, across compounds, and names a missing field', async () => {
    const steps = suite.steps();
    const third = await steps.report('common_area_clutter');
    const toDuplicate = await steps.station.post(`/api/intake/cases/${third}/duplicate-of`, { duplicateOf: repeat, reason: 'x' });
    expect(toDuplicate.status).toBe(409);
    expect(toDuplicate.body.message).toContain(`use case ${primary} instead`);
    expect(toDuplicate.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'case.primary_is_duplicate' })]));
    const self = await steps.station.post(`/api/intake/cases/${third}/duplicate-of`, { duplicateOf: third, reason: 'x' });
    expect(self.status).toBe(409);
    const elsewhere = await steps.report('common_area_clutter', 'compound-xinghua-2');
    const across = await steps.station.post(`/api/intake/cases/${elsewhere}/merge`, { into: primary, reason: 'x' });
    expect(across.status).toBe(409);
    expect(across.body.message).toMatch(/compound-xinghua-1/);
    const noReason = await steps.station.post(`/api/intake/cases/${third}/merge`, { into: primary });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body.details)).toContain('reason');
    const unknown = await steps.station.post(`/api/intake/cases/${third}/duplicate-of`, { duplicateOf: 'no-such-case', reason: 'x' });
    expect(unknown.status).toBe(404);
    const primaryWithDuplicates = await steps.station.post(`/api/intake/cases/${primary}/merge`, { into: third, reason: 'x' });
    expect(primaryWithDuplicates.status).toBe(409);
    expect(primaryWithDuplicates.body.message).toContain(repeat);
    other = third;
  });

  it('answers a station naming another station’s case as if there were no such case: its existence, primary and compound stay hidden', async () => {
    const steps = suite.steps();
    const central = new ApiClient(suite.system().baseUrl, roles.station('station-central'));
    const reported = await central.post('/api/intake/cases', { compoundId: 'compound-wanghu-1', category: 'common_area_clutter', description: '望湖城楼道堆物', channel: 'branch' });
    expect(reported.status).toBe(201);
    const own = reported.body.id as string;
    const probes = [
      await central.post(`/api/intake/cases/${own}/duplicate-of`, { duplicateOf: 'no-such-case', reason: 'x' }),
      await central.post(`/api/intake/cases/${own}/duplicate-of`, { duplicateOf: primary, reason: 'x' }),
      await central.post(`/api/intake/cases/${own}/duplicate-of`, { duplicateOf: repeat, reason: 'x' }),
      await central.post(`/api/intake/cases/${own}/merge`, { into: primary, reason: 'x' }),
      await central.post(`/api/intake/cases/${own}/merge`, { into: repeat, reason: 'x' }),
    ];
    expect(probes.map((p) => p.status)).toEqual([404, 404, 404, 404, 404]);
    for (const probe of probes) expect(JSON.stringify(probe.body)).not.toMatch(/compound-xinghua|station-north/);
    expect(JSON.stringify(probes[2]?.body)).not.toContain(primary);
    expect(JSON.stringify(probes[4]?.body)).not.toContain(primary);
    // the station's own case is untouched, and the north station still links within its scope
    const history = await steps.history(own);
    expect(history.map((e) => e.type)).not.toContain('intake.CaseLinkedAsDuplicate.v1');
  });

  it('merges a whistled case into the primary: its tasks end with it, and the merge is in its history', async () => {
    const steps = suite.steps();
    const whistleId = await steps.whistle(other, { level: 2 });
    await steps.taskOf(other, 'unit-chengguan', whistleId);
    const merged = await steps.station.post(`/api/intake/cases/${other}/merge`, { into: primary, reason: '同一处乱堆乱放，与消防通道堵塞一并处理' });
    expect(merged.status).toBe(200);
    expect(merged.body.events).toEqual(['intake.CaseMerged.v1']);
    const view = await steps.waitFor(other, (v) => v.status === 'merged' && v.tasks.every((t: any) => t.status === 'superseded'), 'merged, its tasks ended');
    expect(view.duplicateOf).toBe(primary);
    const history = await steps.history(other);
    expect(history.find((e) => e.type === 'intake.CaseMerged.v1').data).toMatchObject({ mergedInto: primary, reason: '同一处乱堆乱放，与消防通道堵塞一并处理' });
    expect(history.find((e) => e.type === 'escalation.WhistleStoodDown.v1').data.because).toBe('merged');
    const unmerge = await steps.station.post(`/api/intake/cases/${other}/not-duplicate`, { reason: 'x' });
    expect(unmerge.status).toBe(409);
  });

  it('takes one of two links made at once in opposite directions, and refuses the other: no cycle', async () => {
    const steps = suite.steps();
    const first = await steps.report('late_night_noise', 'compound-xinghua-3');
    const second = await steps.report('group_renting', 'compound-xinghua-3');
    const answers = await Promise.all([
      steps.station.post(`/api/intake/cases/${first}/duplicate-of`, { duplicateOf: second, reason: '同一户' }),
      steps.office.post(`/api/intake/cases/${second}/merge`, { into: first, reason: '同一户' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
  });

  it('never chains a report linked by intake to a case linked by hand at the same time', async () => {
    const office = suite.steps().office;
    const report = async (compoundId: string, category: string) => {
      const answer = await office.post('/api/intake/cases', { compoundId, category, description: `${category} 同时上报`, channel: 'branch' });
      expect(answer.status).toBe(201);
      return answer.body as { id: string; duplicateOf?: string };
    };
    // compounds of the other stations, so that the north station's figures below stay as they are
    const compounds = ['compound-anju-1', 'compound-anju-2', 'compound-anju-3', 'compound-anju-4', 'compound-chuangxin-1', 'compound-chuangxin-2'];
    const categories = ['late_night_noise', 'group_renting', 'uncivil_dog_keeping'];
    const pairs = await Promise.all(
      compounds.map(async (compoundId) => {
        const target = await report(compoundId, 'thrown_from_height');
        const originals = await Promise.all(categories.map((category) => report(compoundId, category)));
        expect([target, ...originals].map((c) => c.duplicateOf)).toEqual([undefined, ...categories.map(() => undefined)]);
        return originals.map((original, i) => ({ compoundId, category: categories[i] as string, original: original.id, target: target.id }));
      }),
    );
    const outcomes = await Promise.all(
      pairs.flat().map(async ({ compoundId, category, original, target }) => {
        const [again, linked] = await Promise.all([
          report(compoundId, category),
          office.post(`/api/intake/cases/${original}/duplicate-of`, { duplicateOf: target, reason: '同一问题' }),
        ]);
        return { original, againOf: again.duplicateOf ?? null, linked: linked.status };
      }),
    );
    // Either the report joined the original first, which then may not become a duplicate in
    // turn, or the original was linked first and the report joins nothing: never both.
    const chained = outcomes.filter((o) => o.againOf === o.original && o.linked === 200);
    expect(chained).toEqual([]);
    for (const o of outcomes) expect(o.linked).toBe(o.againOf === o.original ? 409 : 200);
  });

  it('lists a primary’s duplicates and merged cases', async () => {
    const listed = await suite.steps().office.get(`/api/query/cases?duplicateOf=${primary}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((c: any) => c.id).sort()).toEqual([repeat, other].sort());
  });

  it('counts the problem once in the station’s figures', async () => {
    const steps = suite.steps();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const stats = await eventually(async () => {
      const read = await steps.office.get(`/api/query/stats?groupBy=station&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
      expect(read.status).toBe(200);
      const north = (read.body.groups ?? read.body).find((g: any) => g.id === 'station-north');
      expect(north.sources.caseIds).toEqual(expect.arrayContaining([primary, repeat, other]));
      return north;
    }, 20_000, 'the station’s figures');
    // the primary, the case of compound-xinghua-2 reported for the refusals and the one of the two
    // linked at once that was not linked: the duplicates and the merged cases are not counted apart
    expect(stats.sources.caseIds).toHaveLength(6);
    expect(stats.cases).toBe(3);
    expect(stats.resolutionRate.denominator).toBe(3);
  });
});
