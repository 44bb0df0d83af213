import { specFor } from '@whistle/kernel/testing';
import type { CompoundEvent, CompoundProfile } from '@whistle/contracts';
import { compoundDecider, type AssignLiaison, type EndLiaison, type RecordLedgerEntry, type RecordProfile } from './compound.decide';
import { activeLiaisons, currentLedger } from './compound.state';
import { threeWithoutsOf } from './three-withouts';

const spec = specFor(compoundDecider);

// 2026-11-21 16:30 UTC is already 2026-11-22 in Beijing.
const T0 = '2026-11-21T16:30:00.000Z';
const T1 = '2026-11-28T08:00:00.000Z';
const C = 'compound-xinghua-1';

const profile: CompoundProfile = {
  ownersCommittee: { present: true, termFrom: '2024-01-01', termTo: '2029-01-01' },
  partyBranch: { present: true, secretary: '刘书记' },
  handover: { status: 'handed_over', date: '2019-06-30' },
  grids: [{ name: '一网格', workers: ['赵敏', '钱进'] }, { name: '二网格', workers: [] }],
  partyMembers: 37,
  households: 812,
};
const record = (fields: Partial<RecordProfile> = {}, members: Partial<Record<keyof CompoundProfile, unknown>> = {}): RecordProfile => ({
  type: 'RecordProfile',
  compoundId: C,
  profile: { ...profile, ...members } as CompoundProfile,
  reason: '年度小区档案普查',
  now: T0,
  ...fields,
});
const recorded: CompoundEvent = { type: 'supervision.CompoundProfileRecorded.v1', data: { compoundId: C, ...profile, reason: '年度小区档案普查', recordedAt: T0 } };

const leader = { kind: 'leader' as const, name: '王副县长', post: '副县长' };
const assign = (fields: Partial<AssignLiaison> = {}): AssignLiaison => ({
  type: 'AssignLiaison',
  compoundId: C,
  liaisonId: 'l-1',
  liaison: leader,
  reason: '县委联系小区分工通知',
  knownUnits: ['unit-jiaojing', 'unit-chengguan'],
  now: T0,
  ...fields,
});
const assigned: CompoundEvent = { type: 'supervision.CompoundLiaisonAssigned.v1', data: { compoundId: C, liaisonId: 'l-1', liaison: leader, reason: '县委联系小区分工通知', assignedAt: T0 } };
const departmentAssigned: CompoundEvent = {
  type: 'supervision.CompoundLiaisonAssigned.v1',
  data: { compoundId: C, liaisonId: 'l-2', liaison: { kind: 'department', unitId: 'unit-jiaojing' }, reason: '分工', assignedAt: T0 },
};
const endL = (fields: Partial<EndLiaison> = {}): EndLiaison => ({ type: 'EndLiaison', compoundId: C, liaisonId: 'l-1', reason: '工作调整', now: T1, ...fields });
const ended: CompoundEvent = { type: 'supervision.CompoundLiaisonEnded.v1', data: { compoundId: C, liaisonId: 'l-1', reason: '工作调整', endedAt: T1 } };

const entry = (fields: Partial<RecordLedgerEntry> = {}): RecordLedgerEntry => ({
  type: 'RecordLedgerEntry',
  compoundId: C,
  entryId: 'e-1',
  liaisonId: 'l-1',
  kind: 'visit',
  date: '2026-11-22',
  found: ' 消防通道被占用 ',
  done: '协调物业清理',
  followUp: '一周后复查',
  now: T0,
  ...fields,
});
const entered: CompoundEvent = {
  type: 'supervision.CompoundLedgerEntryRecorded.v1',
  data: { compoundId: C, entryId: 'e-1', liaisonId: 'l-1', kind: 'visit', date: '2026-11-22', found: '消防通道被占用', done: '协调物业清理', followUp: '一周后复查', recordedAt: T0 },
};

describe('RecordProfile (小区档案)', () => {
  it('records the whole profile with the reason', () => {
    spec.given().when(record()).then(recorded);
  });

  it('records a compound without committee, branch or handover', () => {
    const bare = { ownersCommittee: { present: false }, partyBranch: { present: false }, handover: { status: 'not_handed_over' }, grids: [] };
    const [event] = spec.given().when(record({}, bare)).events();
    expect(event?.data).toMatchObject({ ownersCommittee: { present: false }, partyBranch: { present: false }, handover: { status: 'not_handed_over' }, grids: [] });
  });

  it('records nothing when nothing differs, and a change with its reason otherwise', () => {
    spec.given(recorded).when(record({ reason: 'again' })).thenNothing();
    const [event] = spec.given(recorded).when(record({ reason: '业委会换届', now: T1 }, { ownersCommittee: { present: true, termFrom: '2029-01-01', termTo: '2034-01-01' } })).events();
    expect(event?.data).toMatchObject({ ownersCommittee: { termFrom: '2029-01-01' }, reason: '业委会换届', recordedAt: T1 });
  });

  it('keeps every change in the state', () => {
    const later: CompoundEvent = { type: 'supervision.CompoundProfileRecorded.v1', data: { compoundId: C, ...profile, households: 900, reason: '新楼入住', recordedAt: T1 } };
    expect(spec.given(recorded, later).state()).toMatchObject({
      profile: { households: 900, reason: '新楼入住' },
      profileChanges: [{ reason: '年度小区档案普查' }, { reason: '新楼入住', recordedAt: T1 }],
    });
  });

  it('takes a handover dated today in Beijing, which is still yesterday in UTC', () => {
    const [event] = spec.given().when(record({}, { handover: { status: 'handed_over', date: '2026-11-22' } })).events();
    expect(event?.data).toMatchObject({ handover: { date: '2026-11-22' } });
  });

  it.each<[string, Partial<Record<keyof CompoundProfile, unknown>>, RegExp]>([
    ['ownersCommittee.present', { ownersCommittee: {} }, /true or false/],
    ['ownersCommittee.termFrom', { ownersCommittee: { present: true, termFrom: '2024-02-30', termTo: '2029-01-01' } }, /a date such as/],
    ['ownersCommittee.termTo', { ownersCommittee: { present: true, termFrom: '2024-01-01', termTo: '2024-01-01' } }, /later than termFrom/],
    ['partyBranch.present', { partyBranch: undefined }, /true or false/],
    ['partyBranch.secretary', { partyBranch: { present: true, secretary: ' ' } }, /must not be empty/],
    ['handover.status', { handover: { status: 'half' } }, /one of not_handed_over, handed_over/],
    ['handover.date', { handover: { status: 'handed_over' } }, /a date such as/],
    ['handover.date', { handover: { status: 'handed_over', date: '2026-11-23' } }, /in the future/],
    ['grids', { grids: 'one' }, /must be a list/],
    ['grids[1].name', { grids: [{ name: 'A', workers: [] }, { name: 'A', workers: [] }] }, /listed twice/],
    ['grids[0].workers', { grids: [{ name: 'A' }] }, /grid workers/],
    ['grids[0].workers[1]', { grids: [{ name: 'A', workers: ['赵', ''] }] }, /must not be empty/],
    ['grids', { grids: Array.from({ length: 201 }, (_, i) => ({ name: `G${i}`, workers: [] })) }, /at most 200, not 201/],
    ['grids[0].name', { grids: [{ name: '网'.repeat(51), workers: [] }] }, /at most 50 characters/],
    ['grids[0].workers', { grids: [{ name: 'A', workers: Array.from({ length: 51 }, (_, i) => `W${i}`) }] }, /at most 50 grid workers/],
    ['partyMembers', { partyMembers: -1 }, /whole number/],
    ['partyMembers', { partyMembers: 1_000_001 }, /from 0 to 1000000/],
    ['households', { households: 1.5 }, /whole number/],
  ])('rejects a bad %s', (field, members, reason) => {
    spec.given().when(record({}, members)).thenInvalid(field, reason);
  });

  it('rejects a missing reason and a missing profile', () => {
    spec.given().when(record({ reason: '' })).thenInvalid('reason', /must not be empty/);
    spec.given().when(record({ profile: undefined as never })).thenInvalid('profile', /must give/);
  });
});

describe('three withouts (三无小区), derived', () => {
  const bare = { ownersCommittee: { present: false as const }, partyBranch: { present: false as const } };

  it('lacks all three: no firm serves it, no committee, no branch', () => {
    expect(threeWithoutsOf(bare, null)).toEqual({ missing: ['property_firm', 'owners_committee', 'party_branch'], all: true, known: true });
  });

  it('names which of the three are missing', () => {
    expect(threeWithoutsOf({ ...bare, partyBranch: { present: true, secretary: '刘' } }, 'firm-1')).toEqual({ missing: ['owners_committee'], all: false, known: true });
    expect(threeWithoutsOf(profile, 'firm-1')).toEqual({ missing: [], all: false, known: true });
  });

  it('without a profile, counts only the missing firm and does not call it three-withouts', () => {
    expect(threeWithoutsOf(null, null)).toEqual({ missing: ['property_firm'], all: false, known: false });
  });
});

describe('AssignLiaison / EndLiaison (联系小区)', () => {
  it('assigns a leader and a department of the catalogue', () => {
    spec.given().when(assign()).then(assigned);
    spec.given(assigned).when(assign({ liaisonId: 'l-2', liaison: { kind: 'department', unitId: 'unit-jiaojing' }, reason: '分工' })).then(departmentAssigned);
  });

  it('assigns nothing again for the same liaison id', () => {
    spec.given(assigned).when(assign()).thenNothing();
  });

  it('refuses the same leader twice while assigned, but takes them again after the end', () => {
    spec.given(assigned).when(assign({ liaisonId: 'l-3' })).thenRefused('compound.liaison_assigned', /leader 王副县长 \(副县长\) already liaises with compound compound-xinghua-1 \(liaison l-1\)/);
    const [event] = spec.given(assigned, ended).when(assign({ liaisonId: 'l-3', now: T1 })).events();
    expect(event?.data).toMatchObject({ liaisonId: 'l-3', liaison: leader });
  });

  it.each<[string, Partial<AssignLiaison>, RegExp]>([
    ['liaison.kind', { liaison: { kind: 'mayor' } as never }, /one of leader, department/],
    ['liaison.name', { liaison: { kind: 'leader', name: '', post: '副县长' } }, /must not be empty/],
    ['liaison.post', { liaison: { kind: 'leader', name: '王', post: '' } }, /must not be empty/],
    ['liaison.unitId', { liaison: { kind: 'department', unitId: 'unit-none' } }, /"unit-none" is not a unit of the catalogue/],
    ['reason', { reason: ' ' }, /must not be empty/],
  ])('rejects a bad %s', (field, fields, reason) => {
    spec.given().when(assign(fields)).thenInvalid(field, reason);
  });

  it('ends an assignment with its reason, and keeps it in the record', () => {
    spec.given(assigned).when(endL()).then(ended);
    const state = spec.given(assigned, departmentAssigned, ended).state();
    expect(activeLiaisons(state).map((l) => l.liaisonId)).toEqual(['l-2']);
    expect(state.liaisons[0]).toMatchObject({ liaisonId: 'l-1', ended: { reason: '工作调整', endedAt: T1 } });
  });

  it('refuses ending an unknown or ended liaison, and an end without reason', () => {
    // The HTTP layer answers 404 for an unknown liaison in its path before this; the command names the field.
    spec.given().when(endL()).thenInvalid('liaisonId', /no liaison l-1/);
    spec.given(assigned, ended).when(endL()).thenRefused('compound.liaison_ended', /already ended on 2026-11-28/);
    spec.given(assigned).when(endL({ reason: '' })).thenInvalid('reason', /must not be empty/);
  });
});

describe('RecordLedgerEntry (台账)', () => {
  it('records a visit of an assigned liaison', () => {
    spec.given(assigned).when(entry()).then(entered);
  });

  it('records nothing again for the same entry id', () => {
    spec.given(assigned, entered).when(entry()).thenNothing();
  });

  it('corrects an entry by a new one that takes its place; the first stays in the record', () => {
    const correction = entry({ entryId: 'e-2', date: '2026-11-21', corrects: { entryId: 'e-1', reason: '日期记错' }, now: T1 });
    const [event] = spec.given(assigned, entered).when(correction).events();
    expect(event?.data).toMatchObject({ entryId: 'e-2', date: '2026-11-21', corrects: { entryId: 'e-1', reason: '日期记错' } });
    const state = spec.given(assigned, entered, event as CompoundEvent).state();
    expect(state.ledger.map((e) => [e.entryId, e.supersededBy])).toEqual([['e-1', 'e-2'], ['e-2', null]]);
    expect(currentLedger(state).map((e) => e.entryId)).toEqual(['e-2']);
  });

  it('rejects correcting an unknown entry, naming the field; refuses one already corrected', () => {
    spec.given(assigned).when(entry({ entryId: 'e-2', corrects: { entryId: 'e-9', reason: 'x' } })).thenInvalid('corrects.entryId', /no entry e-9/);
    const corrected: CompoundEvent = { type: 'supervision.CompoundLedgerEntryRecorded.v1', data: { ...entered.data, entryId: 'e-2', corrects: { entryId: 'e-1', reason: 'x' } } as never };
    spec.given(assigned, entered, corrected).when(entry({ entryId: 'e-3', corrects: { entryId: 'e-1', reason: 'y' } })).thenRefused('compound.entry_superseded', /already corrected by entry e-2/);
    spec.given(assigned, entered).when(entry({ entryId: 'e-2', corrects: { entryId: 'e-1', reason: '' } })).thenInvalid('corrects.reason', /must not be empty/);
  });

  it('refuses correcting another liaison’s entry: a liaison corrects only its own ledger', () => {
    spec
      .given(assigned, departmentAssigned, entered)
      .when(entry({ entryId: 'e-2', liaisonId: 'l-2', corrects: { entryId: 'e-1', reason: '改写' } }))
      .thenRefused('compound.entry_of_another_liaison', /entry e-1 was recorded by liaison l-1, not l-2/);
  });

  it('rejects new work of an unknown liaison, naming the field; refuses an ended one’s, but lets its entry be corrected', () => {
    spec.given().when(entry()).thenInvalid('liaisonId', /no liaison l-1/);
    spec.given(assigned, entered, ended).when(entry({ entryId: 'e-2', now: T1 })).thenRefused('compound.liaison_ended', /records no new entry/);
    const [event] = spec.given(assigned, entered, ended).when(entry({ entryId: 'e-2', corrects: { entryId: 'e-1', reason: '补充' }, now: T1 })).events();
    expect(event?.data).toMatchObject({ entryId: 'e-2', liaisonId: 'l-1' });
  });

  it.each<[string, Partial<RecordLedgerEntry>, RegExp]>([
    ['kind', { kind: 'party' }, /one of visit, help/],
    ['date', { date: '22/11/2026' }, /a date such as/],
    ['date', { date: '2026-11-23' }, /in the future/],
    ['found', { found: '' }, /must not be empty/],
    ['done', { done: ' ' }, /must not be empty/],
    ['followUp', { followUp: 'x'.repeat(2001) }, /at most 2000/],
  ])('rejects a bad %s', (field, fields, reason) => {
    spec.given(assigned).when(entry(fields)).thenInvalid(field, reason);
  });

  it('lists the ledger latest visit first', () => {
    const older: CompoundEvent = { type: 'supervision.CompoundLedgerEntryRecorded.v1', data: { ...entered.data, entryId: 'e-0', date: '2026-10-01' } };
    expect(currentLedger(spec.given(assigned, older, entered).state()).map((e) => e.entryId)).toEqual(['e-1', 'e-0']);
  });
});
