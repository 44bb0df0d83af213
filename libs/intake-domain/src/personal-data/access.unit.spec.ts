import { specFor } from '@whistle/kernel/testing';
import type { PersonalDataAccessEvent } from '@whistle/contracts';
import { ACCESS_REASON_MAX_LENGTH, personalDataAccessDecider, type RecordPersonalDataAccess } from './access.decide';

const spec = specFor(personalDataAccessDecider);
const T0 = '2026-12-05T08:00:00.000Z';
const T1 = '2026-12-05T09:30:00.000Z';

const read = (overrides: Partial<RecordPersonalDataAccess> = {}): RecordPersonalDataAccess => ({
  type: 'RecordPersonalDataAccess',
  caseId: 'c1',
  reason: '  回访核实联系方式  ',
  entitled: true,
  reporterData: 'sealed',
  now: T1,
  ...overrides,
});
const accessed = (reason: string, accessedAt: string): PersonalDataAccessEvent => ({ type: 'intake.PersonalDataAccessed.v1', data: { caseId: 'c1', reason, accessedAt } });

describe('intake: reading a reporter’s personal data in full (个人信息查阅记录)', () => {
  it('records the case, the reason (trimmed) and the time; the actor is the envelope’s', () => {
    spec.given().when(read()).then(accessed('回访核实联系方式', T1));
  });

  it('records every read, a repeat for the same reason too', () => {
    spec.given(accessed('回访核实联系方式', T0)).when(read()).then(accessed('回访核实联系方式', T1));
    expect(spec.given(accessed('a', T0), accessed('b', T1)).state()).toEqual({ caseId: 'c1', accesses: 2, lastAccessedAt: T1 });
  });

  it.each(['', '   \n'])('refuses a blank reason (%j), naming the field', (reason) => {
    spec.given().when(read({ reason })).thenInvalid('reason', /must not be empty/);
  });

  it('refuses a reason longer than the limit, counting characters, not UTF-16 units', () => {
    spec.given().when(read({ reason: '查'.repeat(ACCESS_REASON_MAX_LENGTH + 1) })).thenInvalid('reason', /at most 500/);
    spec.given().when(read({ reason: '𠀀'.repeat(ACCESS_REASON_MAX_LENGTH) })).then(accessed('𠀀'.repeat(ACCESS_REASON_MAX_LENGTH), T1));
  });

  it('refuses a caller not entitled to the full data', () => {
    spec.given().when(read({ entitled: false })).thenRefused('personal_data.not_entitled');
  });

  it.each([
    ['none', 'case.no_reporter_data'],
    ['erased', 'case.reporter_data_erased'],
  ] as const)('refuses when the case holds %s personal data', (reporterData, code) => {
    spec.given().when(read({ reporterData })).thenRefused(code);
  });
});
