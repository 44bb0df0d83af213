import { specFor } from '@whistle/kernel/testing';
import type { IntakeEvent } from '@whistle/contracts';
import { caseDecider, ERASURE_REASON_MAX_LENGTH, type EraseReporterData } from './case.decide';

const spec = specFor(caseDecider);
const T0 = '2026-11-21T08:00:00.000Z';
const LATER = '2026-12-01T09:00:00.000Z';

const reportedWith = (reporter?: { keyId: string; ciphertext: string }): IntakeEvent => ({
  type: 'intake.CaseReported.v1',
  data: {
    caseId: 'c1',
    compoundId: 'compound-a',
    category: 'late_night_noise',
    description: 'Music after midnight',
    channel: 'hotline_12345',
    ...(reporter ? { reporter } : {}),
    evidence: [],
    reportedAt: T0,
  },
});
const reported = reportedWith({ keyId: 'pd-c1', ciphertext: 'c2VhbGVk' });
const withdrawn: IntakeEvent = { type: 'intake.CaseWithdrawn.v1', data: { caseId: 'c1', reason: 'moved away', withdrawnAt: T0 } };
const erased: IntakeEvent = { type: 'intake.ReporterDataErased.v1', data: { caseId: 'c1', keyId: 'pd-c1', reason: '本人申请删除', erasedAt: LATER } };

const erase = (overrides: Partial<EraseReporterData> = {}): EraseReporterData => ({
  type: 'EraseReporterData',
  requestedBy: 'office',
  reason: '  本人申请删除  ',
  now: LATER,
  ...overrides,
});

describe('intake: erasing a reporter’s personal data (个人信息删除)', () => {
  it.each(['office', 'admin'])('lets the %s erase it with a reason: the key’s id and the reason are recorded, no personal data', (requestedBy) => {
    spec.given(reported).when(erase({ requestedBy })).then(erased);
  });

  it('erases it whatever the case’s status, a withdrawn case’s too', () => {
    spec.given(reported, withdrawn).when(erase()).then(erased);
  });

  it.each(['reporter', 'station', 'unit', 'auditor', 'system'])('refuses a %s', (requestedBy) => {
    spec.given(reported).when(erase({ requestedBy })).thenRefused('erasure.not_permitted', new RegExp(`not ${requestedBy}`));
  });

  it('refuses without a reason, or with a blank one, naming the field', () => {
    spec.given(reported).when(erase({ reason: '' })).thenInvalid('reason', /must not be empty/);
    spec.given(reported).when(erase({ reason: ' \n\t ' })).thenInvalid('reason', /must not be empty/);
  });

  it('refuses a reason longer than the bound, naming the field', () => {
    spec.given(reported).when(erase({ reason: 'x'.repeat(ERASURE_REASON_MAX_LENGTH) })).then({ ...erased, data: { ...erased.data, reason: 'x'.repeat(ERASURE_REASON_MAX_LENGTH) } });
    spec
      .given(reported)
      .when(erase({ reason: 'x'.repeat(ERASURE_REASON_MAX_LENGTH + 1) }))
      .thenInvalid('reason', new RegExp(`at most ${ERASURE_REASON_MAX_LENGTH}`));
  });

  it('refuses a second erasure, saying when the first was', () => {
    spec.given(reported, erased).when(erase()).thenRefused('case.reporter_data_erased', new RegExp(`already erased at ${LATER}`));
  });

  it('refuses a case whose reporter left no personal data', () => {
    spec.given(reportedWith()).when(erase()).thenRefused('case.no_reporter_data');
  });

  it('refuses a case that does not exist', () => {
    spec.given().when(erase()).thenRefused('case.not_found');
  });

  it('keeps the case’s status and facts: only the personal data is marked erased', () => {
    expect(spec.given(reported, withdrawn, erased).state()).toMatchObject({
      status: 'withdrawn',
      reason: 'moved away',
      reporter: { status: 'erased', keyId: 'pd-c1', erasedAt: LATER },
    });
    expect(spec.given(reported).state()).toMatchObject({ status: 'reported', reporter: { status: 'sealed', keyId: 'pd-c1' } });
    expect(spec.given(reportedWith()).state()).toMatchObject({ reporter: { status: 'none' } });
  });
});
