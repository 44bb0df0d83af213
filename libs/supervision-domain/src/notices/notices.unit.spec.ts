import { createHash } from 'node:crypto';
import { canonicalJson } from '@whistle/kernel';
import { specFor } from '@whistle/kernel/testing';
import { ASSESSMENT_DIMENSIONS, DEFAULT_WEIGHTING, type AssessmentGrade, type NoticeEvent, type NoticePublished } from '@whistle/contracts';
import { noticeHash, noticesDecider, type CompletedAssessment, type PublishNotice } from './notices.decide';

const spec = specFor(noticesDecider);
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const NOW = '2027-01-10T02:00:00.000Z';
const LATER = '2027-01-20T02:00:00.000Z';
const QUARTER = '2026-Q4';
const dimensions = Object.fromEntries(ASSESSMENT_DIMENSIONS.map((d) => [d, 90])) as Record<(typeof ASSESSMENT_DIMENSIONS)[number], number>;

const completed = (firmId: string, compoundId: string, total: number, grade: AssessmentGrade, findings: CompletedAssessment['findings'] = []): CompletedAssessment => ({
  result: {
    assessmentId: `${QUARTER}.${firmId}.${compoundId}`,
    quarter: QUARTER,
    firmId,
    compoundId,
    dimensions,
    satisfaction: { responses: 30, average: 88 },
    total,
    grade,
    openFindings: findings.length,
    openDays: 1,
    visits: 2,
    weightingId: 'default',
    completedAt: '2026-12-20T02:00:00.000Z',
  },
  findings,
});
const overdue = (findingId: string) => ({ findingId, rectifyBy: '2027-01-01T00:00:00.000Z', rectified: null });
const firmNames = { 'firm-1': '安居物业', 'firm-2': '宜家物业', 'firm-3': '和美物业' };

/** firm-1 averages 93 (red), firm-2 fails one compound at 55 (black), firm-3 averages 80 (neither) */
const assessments = [
  completed('firm-2', 'compound-c', 55, 'fail'),
  completed('firm-1', 'compound-b', 91, 'excellent'),
  completed('firm-1', 'compound-a', 95, 'excellent'),
  completed('firm-3', 'compound-d', 80, 'good'),
];
const publish = (fields: Partial<PublishNotice> = {}): PublishNotice => ({
  type: 'PublishNotice',
  publicationId: 'pub-1',
  quarter: QUARTER,
  title: ' 2026年第四季度物业服务测评通报 ',
  summary: '各小区物业服务测评结果如下。',
  assessments,
  firmNames,
  weighting: DEFAULT_WEIGHTING,
  hash: sha256,
  now: NOW,
  ...fields,
});
const published = (c: CompletedAssessment) => {
  const { assessmentId, firmId, compoundId, total, grade, dimensions: dims, satisfaction } = c.result;
  return { assessmentId, firmId, firmName: firmNames[firmId as keyof typeof firmNames], compoundId, total, grade, dimensions: dims, satisfaction, openFindings: c.findings.length };
};
const content = {
  publicationId: 'pub-1',
  quarter: QUARTER,
  kind: 'results' as const,
  title: '2026年第四季度物业服务测评通报',
  summary: '各小区物业服务测评结果如下。',
  results: [assessments[2], assessments[1], assessments[0], assessments[3]].map((c) => published(c as CompletedAssessment)),
  redList: [
    {
      firmId: 'firm-1',
      firmName: '安居物业',
      averageTotal: 93,
      reason: '平均得分 93 不低于 90，无逾期未整改问题 (average total 93 at least 90, no finding past its date unrectified)',
    },
  ],
  blackList: [
    {
      firmId: 'firm-2',
      firmName: '宜家物业',
      averageTotal: 55,
      reason: '平均得分 55 低于 60 (average total 55 below 60)；小区 compound-c 测评不合格 (graded fail in compound compound-c)',
    },
  ],
  weightingId: 'default',
};
const resultsNotice: NoticeEvent = {
  type: 'supervision.NoticePublished.v1',
  data: { ...content, contentSha256: sha256(canonicalJson(content)), publishedAt: NOW },
};

const dataOf = (events: NoticeEvent[]): NoticePublished['data'] => {
  const [event] = events;
  if (!event) throw new Error('expected a notice');
  return event.data;
};

describe('PublishNotice: the results (通报)', () => {
  it('publishes the quarter’s completed results with the red and black list, hashed over its content', () => {
    spec.given().when(publish()).then(resultsNotice);
  });

  it('carries a hash anyone can recompute from the published notice, whatever the time it was published', () => {
    const data = dataOf(spec.given().when(publish()).events());
    expect(noticeHash(data, sha256)).toBe(data.contentSha256);
    expect(dataOf(spec.given().when(publish({ now: LATER })).events()).contentSha256).toBe(data.contentSha256);
    expect(noticeHash({ ...data, title: 'changed' }, sha256)).not.toBe(data.contentSha256);
  });

  it('refuses results when no assessment of the quarter is completed', () => {
    spec.given().when(publish({ assessments: [] })).thenRefused('notices.no_results', /no assessment of 2026-Q4 is completed/);
  });

  it('refuses a second results notice: a published notice never changes', () => {
    spec
      .given(resultsNotice)
      .when(publish({ publicationId: 'pub-2' }))
      .thenRefused('notices.already_published', /were published as pub-1: .* publish a correction naming the notice it corrects/);
  });

  it('ignores a retry of a notice already published', () => {
    spec.given(resultsNotice).when(publish()).thenNothing();
  });

  it.each<[string, Partial<PublishNotice>, RegExp]>([
    ['quarter', { quarter: 'Q4' }, /not a quarter such as 2026-Q4/],
    ['title', { title: '' }, /title must not be empty/],
    ['title', { title: 'x'.repeat(201) }, /at most 200 characters/],
    ['summary', { summary: 'x'.repeat(5001) }, /at most 5000 characters/],
    ['reason', { reason: 'typo' }, /only a correction has a reason/],
    ['firmNames', { firmNames: { 'firm-1': '安居物业' } }, /no name was given for firm firm-2/],
    ['assessments', { assessments: [{ ...completed('firm-1', 'compound-a', 95, 'excellent'), result: { ...completed('firm-1', 'compound-a', 95, 'excellent').result, quarter: '2026-Q3' } }] }, /is of 2026-Q3, not of 2026-Q4/],
  ])('rejects a bad %s', (field, fields, reason) => {
    spec.given().when(publish(fields)).thenInvalid(field, reason);
  });

  it('rejects a notice of another quarter on this stream', () => {
    spec.given(resultsNotice).when(publish({ publicationId: 'pub-2', quarter: '2027-Q1', corrects: 'pub-1', reason: 'x' })).thenInvalid('quarter', /holds the notices of 2026-Q4/);
  });
});

describe('PublishNotice: corrections (更正)', () => {
  const correct = (fields: Partial<PublishNotice> = {}) => publish({ publicationId: 'pub-2', corrects: 'pub-1', reason: ' firm-3’s total was mistyped ', now: LATER, ...fields });

  it('publishes a correction naming an earlier notice of the quarter, with its reason', () => {
    const data = dataOf(spec.given(resultsNotice).when(correct()).events());
    expect(data).toMatchObject({ publicationId: 'pub-2', kind: 'correction', corrects: 'pub-1', reason: 'firm-3’s total was mistyped', publishedAt: LATER });
    expect(noticeHash(data, sha256)).toBe(data.contentSha256);
  });

  it('may correct a correction', () => {
    const second = dataOf(spec.given(resultsNotice).when(correct()).events());
    const history: NoticeEvent[] = [resultsNotice, { type: 'supervision.NoticePublished.v1', data: second }];
    expect(dataOf(spec.given(...history).when(correct({ publicationId: 'pub-3', corrects: 'pub-2' })).events())).toMatchObject({ kind: 'correction', corrects: 'pub-2' });
    expect(spec.given(...history).state()).toMatchObject({ status: 'published', quarter: QUARTER, notices: [{ publicationId: 'pub-1' }, { publicationId: 'pub-2', corrects: 'pub-1' }] });
  });

  it('refuses a correction of a notice the quarter does not have', () => {
    spec.given(resultsNotice).when(correct({ corrects: 'pub-9' })).thenRefused('notices.unknown_notice', /pub-9 is not a notice of 2026-Q4; its notices are pub-1/);
  });

  it('refuses a correction before the results are published', () => {
    spec.given().when(correct()).thenRefused('notices.not_published', /publish its results first/);
  });

  it('rejects a correction without a reason', () => {
    spec.given(resultsNotice).when(correct({ reason: '  ' })).thenInvalid('reason', /reason must not be empty/);
  });
});

describe('the red and black list (红黑榜)', () => {
  const lists = (items: CompletedAssessment[], fields: Partial<PublishNotice> = {}) => {
    const { redList, blackList } = dataOf(spec.given().when(publish({ assessments: items, ...fields })).events());
    return { red: redList.map((f) => f.firmId), black: blackList.map((f) => [f.firmId, f.averageTotal, f.reason]) };
  };

  it('averages a firm over its compounds: 95 and 84 make 89.5, not red', () => {
    expect(lists([completed('firm-1', 'a', 95, 'excellent'), completed('firm-1', 'b', 84, 'good')])).toEqual({ red: [], black: [] });
  });

  it('keeps a firm with a finding past its date unrectified off the red list', () => {
    expect(lists([completed('firm-1', 'a', 95, 'excellent', [overdue('fd-1')])])).toEqual({ red: [], black: [] });
  });

  it('puts a firm with as many overdue findings as the rules say on the black list, whatever its average', () => {
    const findings = [overdue('fd-1'), overdue('fd-2'), overdue('fd-3')];
    expect(lists([completed('firm-1', 'a', 95, 'excellent', findings)]).black).toEqual([
      ['firm-1', 95, '3 项问题逾期未整改，达到 3 项 (3 findings past their date unrectified, at least 3)'],
    ]);
  });

  it('counts only findings past their date and still unrectified at publication', () => {
    const findings = [
      overdue('fd-1'),
      overdue('fd-2'),
      { findingId: 'fd-3', rectifyBy: '2027-01-01T00:00:00.000Z', rectified: { note: 'fixed', verifiedAt: '2027-01-05T00:00:00.000Z' } },
      { findingId: 'fd-4', rectifyBy: '2027-02-01T00:00:00.000Z', rectified: null },
    ];
    expect(lists([completed('firm-1', 'a', 95, 'excellent', findings)])).toEqual({ red: [], black: [] });
    const [result] = dataOf(spec.given().when(publish({ assessments: [completed('firm-1', 'a', 95, 'excellent', findings)] })).events()).results;
    expect(result?.openFindings).toBe(3);
  });

  it('puts a firm with any compound graded fail on the black list and never on the red', () => {
    const rules = { ...DEFAULT_WEIGHTING, lists: { ...DEFAULT_WEIGHTING.lists, redMinimum: 80 } };
    const items = [completed('firm-1', 'a', 100, 'excellent'), completed('firm-1', 'b', 100, 'excellent'), completed('firm-1', 'c', 59, 'fail')];
    expect(lists(items, { weighting: rules })).toEqual({ red: [], black: [['firm-1', 86.33, '小区 c 测评不合格 (graded fail in compound c)']] });
  });

  it('uses the list rules of the weighting passed in, at their edges', () => {
    const rules = { weightingId: 'wt-2', lists: { redMinimum: 85, blackBelow: 70, blackOverdueFindings: 1 } };
    const items = [completed('firm-1', 'a', 85, 'good'), completed('firm-2', 'b', 69.99, 'pass'), completed('firm-3', 'c', 70, 'pass')];
    const data = dataOf(spec.given().when(publish({ assessments: items, weighting: rules })).events());
    expect(data.weightingId).toBe('wt-2');
    expect(data.redList.map((f) => f.firmId)).toEqual(['firm-1']);
    expect(data.blackList.map((f) => f.firmId)).toEqual(['firm-2']);
  });

  it('orders the red list from the highest average and the black list from the lowest', () => {
    const items = [completed('firm-1', 'a', 92, 'excellent'), completed('firm-2', 'b', 98, 'excellent'), completed('firm-3', 'c', 40, 'fail'), completed('firm-3', 'd', 90, 'excellent')];
    const { red, black } = lists([...items, completed('firm-4', 'e', 30, 'fail')], { firmNames: { ...firmNames, 'firm-4': '四方物业' } });
    expect(red).toEqual(['firm-2', 'firm-1']);
    expect(black.map(([firmId]) => firmId)).toEqual(['firm-4', 'firm-3']);
  });
});
