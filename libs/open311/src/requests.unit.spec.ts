import { CatalogueIndex, loadCatalogue } from '@whistle/catalogue';
import { CASE_STATUSES, emptyCaseView, type CaseView } from '@whistle/read-models';
import { InvalidRequest } from '@whistle/http';
import { caseStatusesOf, open311StatusOf, serviceRequestOf } from './requests';
import { windowOf } from './request-queries';
import { serviceDefinitionOf, servicesOf } from './services';

const catalogue = new CatalogueIndex(loadCatalogue(undefined));

const view = (changes: Partial<CaseView>): CaseView => ({
  ...emptyCaseView('case-1', '2026-12-01T08:05:00.000Z'),
  status: 'triaged',
  compoundId: 'compound-xinghua-1',
  stationId: 'station-north',
  category: 'fire_lane_blocked',
  description: '消防通道被占',
  location: '3号楼东侧',
  reportedAt: '2026-12-01T08:00:00.000Z',
  hasReporter: true,
  ...changes,
});

describe('a case as a service request', () => {
  it('is closed once the units are done or the case left the system’s hands, open otherwise', () => {
    const closed = CASE_STATUSES.filter((status) => open311StatusOf(status) === 'closed');
    expect(closed.sort()).toEqual(['closed', 'duplicate', 'merged', 'referred_upward', 'rejected', 'resolved', 'withdrawn']);
    expect(open311StatusOf('reopened')).toBe('open');
    expect([...caseStatusesOf('open'), ...caseStatusesOf('closed')].sort()).toEqual([...CASE_STATUSES].sort());
  });

  it('names the station while it triages, and the units summoned once a round is under way, with the latest pending deadline', () => {
    // No description nor address: the reporter's own text and the location may name people, and the reads are public.
    expect(serviceRequestOf(view({}), catalogue)).toEqual({
      service_request_id: 'case-1',
      status: 'open',
      status_notes: '待吹哨 (Awaiting whistle)',
      service_name: catalogue.category('fire_lane_blocked')?.name.zh,
      service_code: 'fire_lane_blocked',
      agency_responsible: catalogue.station('station-north')?.name.zh,
      service_notice: null,
      requested_datetime: '2026-12-01T08:00:00.000Z',
      updated_datetime: '2026-12-01T08:05:00.000Z',
      expected_datetime: null,
    });
    const whistled = serviceRequestOf(
      view({
        status: 'whistled',
        level: 2,
        units: ['unit-jiaojing', 'unit-xiaofang'],
        deadlines: [
          { kind: 'report_in', dueAt: '2026-12-01T08:40:00.000Z', overdue: false, unitId: 'unit-xiaofang' },
          { kind: 'report_in', dueAt: '2026-12-01T08:35:00.000Z', overdue: false, unitId: 'unit-jiaojing' },
        ] as CaseView['deadlines'],
      }),
      catalogue,
    );
    expect(whistled).toMatchObject({ agency_responsible: `${catalogue.unit('unit-jiaojing')?.name.zh}、${catalogue.unit('unit-xiaofang')?.name.zh}`, service_notice: '第2级吹哨', expected_datetime: '2026-12-01T08:40:00.000Z' });
  });

  it('says which case a duplicate repeats or a merged one went into, and a rejection’s code, but no free-text reason, as the reads are public', () => {
    expect(serviceRequestOf(view({ status: 'duplicate', duplicateOf: 'case-0' }), catalogue).status_notes).toBe('重复上报 (Duplicate)：与案件 case-0 重复');
    expect(serviceRequestOf(view({ status: 'merged', duplicateOf: 'case-0' }), catalogue)).toMatchObject({ status: 'closed', status_notes: '已合并 (Merged)：并入案件 case-0' });
    const rejected = serviceRequestOf(view({ status: 'rejected', rejection: { code: 'out_of_scope', reason: '张三说不属于小区事务', at: '2026-12-01T09:00:00.000Z' } }), catalogue);
    expect(rejected).toMatchObject({ status: 'closed', status_notes: '已退回 (Rejected)：out_of_scope' });
    const withdrawn = serviceRequestOf(view({ status: 'withdrawn', withdrawal: { reason: '我是李四 13900001111，已自行解决', at: '2026-12-01T09:00:00.000Z' } }), catalogue);
    expect(withdrawn.status_notes).toBe('已撤回 (Withdrawn)');
  });
});

describe('the window of GET requests', () => {
  const now = '2026-12-05T00:00:00.000Z';
  it('is the last 90 days when no date is given, and 90 days from the one given', () => {
    expect(windowOf({}, now)).toEqual({ start: '2026-09-06T00:00:00.000Z', end: now });
    expect(windowOf({ start_date: '2026-01-01T00:00:00+08:00' }, now)).toEqual({ start: '2025-12-31T16:00:00.000Z', end: '2026-03-31T16:00:00.000Z' });
    expect(windowOf({ end_date: '2026-04-01T00:00:00Z' }, now)).toEqual({ start: '2026-01-01T00:00:00.000Z', end: '2026-04-01T00:00:00.000Z' });
  });

  it('refuses a longer or reversed window, naming end_date', () => {
    expect(() => windowOf({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-04-02T00:00:00Z' }, now)).toThrow(InvalidRequest);
    expect(() => windowOf({ start_date: '2026-01-02T00:00:00Z', end_date: '2026-01-01T00:00:00Z' }, now)).toThrow(/end_date/);
  });
});

describe('the catalogue as services', () => {
  it('lists every category, and defines each by the compound it asks for', () => {
    expect(servicesOf(catalogue).map((s) => s.service_code)).toEqual(catalogue.catalogue.categories.map((c) => c.id));
    const definition = serviceDefinitionOf(catalogue, 'fire_lane_blocked');
    expect(definition?.attributes[0]?.values.map((v) => v.key)).toEqual(catalogue.catalogue.compounds.map((c) => c.id));
    expect(serviceDefinitionOf(catalogue, 'potholes')).toBeUndefined();
  });
});
