import { streams, type AssessmentEvent, type FirmEvent, type WeightingEvent } from '@whistle/contracts';
import {
  assessmentByToken,
  assessmentOf,
  assessmentsOf,
  completedAssessmentsOf,
  compoundsServed,
  creditCodeHolder,
  firmNameOf,
  firmNamesOf,
  firmOf,
  weightingHistoryOf,
  weightingInForceOf,
} from './lookups';
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

  const opened = (quarter: string, compoundId: string): AssessmentEvent => ({
    type: 'supervision.AssessmentOpened.v1',
    data: { assessmentId: `${quarter}.f1.${compoundId}`, quarter, firmId: 'f1', compoundId, communityId: 'cm', stationId: 'st', openedAt: T0 },
  });
  const issued = (quarter: string, compoundId: string, tokenSha256: string): AssessmentEvent => ({
    type: 'supervision.QuestionnaireIssued.v1',
    data: { assessmentId: `${quarter}.f1.${compoundId}`, quarter, firmId: 'f1', compoundId, questionnaireId: `q-${tokenSha256}`, tokenSha256, expiresAt: T0, maxResponses: 5, issuedAt: T0 },
  });
  const assessments = viewOf({
    [streams.assessment('2026-Q4.f1.compound-b')]: [opened('2026-Q4', 'compound-b'), issued('2026-Q4', 'compound-b', 'h2'), issued('2026-Q4', 'compound-b', 'h3')],
    [streams.assessment('2026-Q4.f1.compound-a')]: [opened('2026-Q4', 'compound-a'), issued('2026-Q4', 'compound-a', 'h1')],
    [streams.assessment('2026-Q3.f1.compound-a')]: [opened('2026-Q3', 'compound-a')],
  });

  it('lists a quarter’s assessments in the order of their ids', () => {
    expect(assessmentsOf(assessments, '2026-Q4').map((a) => a.assessmentId)).toEqual(['2026-Q4.f1.compound-a', '2026-Q4.f1.compound-b']);
    expect(assessmentsOf(assessments, '2027-Q1')).toEqual([]);
  });

  it('finds the assessment of a questionnaire link by its token’s hash', () => {
    expect(assessmentByToken(assessments, 'h3')?.assessmentId).toBe('2026-Q4.f1.compound-b');
    expect(assessmentByToken(assessments, 'h1')?.assessmentId).toBe('2026-Q4.f1.compound-a');
    expect(assessmentByToken(assessments, 'h9')).toBeUndefined();
  });

  it('reads an assessment by its id', () => {
    expect(assessmentOf(assessments, '2026-Q3.f1.compound-a')).toMatchObject({ status: 'open', quarter: '2026-Q3' });
    expect(assessmentOf(assessments, '2026-Q3.f1.compound-z')).toBeUndefined();
  });

  it('gives a quarter’s completed assessments with their findings as they stand, and the firms’ names', () => {
    const ref = { assessmentId: '2026-Q4.f1.compound-a', quarter: '2026-Q4', firmId: 'f1', compoundId: 'compound-a' };
    const result = {
      ...ref,
      dimensions: { safety: 90, sanitation: 90, facilities: 90, civil_order: 90, disclosure: 90, party_building: 90, atmosphere: 90, campaign_cooperation: 90 },
      satisfaction: { responses: 25, average: 90 },
      total: 90,
      grade: 'excellent' as const,
      openFindings: 1,
      openDays: 0,
      visits: 0,
      weightingId: 'default',
      completedAt: T0,
    };
    const history: AssessmentEvent[] = [
      opened('2026-Q4', 'compound-a'),
      { type: 'supervision.FindingRecorded.v1', data: { ...ref, findingId: 'fd-1', dimension: 'safety', description: 'd', rectifyBy: T0, recordedAt: T0 } },
      { type: 'supervision.AssessmentCompleted.v1', data: result },
      { type: 'supervision.FindingRectified.v1', data: { ...ref, findingId: 'fd-1', note: 'n', verifiedAt: T0 } },
    ];
    const quarter = viewOf({ [streams.assessment(ref.assessmentId)]: history, [streams.assessment('2026-Q4.f1.compound-b')]: [opened('2026-Q4', 'compound-b')] });
    expect(completedAssessmentsOf(quarter, '2026-Q4')).toEqual([
      { result, findings: [expect.objectContaining({ findingId: 'fd-1', rectifyBy: T0, rectified: { note: 'n', verifiedAt: T0 } })] },
    ]);
    expect(firmNamesOf(view, ['f1', 'f2', 'f9'])).toEqual({ f1: 'firm f1', f2: 'firm f2' });
  });
});
