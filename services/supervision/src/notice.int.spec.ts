import { createHash } from 'node:crypto';
import { startWriterUnderTest, type WriterUnderTest } from '@whistle/deployment/testing';
import { ASSESSMENT_DIMENSIONS, streams, type NoticePublished } from '@whistle/contracts';
import { canonicalJson } from '@whistle/kernel';
import { supervisionWriter } from './supervision.writer';

const OFFICE = { sub: 'office-zhang', role: 'office' } as const;
const NORTH = { sub: 'station-north-li', role: 'station', stationId: 'station-north' } as const;
const AUDITOR = { sub: 'auditor-li', role: 'auditor' } as const;

type As = Parameters<WriterUnderTest['send']>[2];
const fieldsOf = (answer: { status: number; body: { details: { field?: string }[] } }) => [answer.status, ...new Set(answer.body.details.map((d) => d.field))];

describe('the office’s notices of a quarter over HTTP', () => {
  let supervision: WriterUnderTest;
  const firms: Record<'good' | 'poor', string> = { good: '', poor: '' };
  const publish = (quarter: string, body: unknown, as: As | 'no token' = OFFICE) => supervision.send('POST', `/api/supervision/quarters/${quarter}/notices`, as === 'no token' ? undefined : as, body);
  const notice = { title: '2026年第四季度物业服务测评结果通报', summary: '现将本季度测评结果通报如下。' };

  /** A firm's assessment in one compound, completed with every dimension at `score` and 25 residents at `satisfaction`. */
  async function assessed(creditCode: string, compoundId: string, score: number, satisfaction: number): Promise<string> {
    const firm = await supervision.send('POST', '/api/supervision/firms', OFFICE, { name: `物业${creditCode.slice(-2)}`, creditCode, contact: { name: '王经理', phone: '13900000000' }, compoundIds: [compoundId] });
    const opened = await supervision.send('POST', '/api/supervision/assessments', NORTH, { quarter: '2026-Q4', firmId: firm.body.id, compoundId });
    const at = (path: string, body: unknown) => supervision.send('POST', `/api/supervision/assessments/${opened.body.id}${path}`, NORTH, body);
    for (const dimension of ASSESSMENT_DIMENSIONS) await at('/scores', { dimension, score, method: 'onsite_inspection', note: '' });
    await at('/satisfaction', { scores: Array.from({ length: 25 }, () => satisfaction) });
    expect((await at('/complete', {})).status).toBe(200);
    return firm.body.id;
  }

  beforeAll(async () => {
    supervision = await startWriterUnderTest(supervisionWriter);
    firms.good = await assessed('91310115MA1K4ABC11', 'compound-xinghua-2', 95, 100);
    firms.poor = await assessed('91310115MA1K4ABC12', 'compound-xinghua-3', 40, 50);
  });
  afterAll(() => supervision.close());

  it('is the office’s alone, and names its bad fields', async () => {
    expect((await publish('2026-Q4', notice, 'no token')).status).toBe(401);
    expect((await publish('2026-Q4', notice, NORTH)).status).toBe(403);
    expect((await publish('2026-Q4', notice, AUDITOR)).status).toBe(403);
    expect(fieldsOf(await publish('Q4-2026', notice))).toEqual([400, 'quarter']);
    expect(fieldsOf(await publish('2026-Q4', { ...notice, title: '' }))).toEqual([400, 'title']);
    expect(fieldsOf(await publish('2026-Q4', { ...notice, reason: '更正' }))).toEqual([400, 'corrects']);
    expect(await publish('2026-Q3', notice)).toMatchObject({ status: 409, body: { details: [{ code: 'notices.no_results' }] } });
  });

  it('publishes the results once with their lists and content hash; later notices correct a named one', async () => {
    expect(await publish('2026-Q4', { ...notice, corrects: 'nothing-yet', reason: '更正' })).toMatchObject({ status: 409, body: { details: [{ code: 'notices.not_published' }] } });
    const results = await publish('2026-Q4', notice);
    expect(results).toMatchObject({ status: 201, body: { id: expect.any(String), revision: 0, events: ['supervision.NoticePublished.v1'], contentSha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const [event] = (await supervision.publishedOf('supervision.NoticePublished.v1')) as unknown as (NoticePublished & { streamId: string })[];
    const data = event!.data;
    expect(event!.streamId).toBe(streams.notices('2026-Q4'));
    expect(data).toMatchObject({ publicationId: results.body.id, kind: 'results', weightingId: 'default' });
    expect(data.redList.map((f) => f.firmId)).toEqual([firms.good]);
    expect(data.blackList.map((f) => f.firmId)).toEqual([firms.poor]);
    expect(data.results.map((r) => [r.firmId, r.grade])).toEqual(expect.arrayContaining([[firms.good, 'excellent'], [firms.poor, 'fail']]));
    const { contentSha256, publishedAt: _publishedAt, ...content } = data;
    expect(contentSha256).toBe(createHash('sha256').update(canonicalJson(content)).digest('hex'));
    expect(results.body.contentSha256).toBe(contentSha256);

    expect(await publish('2026-Q4', notice)).toMatchObject({ status: 409, body: { details: [{ code: 'notices.already_published' }] } });
    expect(await publish('2026-Q4', { ...notice, corrects: 'no-such-notice', reason: '更正' })).toMatchObject({ status: 409, body: { details: [{ code: 'notices.unknown_notice' }] } });
    expect(fieldsOf(await publish('2026-Q4', { ...notice, corrects: results.body.id }))).toEqual([400, 'reason']);
    const correction = await publish('2026-Q4', { ...notice, title: '更正通报', corrects: results.body.id, reason: '更正某小区满意度统计' });
    expect(correction).toMatchObject({ status: 201, body: { revision: 1, events: ['supervision.NoticePublished.v1'] } });
    expect(correction.body.id).not.toBe(results.body.id);
    const [, corrected] = await supervision.publishedOf('supervision.NoticePublished.v1', 2);
    expect(corrected?.data).toMatchObject({ kind: 'correction', corrects: results.body.id, reason: '更正某小区满意度统计' });
  });
});
