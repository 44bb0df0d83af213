import { specFor } from '@whistle/kernel/testing';
import { DEFAULT_WEIGHTING, weightingFor, type WeightingEvent } from '@whistle/contracts';
import { weightingDecider, type SetWeighting } from './weighting.decide';

const spec = specFor(weightingDecider);

/** 2026-11-21, in 2026-Q4 */
const NOW = '2026-11-21T08:00:00.000Z';
const { weightingId: _default, ...defaults } = DEFAULT_WEIGHTING;

const setWeighting = (fields: Partial<SetWeighting> = {}): SetWeighting => ({
  type: 'SetWeighting',
  weightingId: 'wt-1',
  effectiveFrom: '2027-Q1',
  ...defaults,
  unit: { ...defaults.unit, responseRate: 0.4, resolutionRate: 0.3, satisfactionRate: 0.2, stationRating: 0.1 },
  reason: ' the office weighs response more ',
  now: NOW,
  ...fields,
});
const weightingSet = (weightingId = 'wt-1', effectiveFrom = '2027-Q1', setAt = NOW): WeightingEvent => ({
  type: 'supervision.WeightingSet.v1',
  data: {
    weightingId,
    effectiveFrom,
    unit: { ...defaults.unit, responseRate: 0.4, resolutionRate: 0.3, satisfactionRate: 0.2, stationRating: 0.1 },
    station: defaults.station,
    assessment: defaults.assessment,
    lists: defaults.lists,
    reason: 'the office weighs response more',
    setAt,
  },
});

describe('SetWeighting (考核权重)', () => {
  it('sets the weighting from a quarter on', () => {
    spec.given().when(setWeighting()).then(weightingSet());
  });

  it('accepts the current quarter, in Beijing time', () => {
    // 2026-09-30T17:00Z is 2026-10-01 01:00 in Beijing: already 2026-Q4.
    const [event] = spec.given().when(setWeighting({ effectiveFrom: '2026-Q4', now: '2026-09-30T17:00:00.000Z' })).events();
    expect(event?.data).toMatchObject({ effectiveFrom: '2026-Q4' });
  });

  it('rejects a quarter before the current one: its scores keep their weighting', () => {
    spec.given().when(setWeighting({ effectiveFrom: '2026-Q3' })).thenInvalid('effectiveFrom', /before the current quarter 2026-Q4/);
  });

  it('keeps every setting in order; the weighting for a quarter is the latest in force for it', () => {
    const state = spec.given(weightingSet('wt-1', '2027-Q1'), weightingSet('wt-2', '2027-Q3'), weightingSet('wt-3', '2027-Q1')).state();
    expect(state.history.map((w) => w.weightingId)).toEqual(['wt-1', 'wt-2', 'wt-3']);
    expect(weightingFor(state.history, '2026-Q4').weightingId).toBe('default');
    expect(weightingFor(state.history, '2027-Q2').weightingId).toBe('wt-3');
  });

  it('ignores a retry of a weighting already set', () => {
    spec.given(weightingSet()).when(setWeighting()).thenNothing();
  });

  it('lets the parts sum to 1 within floating-point rounding', () => {
    const unit = { ...defaults.unit, responseRate: 0.1, resolutionRate: 0.2, satisfactionRate: 0.3, stationRating: 0.4 };
    expect(spec.given().when(setWeighting({ unit })).events()).toHaveLength(1);
  });

  const dims = defaults.assessment.dimensions;
  it.each<[string, Partial<SetWeighting>, RegExp]>([
    ['effectiveFrom', { effectiveFrom: '2027-Q5' }, /not a quarter such as 2026-Q4/],
    ['unit', { unit: { ...defaults.unit, responseRate: 0.5 } }, /unit: responseRate \+ resolutionRate \+ satisfactionRate \+ stationRating must sum to 1, not 1.25/],
    ['unit.stationRating', { unit: { ...defaults.unit, stationRating: -0.25, responseRate: 0.75 } }, /must be a number, 0 or more, not -0.25/],
    ['unit.overduePenalty', { unit: { ...defaults.unit, overduePenalty: -1 } }, /0 or more, not -1/],
    ['unit.escalationPenalty', { unit: { ...defaults.unit, escalationPenalty: Number.NaN } }, /not NaN/],
    ['station', { station: { ...defaults.station, whistleRating: 0 } }, /station: .* must sum to 1, not 0.75/],
    ['station.overduePenalty', { station: { ...defaults.station, overduePenalty: '2' as never } }, /0 or more/],
    ['assessment', { assessment: { ...defaults.assessment, satisfaction: 0.4 } }, /the eight dimensions \+ satisfaction must sum to 1/],
    ['assessment.dimensions.safety', { assessment: { ...defaults.assessment, dimensions: { ...dims, safety: undefined as never } } }, /0 or more, not undefined/],
    ['assessment.dimensions', { assessment: { ...defaults.assessment, dimensions: null as never } }, /must be an object/],
    ['assessment.minimumResponses', { assessment: { ...defaults.assessment, minimumResponses: 24 } }, /25 or more, not 24/],
    ['lists.blackBelow', { lists: { ...defaults.lists, blackBelow: 90 } }, /must be below lists.redMinimum \(90\)/],
    ['lists.redMinimum', { lists: { ...defaults.lists, redMinimum: 101 } }, /from 0 to 100, not 101/],
    ['lists.blackBelow', { lists: { ...defaults.lists, blackBelow: -1 } }, /from 0 to 100, not -1/],
    ['lists.blackOverdueFindings', { lists: { ...defaults.lists, blackOverdueFindings: 0 } }, /1 or more, not 0/],
    ['lists', { lists: undefined as never }, /lists must be an object/],
    ['reason', { reason: '' }, /reason must not be empty/],
  ])('rejects a bad %s', (field, fields, reason) => {
    spec.given().when(setWeighting(fields)).thenInvalid(field, reason);
  });

  it('accepts the edges: blackBelow 0, redMinimum 100, exactly 25 responses', () => {
    const events = spec
      .given()
      .when(setWeighting({ lists: { ...defaults.lists, blackBelow: 0, redMinimum: 100 }, assessment: { ...defaults.assessment, minimumResponses: 25 } }))
      .events();
    expect(events[0]?.data).toMatchObject({ lists: { blackBelow: 0, redMinimum: 100 }, assessment: { minimumResponses: 25 } });
  });
});
