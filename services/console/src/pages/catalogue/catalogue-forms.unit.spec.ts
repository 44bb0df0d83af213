/// <reference types="jest" />
import { ApiError } from '../../api/client';
import type { CategoryEntry, UnitEntry } from '../../api/catalogue-admin-types';
import { fieldChanges } from './change-diff';
import { formPathOf, openCasesOf } from './change-paths';
import { entryOf, valuesOf, type EntryValues } from './entry-values';

// What the catalogue page makes of the server's words (the fields a 400 names, the cases a 409
// names) and of its forms (the entry it sends, the fields a change altered).

describe('the fields a 400 names, as the form names them', () => {
  it('follows members and list positions under the body member the form edits', () => {
    expect(formPathOf('entry.contacts[1].phone', 'entry')).toEqual(['contacts', 1, 'phone']);
    expect(formPathOf('entry.deadlines.reportIn.2', 'entry')).toEqual(['deadlines', 'reportIn', '2']);
    expect(formPathOf('entry.unitIds[0]', 'entry')).toEqual(['unitIds', 0]);
    expect(formPathOf('policies.quorumShare', 'policies')).toEqual(['quorumShare']);
    expect(formPathOf('entry', 'entry')).toEqual([]);
  });

  it('has no field of the form for a field outside its member', () => {
    expect(formPathOf('reason', 'entry')).toBeNull();
    expect(formPathOf('entryPoint', 'entry')).toBeNull();
  });
});

describe('the open cases a 409 names', () => {
  const refusal = (message: string, code = 'catalogue.open_cases') => new ApiError(409, message, [{ code }]);

  it('reads the ids after the message’s last colon, and how many more there are', () => {
    expect(openCasesOf(refusal('unit unit-gongan cannot be removed while open cases use it: c-1, c-2'))).toEqual({ caseIds: ['c-1', 'c-2'], more: 0 });
    expect(openCasesOf(refusal('compound x cannot move while open cases are handled where it is: c-1 and 21 more'))).toEqual({ caseIds: ['c-1'], more: 21 });
  });

  it('reads none from another refusal or status', () => {
    expect(openCasesOf(refusal('unit u cannot be removed while the catalogue refers to it: categories[1].unitIds[0]: unknown unit', 'catalogue.entry_referenced'))).toBeNull();
    expect(openCasesOf(new ApiError(400, 'entry.id: bad', [{ field: 'entry.id' }]))).toBeNull();
    expect(openCasesOf(new Error('x'))).toBeNull();
  });
});

describe('the entry a form sends', () => {
  const unit: UnitEntry = { id: 'unit-a', name: { zh: '甲', en: 'A' }, webhook: { url: 'https://a.example/hook', secretRef: 'a' }, contacts: [{ name: '王', phone: '123' }] };

  it('leaves out what was left blank, and keeps what the form does not edit', () => {
    const values: EntryValues = { ...(valuesOf(unit) as EntryValues), webhook: { url: ' ', secretRef: '' }, contacts: [], reason: 'r' };
    const previous = { ...unit, extra: 1 } as UnitEntry;
    expect(entryOf('units', previous, values)).toEqual({ name: { zh: '甲', en: 'A' }, extra: 1 });
  });

  it('sends a category’s own deadline pair even half filled, for the server to name the missing half', () => {
    const values: EntryValues = { id: 'c', name: { zh: ' 类 ', en: 'C' }, defaultLevel: 2, unitIds: ['unit-a'], deadlines: { reportIn: { '2': 'PT30M' }, activity: '' }, reason: 'r' };
    expect(entryOf('categories', undefined, values)).toEqual({ name: { zh: '类', en: 'C' }, defaultLevel: 2, unitIds: ['unit-a'], deadlines: { reportIn: { '2': 'PT30M', '3': '' } } });
  });

  it('leaves a category’s deadlines out when none is given', () => {
    const category: CategoryEntry = { id: 'c', name: { zh: '类', en: 'C' }, defaultLevel: 3, unitIds: [], deadlines: { activity: 'P2WD' } };
    const values: EntryValues = { ...(valuesOf(category) as EntryValues), deadlines: { activity: '' }, reason: 'r' };
    expect(entryOf('categories', category, values)).toEqual({ name: { zh: '类', en: 'C' }, defaultLevel: 3, unitIds: [] });
  });
});

describe('the fields a change altered', () => {
  it('lists each leaf that differs, before and after', () => {
    const before = { name: { zh: '甲', en: 'A' }, unitIds: ['u1'], contacts: [{ name: '王', phone: '1' }] };
    const after = { name: { zh: '甲', en: 'A2' }, unitIds: ['u1', 'u2'], contacts: [{ name: '王', phone: '2' }], webhook: { url: 'https://x', secretRef: 's' } };
    expect(fieldChanges(before, after)).toEqual([
      { field: 'name.en', before: 'A', after: 'A2' },
      { field: 'unitIds', before: 'u1', after: 'u1, u2' },
      { field: 'contacts[0].phone', before: '1', after: '2' },
      { field: 'webhook.url', before: '—', after: 'https://x' },
      { field: 'webhook.secretRef', before: '—', after: 's' },
    ]);
  });

  it('shows every field of an added entry as new, and of a removed one as gone', () => {
    expect(fieldChanges(null, { id: 'x' })).toEqual([{ field: 'id', before: '—', after: 'x' }]);
    expect(fieldChanges({ id: 'x' }, null)).toEqual([{ field: 'id', before: 'x', after: '—' }]);
  });
});
