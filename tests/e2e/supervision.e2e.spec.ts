import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { ASSESSMENT_DIMENSIONS, DEFAULT_WEIGHTING, quarterBounds, quarterOf } from '@whistle/contracts';
import { canonicalJson } from '@whistle/kernel';
import { ApiClient, eventually, roles, send } from './support/api-client';
import { systemSuite } from './support/system-suite';

/**
 * Supervision (监督考核) through the public API, on the system `npm start` runs: a quarter with a
 * case worked to its end, both sides' evaluations (one amended), a property firm assessed in one
 * compound with residents answering the public questionnaire, the quarter's notice published and
 * read without signing in, and the week's bulletin as a workbook read back cell by cell. The
 * quarterly scores are held to a computation from the recorded events and the weighting set.
 */
jest.setTimeout(180_000);

const suite = systemSuite();
const quarter = quarterOf(new Date().toISOString());
const { from, to } = quarterBounds(quarter);

const WEIGHTING = {
  effectiveFrom: quarter,
  unit: { responseRate: 0.2, resolutionRate: 0.2, satisfactionRate: 0.2, stationRating: 0.4, overduePenalty: 2, escalationPenalty: 5 },
  station: { responseRate: 0.3, resolutionRate: 0.3, satisfactionRate: 0.2, whistleRating: 0.2, overduePenalty: 2 },
  assessment: DEFAULT_WEIGHTING.assessment,
  lists: { redMinimum: 85, blackBelow: 60, blackOverdueFindings: 3 },
  reason: '本季度起加大工作站评价权重',
};

/** ISO week (Monday start) of an instant in Beijing time, as `2026-W49`. */
function isoWeekOf(instant: Date): string {
  const local = new Date(instant.getTime() + 8 * 3_600_000);
  const thursday = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  thursday.setUTCDate(thursday.getUTCDate() + 4 - (thursday.getUTCDay() || 7));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** A moment `ago` before now, but not before the quarter began (an open day must fall in its quarter). */
const withinQuarter = (ago: number): string => new Date(Math.max(Date.parse(from), Date.now() - ago)).toISOString();

describe('a quarter of supervision through the public API', () => {
  let office: ApiClient;
  let station: ApiClient;
  let caseId: string;
  const tasks: Record<string, string> = {};

  beforeAll(() => {
    office = suite.steps().office;
    station = suite.steps().station;
  });

  it('the office sets the weighting, kept with its history', async () => {
    const set = await office.post('/api/supervision/weighting', WEIGHTING);
    expect(set.status).toBe(201);
    expect(set.body.events).toEqual(['supervision.WeightingSet.v1']);
    const unbalanced = await office.post('/api/supervision/weighting', { ...WEIGHTING, unit: { ...WEIGHTING.unit, stationRating: 0.9 } });
    expect(unbalanced.status).toBe(400);
    expect(JSON.stringify(unbalanced.body)).toContain('unit');
    expect((await station.post('/api/supervision/weighting', WEIGHTING)).status).toBe(403);
    const weightings = await eventually(async () => {
      const read = await office.get('/api/query/weightings');
      expect(read.body.current?.weightingId).toBe(set.body.weightingId);
      return read.body;
    }, 20_000, 'the weighting visible');
    expect(weightings.current.unit.stationRating).toBe(0.4);
  });

  it('a task that ends opens its evaluation; the station rates the unit and the unit the whistle, an amendment is a new event', async () => {
    const steps = suite.steps();
    caseId = await steps.closedLevel2Case();
    const view = await steps.waitFor(caseId, () => true, 'visible');
    for (const task of view.tasks) tasks[task.unitId] = task.taskId;

    const opened = await eventually(async () => {
      const read = await station.get(`/api/query/evaluations?caseId=${caseId}`);
      expect(read.status).toBe(200);
      expect(read.body.items).toHaveLength(2);
      return read.body.items as any[];
    }, 20_000, 'two evaluations open');
    for (const evaluation of opened) {
      expect(evaluation).toMatchObject({ caseId, stationId: 'station-north', ending: 'outcome', result: 'resolved', unitRating: null, whistleRating: null });
      expect(evaluation.awaiting).toEqual(expect.arrayContaining(['station', 'unit']));
    }

    const jiaojing = tasks['unit-jiaojing']!;
    const xiaofang = tasks['unit-xiaofang']!;
    const rated = await station.post(`/api/supervision/tasks/${jiaojing}/unit-rating`, { timeliness: 5, effectiveness: 4, cooperation: 5, comment: '到场迅速，处置得当' });
    expect(rated.status).toBe(200);
    expect(rated.body.events).toEqual(['supervision.UnitResponseRated.v1']);
    const first = await station.post(`/api/supervision/tasks/${xiaofang}/unit-rating`, { timeliness: 3, effectiveness: 3, cooperation: 3, comment: '到场较慢' });
    expect(first.status).toBe(200);

    // Rating again is refused; only an amendment naming the current rating replaces it.
    const again = await station.post(`/api/supervision/tasks/${xiaofang}/unit-rating`, { timeliness: 4, effectiveness: 4, cooperation: 4, comment: '再评' });
    expect(again.status).toBe(409);
    const stale = await station.post(`/api/supervision/tasks/${xiaofang}/unit-rating`, { timeliness: 4, effectiveness: 4, cooperation: 4, comment: '更正', amends: 'not-a-rating', reason: '核实后更正' });
    expect(stale.status).toBe(409);
    const amended = await station.post(`/api/supervision/tasks/${xiaofang}/unit-rating`, {
      timeliness: 4,
      effectiveness: 4,
      cooperation: 4,
      comment: '核实后：按时到场',
      amends: first.body.ratingId,
      reason: '到场时间核实有误',
    });
    expect(amended.status).toBe(200);

    const badMarks = await station.post(`/api/supervision/tasks/${jiaojing}/unit-rating`, { timeliness: 6, effectiveness: 4, cooperation: 5, comment: 'x' });
    expect(badMarks.status).toBe(400);
    expect(JSON.stringify(badMarks.body)).toContain('timeliness');
    expect((await steps.unit('unit-jiaojing').post(`/api/supervision/tasks/${jiaojing}/unit-rating`, { timeliness: 5, effectiveness: 5, cooperation: 5, comment: '自评' })).status).toBe(403);
    expect((await new ApiClient(steps.baseUrl, roles.station('station-south')).post(`/api/supervision/tasks/${jiaojing}/unit-rating`, { timeliness: 1, effectiveness: 1, cooperation: 1, comment: '越权' })).status).toBe(403);

    expect((await steps.unit('unit-jiaojing').post(`/api/supervision/tasks/${jiaojing}/whistle-rating`, { justified: true, informationAccurate: true, comment: '吹哨及时' })).status).toBe(200);
    expect((await steps.unit('unit-xiaofang').post(`/api/supervision/tasks/${xiaofang}/whistle-rating`, { justified: true, informationAccurate: false, comment: '位置描述不准' })).status).toBe(200);
    expect((await steps.unit('unit-jiaojing').post(`/api/supervision/tasks/${xiaofang}/whistle-rating`, { justified: false, informationAccurate: false, comment: '越权' })).status).toBe(403);

    // In the case's history, with who rated and when; the first rating of 消防 is still there.
    const history = await eventually(async () => {
      const events = await steps.history(caseId);
      expect(events.filter((e) => e.type.startsWith('supervision.'))).toHaveLength(7);
      return events;
    }, 20_000, 'the evaluations in the case history');
    const ratings = history.filter((e) => e.type === 'supervision.UnitResponseRated.v1');
    expect(ratings.map((e) => e.data.score)).toEqual([93, 60, 80]);
    expect(ratings[2].data.amendment).toEqual({ amends: first.body.ratingId, reason: '到场时间核实有误' });
    expect(ratings.every((e) => e.actor.role === 'station' && e.actor.id === 'station-station-north')).toBe(true);
    const whistleRatings = history.filter((e) => e.type === 'supervision.WhistleRated.v1');
    expect(whistleRatings.map((e) => e.actor.unitId ?? e.actor.id)).toEqual(expect.arrayContaining([expect.stringContaining('jiaojing'), expect.stringContaining('xiaofang')]));
  });

  it('the quarterly scores equal those computed from the events, the rates and the weighting', async () => {
    const history = await suite.steps().history(caseId);
    const current = new Map<string, number>();
    for (const e of history.filter((e) => e.type === 'supervision.UnitResponseRated.v1')) current.set(e.data.unitId, e.data.score);
    const whistle = new Map<string, number>();
    for (const e of history.filter((e) => e.type === 'supervision.WhistleRated.v1')) whistle.set(e.data.unitId, (e.data.justified ? 50 : 0) + (e.data.informationAccurate ? 50 : 0));

    const stats = (await office.get(`/api/query/stats?groupBy=unit&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)).body;
    const scores = await eventually(async () => {
      const read = await office.get(`/api/query/quarterly-scores?quarter=${quarter}&groupBy=unit`);
      expect(read.status).toBe(200);
      expect(read.body.groups.find((g: any) => g.id === 'unit-xiaofang')?.parts.rating.value).toBe(80);
      return read.body;
    }, 20_000, 'the quarterly scores with the amended rating');
    expect(scores.weighting.weightingId).not.toBe('default');

    for (const unitId of ['unit-jiaojing', 'unit-xiaofang']) {
      const group = scores.groups.find((g: any) => g.id === unitId);
      const rates = (stats.groups ?? stats).find((g: any) => g.id === unitId);
      expect(group.parts.responseRate).toEqual(rates.responseRate);
      expect(group.parts.resolutionRate).toEqual(rates.resolutionRate);
      expect(group.parts.satisfactionRate).toEqual(rates.satisfactionRate);
      expect(group.parts.rating.value).toBe(current.get(unitId));
      const w = WEIGHTING.unit;
      const parts: [number, number | null][] = [
        [w.responseRate, rates.responseRate.value === null ? null : rates.responseRate.value * 100],
        [w.resolutionRate, rates.resolutionRate.value === null ? null : rates.resolutionRate.value * 100],
        [w.satisfactionRate, rates.satisfactionRate.value === null ? null : rates.satisfactionRate.value * 100],
        [w.stationRating, current.get(unitId) ?? null],
      ];
      const present = parts.filter(([, v]) => v !== null) as [number, number][];
      const weight = present.reduce((sum, [wt]) => sum + wt, 0);
      const penalty = w.overduePenalty * (rates.overdue.reportInsMissed + rates.overdue.tasksOverdue) + w.escalationPenalty * rates.declineEscalations;
      const expected = Math.max(0, present.reduce((sum, [wt, v]) => sum + wt * v, 0) / weight - penalty);
      expect(group.score).toBeCloseTo(expected, 2);
      expect(group.sources.caseIds).toContain(caseId);
    }
    const ranked = [...scores.groups].filter((g: any) => g.score !== null).sort((a: any, b: any) => b.score - a.score);
    expect(ranked[0].rank).toBe(1);

    const stationScores = (await office.get(`/api/query/quarterly-scores?quarter=${quarter}&groupBy=station`)).body;
    const north = stationScores.groups.find((g: any) => g.id === 'station-north');
    expect(north.parts.rating.value).toBe(([...whistle.values()].reduce((a, b) => a + b, 0)) / whistle.size);
    for (const bad of ['2026-Q5', '0999-Q1', '0000-Q1']) expect((await office.get(`/api/query/quarterly-scores?quarter=${bad}&groupBy=unit`)).status).toBe(400);
    expect((await office.post('/api/supervision/assessments', { quarter: '0000-Q1', firmId: 'f', compoundId: 'compound-xinghua-1' })).status).toBe(400);
  });

  let firmId: string;
  let assessmentId: string;
  let firstNotice: { id: string; publishedAt: string };

  it('a property firm is assessed in its compound: eight dimensions, a finding closed, 25 residents, an open day and a visit', async () => {
    const registered = await office.post('/api/supervision/firms', {
      name: '杭州绿城物业服务有限公司',
      creditCode: '91330100MA2XXXXX1J',
      contact: { name: '王经理', phone: '13800000000' },
      compoundIds: ['compound-xinghua-1'],
    });
    expect(registered.status).toBe(201);
    firmId = registered.body.id;
    const taken = await office.post('/api/supervision/firms', { name: '另一家物业', creditCode: '91330100MA2YYYYY2K', contact: { name: '李', phone: '13900000000' }, compoundIds: ['compound-xinghua-1'] });
    expect(taken.status).toBe(409);

    const opened = await station.post('/api/supervision/assessments', { quarter, firmId, compoundId: 'compound-xinghua-1' });
    expect(opened.status).toBe(201);
    assessmentId = opened.body.id;
    const scores = [95, 90, 88, 92, 85, 96, 90, 94];
    for (const [i, dimension] of ASSESSMENT_DIMENSIONS.entries()) {
      const scored = await station.post(`/api/supervision/assessments/${assessmentId}/scores`, { dimension, score: scores[i], method: i % 2 === 0 ? 'onsite_inspection' : 'document_review', note: '现场检查' });
      expect(scored.status).toBe(200);
    }
    const finding = await station.post(`/api/supervision/assessments/${assessmentId}/findings`, {
      dimension: 'sanitation',
      description: '3号楼垃圾桶满溢',
      rectifyBy: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    expect(finding.status).toBe(200);
    expect((await station.post(`/api/supervision/assessments/${assessmentId}/findings/${finding.body.findingId}/rectified`, { note: '已清运，复查合格' })).status).toBe(200);

    const early = await station.post(`/api/supervision/assessments/${assessmentId}/complete`);
    expect(early.status).toBe(409);

    const batch = Array.from({ length: 22 }, (_, i) => [100, 80, 80, 60][i % 4]!);
    expect((await station.post(`/api/supervision/assessments/${assessmentId}/satisfaction`, { scores: batch })).status).toBe(200);
    const issued = await station.post(`/api/supervision/assessments/${assessmentId}/questionnaires`, { maxResponses: 3 });
    expect(issued.status).toBe(200);
    const token = issued.body.token as string;
    const baseUrl = suite.steps().baseUrl;
    const questionnaire = await send(baseUrl, 'GET', `/api/public/questionnaires/${token}`);
    expect(questionnaire.status).toBe(200);
    expect(questionnaire.body).toMatchObject({ assessmentId, firmName: '杭州绿城物业服务有限公司', open: true });
    for (const score of [100, 80, 60]) expect((await send(baseUrl, 'POST', `/api/public/questionnaires/${token}/responses`, { body: { score } })).status).toBe(201);
    expect((await send(baseUrl, 'POST', `/api/public/questionnaires/${token}/responses`, { body: { score: 100 } })).status).toBe(409);
    expect((await send(baseUrl, 'POST', `/api/public/questionnaires/${token}/responses`, { body: { score: 101 } })).status).toBe(400);
    expect((await send(baseUrl, 'GET', '/api/public/questionnaires/not-a-token')).status).toBe(404);

    expect((await station.post(`/api/supervision/assessments/${assessmentId}/open-days`, { heldAt: withinQuarter(86_400_000), attendance: 40, note: '物业开放日' })).status).toBe(200);
    expect((await station.post(`/api/supervision/assessments/${assessmentId}/visits`, { visitedAt: withinQuarter(3_600_000), households: 12, note: '入户走访' })).status).toBe(200);

    const completed = await station.post(`/api/supervision/assessments/${assessmentId}/complete`);
    expect(completed.status).toBe(200);
    const residents = [...batch, 100, 80, 60];
    const average = residents.reduce((a, b) => a + b, 0) / residents.length;
    const dimensions = ASSESSMENT_DIMENSIONS.reduce((sum, d, i) => sum + WEIGHTING.assessment.dimensions[d] * scores[i]!, 0);
    const total = Math.round((dimensions + WEIGHTING.assessment.satisfaction * average) * 100) / 100;

    const view = await eventually(async () => {
      const read = await office.get(`/api/query/assessments/${assessmentId}`);
      expect(read.body.status).toBe('completed');
      return read.body;
    }, 20_000, 'the assessment completed');
    expect(view.result.total).toBeCloseTo(total, 2);
    expect(view.result.grade).toBe(total >= 90 ? 'excellent' : total >= 75 ? 'good' : 'pass');
    expect(view.satisfaction).toMatchObject({ responses: 25, bySource: { station: 22, questionnaire: 3 } });
    expect(view.findings).toEqual([expect.objectContaining({ status: 'rectified' })]);
    expect(view.openDays).toHaveLength(1);
    expect(view.visits).toHaveLength(1);
    expect((await station.post(`/api/supervision/assessments/${assessmentId}/scores`, { dimension: 'safety', score: 10, method: 'onsite_inspection', note: '事后改分' })).status).toBe(409);
  });

  it('the office publishes the quarter: an immutable notice with its hash, read on the public page without signing in; a correction is a new notice', async () => {
    const published = await office.post(`/api/supervision/quarters/${quarter}/notices`, { title: `${quarter} 物业服务测评结果通报`, summary: '本季度测评结果如下。' });
    expect(published.status).toBe(201);
    const publicationId = published.body.id as string;
    expect((await office.post(`/api/supervision/quarters/${quarter}/notices`, { title: '再发一次', summary: '重复' })).status).toBe(409);
    expect((await station.post(`/api/supervision/quarters/${quarter}/notices`, { title: 'x', summary: 'y' })).status).toBe(403);

    const baseUrl = suite.steps().baseUrl;
    const notice = await eventually(async () => {
      const read = await send(baseUrl, 'GET', `/api/public/notices/${publicationId}`);
      expect(read.status).toBe(200);
      return read.body;
    }, 20_000, 'the notice on the public page');
    const { contentSha256, publishedAt, id, correctedBy, eventId, hash, ...rest } = notice;
    void id;
    void correctedBy;
    void eventId;
    void hash;
    expect(createHash('sha256').update(canonicalJson(rest)).digest('hex')).toBe(contentSha256);
    expect(contentSha256).toBe(published.body.contentSha256);
    firstNotice = { id: publicationId, publishedAt };
    expect(notice.results).toEqual([expect.objectContaining({ assessmentId, firmId, firmName: '杭州绿城物业服务有限公司' })]);
    const onRed = notice.results[0].total >= WEIGHTING.lists.redMinimum;
    expect(notice.redList.map((f: any) => f.firmId)).toEqual(onRed ? [firmId] : []);
    expect(notice.blackList).toEqual([]);

    const correction = await office.post(`/api/supervision/quarters/${quarter}/notices`, { title: '更正通报', summary: '更正', corrects: publicationId, reason: '企业名称更正' });
    expect(correction.status).toBe(201);
    const list = await eventually(async () => {
      const read = await send(baseUrl, 'GET', '/api/public/notices');
      expect(read.body.items).toHaveLength(2);
      return read.body.items as any[];
    }, 20_000, 'both notices listed');
    expect(list.find((n) => n.id === publicationId).correctedBy).toEqual([correction.body.id]);
    expect(list.find((n) => n.id === publicationId).contentSha256).toBe(contentSha256);

    const credit = await send(baseUrl, 'GET', `/api/public/firms/${firmId}/credit`);
    expect(credit.status).toBe(200);
    expect(credit.body.entries.map((e: any) => e.publicationId)).toEqual(expect.arrayContaining([publicationId, correction.body.id]));
    expect(JSON.stringify(credit.body)).not.toContain('13800000000');
  });

  it("the week's bulletin as a workbook, each cell as the JSON says", async () => {
    // The week the quarter's notice came out in (a run may cross a Monday midnight in Beijing).
    const week = isoWeekOf(new Date(firstNotice.publishedAt));
    const json = (await office.get(`/api/query/bulletins/weekly?week=${week}`)).body;
    expect(json.noticesPublished.map((n: any) => n.publicationId)).toContain(firstNotice.id);
    const response = await fetch(`${suite.steps().baseUrl}/api/query/bulletins/weekly?week=${week}&format=xlsx`, { headers: { authorization: `Bearer ${office.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(`bulletin-${week}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['概况', '案件', '四级案件', '联席会议', '通报']);
    const cells = (sheet: string) => workbook.getWorksheet(sheet)!.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1));

    // 概况: the week, then each figure beside the basis it was computed on.
    const summary = cells('概况');
    expect(summary[0]).toEqual(['项目', '数值', '依据']);
    const figure = (label: string) => summary.find((row) => row[0] === label);
    expect(figure('周次')?.[1]).toBe(week);
    expect(figure('本周上报案件')?.[1]).toBe(json.cases.reported);
    for (const [label, rate] of [['响应率', json.rates.responseRate], ['解决率', json.rates.resolutionRate], ['满意率', json.rates.satisfactionRate]] as const) {
      expect(figure(label)?.[1] ?? null).toBe(rate.value);
      expect(figure(label)?.[2]).toBe(`${rate.numerator}/${rate.denominator}`);
    }
    expect(figure('报到超时')?.[1]).toBe(json.overdue.reportInsMissed);
    expect(figure('任务超期')?.[1]).toBe(json.overdue.tasksOverdue);
    expect(figure('拒绝导致升级')?.[1]).toBe(json.escalations.declineEscalations);
    expect(workbook.getWorksheet('概况')!.getRow(summary.findIndex((row) => row[0] === '响应率') + 1).getCell(2).numFmt).toBe('0.0%');

    // 案件: a row per level and per status, each count as the JSON has it.
    const byCount = cells('案件');
    for (const [level, n] of Object.entries(json.cases.byLevel)) expect(byCount.find((row) => row[0] === '级别' && row[1] === `${'一二三四'.charAt(Number(level) - 1)}级`)?.[2]).toBe(n);
    expect(byCount.find((row) => row[0] === '状态' && row[1] === '已办结')?.[2]).toBe(json.cases.byStatus.closed);

    // 通报: one row per notice published in the week, with its content hash.
    const notices = cells('通报');
    expect(notices).toHaveLength(1 + json.noticesPublished.length);
    expect(notices.slice(1).map((row) => [row[0], row[1], row[4], row[5], row[6]])).toEqual(
      json.noticesPublished.map((n: any) => [n.publicationId, n.quarter, n.red, n.black, n.contentSha256]),
    );
    expect(cells('四级案件')).toHaveLength(1 + json.level4.length);
    const html = await fetch(`${suite.steps().baseUrl}/api/query/bulletins/weekly?week=${week}&format=html&lang=en`, { headers: { authorization: `Bearer ${office.token}` } });
    expect(html.status).toBe(200);
    expect(await html.text()).toContain(week);
    for (const bad of ['2026-W60', '0050-W01']) expect((await office.get(`/api/query/bulletins/weekly?week=${bad}`)).status).toBe(400);
  });
});
