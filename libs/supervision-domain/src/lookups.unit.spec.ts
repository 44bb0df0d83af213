import { streams, type FirmEvent, type WeightingEvent } from '@whistle/contracts';
import { compoundsServed, creditCodeHolder, firmNameOf, firmOf, weightingHistoryOf, weightingInForceOf } from './lookups';
import { viewOf } from './view.testing';

const T0 = '2026-11-21T08:00:00.000Z';
const registered = (firmId: string, creditCode: string, compoundIds: string[]): FirmEvent => ({
  type: 'supervision.PropertyFirmRegistered.v1',
  data: { firmId, name: `firm ${firmId}`, creditCode, contact: { name: '王', phone: '13800138000' }, compoundIds, registeredAt: T0 },
});
const moved: FirmEvent = { type: 'supervision.PropertyFirmChanged.v1', data: { firmId: 'f1', compoundIds: ['compound-b'], reason: 'lost a', changedAt: T0 } };

describe('supervision look-ups', () => {
  const view = viewOf({
    [streams.firm('f1')]: [registered('f1', '91110105MA01K4PN2X', ['compound-a', 'compound-b']), moved],
    [streams.firm('f2')]: [registered('f2', '91110105MA01K4PN3X', ['compound-c'])],
  });

  it('finds the firm serving each compound now, not the one that served it before', () => {
    expect(compoundsServed(view, ['compound-a', 'compound-b', 'compound-c', 'compound-z'])).toEqual({ 'compound-b': 'f1', 'compound-c': 'f2' });
  });

  it('finds the firm holding a credit code, whatever its case', () => {
    expect(creditCodeHolder(view, ' 91110105ma01k4pn3x ')).toBe('f2');
    expect(creditCodeHolder(view, '91110105MA01K4PN4X')).toBeNull();
  });

  it('reads a registered firm and its name', () => {
    expect(firmOf(view, 'f1')).toMatchObject({ status: 'registered', compoundIds: ['compound-b'] });
    expect(firmNameOf(view, 'f2')).toBe('firm f2');
    expect(firmOf(view, 'f9')).toBeUndefined();
  });

  it('reads the weighting history and the weighting in force for a quarter', () => {
    expect(weightingHistoryOf(view)).toEqual([]);
    expect(weightingInForceOf(view, '2026-Q4')).toMatchObject({ weightingId: 'default', effectiveFrom: null });
    const set = (weightingId: string, effectiveFrom: string): WeightingEvent => ({
      type: 'supervision.WeightingSet.v1',
      data: { ...weightingInForceOf(view, effectiveFrom), weightingId, effectiveFrom, reason: 'r', setAt: T0 },
    });
    const withWeighting = viewOf({ [streams.weighting('office')]: [set('w1', '2027-Q1'), set('w2', '2027-Q2')] });
    expect(weightingHistoryOf(withWeighting).map((w) => w.weightingId)).toEqual(['w1', 'w2']);
    expect(weightingInForceOf(withWeighting, '2027-Q1')).toMatchObject({ weightingId: 'w1', effectiveFrom: '2027-Q1' });
    expect(weightingInForceOf(withWeighting, '2027-Q3').weightingId).toBe('w2');
  });
});
