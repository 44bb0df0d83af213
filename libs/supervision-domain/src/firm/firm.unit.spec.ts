import { specFor } from '@whistle/kernel/testing';
import type { FirmEvent } from '@whistle/contracts';
import { firmDecider, type ChangeFirm, type RegisterFirm } from './firm.decide';

const spec = specFor(firmDecider);

const T0 = '2026-11-21T08:00:00.000Z';
const T1 = '2026-11-28T08:00:00.000Z';
const CODE = '91110105MA01K4PN2X';
const knownCompounds = ['compound-a', 'compound-b', 'compound-c'];
const contact = { name: '王经理', phone: '010-6512 3456' };

const register = (fields: Partial<RegisterFirm> = {}): RegisterFirm => ({
  type: 'RegisterFirm',
  firmId: 'firm-1',
  name: ' 安居物业 ',
  creditCode: CODE,
  contact,
  compoundIds: ['compound-a', 'compound-b'],
  knownCompounds,
  servedElsewhere: {},
  creditCodeHolder: null,
  now: T0,
  ...fields,
});
const registered: FirmEvent = {
  type: 'supervision.PropertyFirmRegistered.v1',
  data: { firmId: 'firm-1', name: '安居物业', creditCode: CODE, contact, compoundIds: ['compound-a', 'compound-b'], registeredAt: T0 },
};
const change = (fields: Partial<ChangeFirm> = {}): ChangeFirm => ({
  type: 'ChangeFirm',
  reason: 'contract renewed',
  knownCompounds,
  servedElsewhere: {},
  now: T1,
  ...fields,
});

describe('RegisterFirm (物业服务企业)', () => {
  it('registers a firm with the compounds it serves', () => {
    spec.given().when(register()).then(registered);
  });

  it('takes a credit code in lower case as the same code', () => {
    const [event] = spec.given().when(register({ creditCode: ` ${CODE.toLowerCase()} ` })).events();
    expect(event?.data).toMatchObject({ creditCode: CODE });
  });

  it('refuses a compound another firm serves now', () => {
    spec
      .given()
      .when(register({ servedElsewhere: { 'compound-b': 'firm-9' } }))
      .thenRefused('firm.compound_served', /compound compound-b is served by firm firm-9: a compound has one property firm at a time/);
  });

  it('refuses a credit code already registered to another firm', () => {
    spec.given().when(register({ creditCodeHolder: 'firm-9' })).thenRefused('firm.credit_code_registered', /already registered to firm firm-9/);
  });

  it('refuses registering the firm twice', () => {
    spec.given(registered).when(register()).thenRefused('firm.already_registered', /firm firm-1 \(安居物业\) is already registered/);
  });

  it.each<[string, Partial<RegisterFirm>, RegExp]>([
    ['name', { name: ' ' }, /name must not be empty/],
    ['creditCode', { creditCode: '91110105MA01K4PN2' }, /18-character unified social credit code/],
    ['creditCode', { creditCode: '91110105MA01K4PN2I' }, /other than I, O, S, V, Z/],
    ['contact.name', { contact: { name: '', phone: '13800138000' } }, /contact.name must not be empty/],
    ['contact.phone', { contact: { name: '王', phone: 'call me' } }, /contact.phone must be a phone number/],
    ['contact', { contact: undefined as never }, /contact must give a name and a phone number/],
    ['compoundIds', { compoundIds: [] }, /at least one compound/],
    ['compoundIds[1]', { compoundIds: ['compound-a', 'compound-z'] }, /"compound-z" is not a known compound/],
    ['compoundIds[1]', { compoundIds: ['compound-a', 'compound-a'] }, /is listed twice/],
  ])('rejects a bad %s', (field, fields, reason) => {
    spec.given().when(register(fields)).thenInvalid(field, reason);
  });
});

describe('ChangeFirm', () => {
  it('records only what changed, with the reason', () => {
    spec
      .given(registered)
      .when(change({ name: '安居物业', contact: { name: '李经理', phone: '13800138000' }, compoundIds: ['compound-a', 'compound-c'] }))
      .then({
        type: 'supervision.PropertyFirmChanged.v1',
        data: { firmId: 'firm-1', contact: { name: '李经理', phone: '13800138000' }, compoundIds: ['compound-a', 'compound-c'], reason: 'contract renewed', changedAt: T1 },
      });
  });

  it('keeps the change in the state', () => {
    const changed: FirmEvent = {
      type: 'supervision.PropertyFirmChanged.v1',
      data: { firmId: 'firm-1', compoundIds: ['compound-c'], reason: 'lost compounds a and b', changedAt: T1 },
    };
    expect(spec.given(registered, changed).state()).toMatchObject({
      name: '安居物业',
      compoundIds: ['compound-c'],
      changes: [{ reason: 'lost compounds a and b', changedAt: T1 }],
    });
  });

  it('records nothing when nothing differs (the same compounds in another order)', () => {
    spec.given(registered).when(change({ compoundIds: ['compound-b', 'compound-a'], name: '安居物业' })).thenNothing();
  });

  it('lets a firm come to serve no compound', () => {
    const [event] = spec.given(registered).when(change({ compoundIds: [] })).events();
    expect(event?.data).toMatchObject({ compoundIds: [] });
  });

  it('refuses taking over a compound another firm serves, but not keeping its own', () => {
    spec
      .given(registered)
      .when(change({ compoundIds: ['compound-a', 'compound-c'], servedElsewhere: { 'compound-c': 'firm-9' } }))
      .thenRefused('firm.compound_served', /compound compound-c is served by firm firm-9/);
    const [event] = spec
      .given(registered)
      .when(change({ compoundIds: ['compound-a'], servedElsewhere: { 'compound-a': 'firm-1' } }))
      .events();
    expect(event?.data).toMatchObject({ compoundIds: ['compound-a'] });
  });

  it('refuses a change of a firm not registered', () => {
    spec.given().when(change({ name: 'x' })).thenRefused('firm.not_registered');
  });

  it.each<[string, Partial<ChangeFirm>, RegExp]>([
    ['name', {}, /at least one of name, contact and compoundIds/],
    ['reason', { name: 'x', reason: '' }, /reason must not be empty/],
    ['contact.phone', { contact: { name: '李', phone: '' } }, /contact.phone/],
    ['compoundIds[0]', { compoundIds: ['compound-z'] }, /not a known compound/],
  ])('rejects a bad %s', (field, fields, reason) => {
    spec.given(registered).when(change(fields)).thenInvalid(field, reason);
  });
});
