import { assertNever, invalid, refuse, type Decider } from '@whistle/kernel';
import { LEDGER_KINDS, type CompoundEvent, type CompoundProfile, type Grid, type Handover, type Liaison, type OwnersCommittee, type PartyBranch } from '@whistle/contracts';
import { oneOf, optionalText, required, wholeNumber } from '../checks';
import { evolveCompound, initialCompoundState, type CompoundState, type LiaisonRecord } from './compound.state';

/**
 * The office records a compound's profile (小区档案): the whole of it as it now stands, with why.
 * The members arrive as the request sent them and are checked here, each by its field.
 */
export interface RecordProfile {
  readonly type: 'RecordProfile';
  readonly compoundId: string;
  readonly profile: CompoundProfile;
  readonly reason: string;
  readonly now: string;
}

/** A leader or department is assigned to liaise with the compound (联系小区). */
export interface AssignLiaison {
  readonly type: 'AssignLiaison';
  readonly compoundId: string;
  readonly liaisonId: string;
  readonly liaison: Liaison;
  readonly reason: string;
  /** the catalogue's unit ids: a department is one of them */
  readonly knownUnits: readonly string[];
  readonly now: string;
}

export interface EndLiaison {
  readonly type: 'EndLiaison';
  readonly compoundId: string;
  readonly liaisonId: string;
  readonly reason: string;
  readonly now: string;
}

/** A visit or help in a liaison's ledger (台账); with `corrects`, it takes the place of an earlier entry. */
export interface RecordLedgerEntry {
  readonly type: 'RecordLedgerEntry';
  readonly compoundId: string;
  readonly entryId: string;
  readonly liaisonId: string;
  readonly kind: string;
  readonly date: string;
  readonly found: string;
  readonly done: string;
  readonly followUp?: string;
  readonly corrects?: { readonly entryId: string; readonly reason: string };
  readonly now: string;
}

export type CompoundCommand = RecordProfile | AssignLiaison | EndLiaison | RecordLedgerEntry;

export const GRIDS_MAX = 200;
export const GRID_WORKERS_MAX = 50;
const COUNT_MAX = 1_000_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function decideCompound(command: CompoundCommand, state: CompoundState): CompoundEvent[] {
  switch (command.type) {
    case 'RecordProfile':
      return recordProfile(command, state);
    case 'AssignLiaison':
      return assign(command, state);
    case 'EndLiaison':
      return end(command, state);
    case 'RecordLedgerEntry':
      return recordEntry(command, state);
    default:
      return assertNever(command, 'compound command');
  }
}

export const compoundDecider: Decider<CompoundCommand, CompoundEvent, CompoundState> = {
  initialState: initialCompoundState,
  decide: decideCompound,
  evolve: evolveCompound,
};

function recordProfile(command: RecordProfile, state: CompoundState): CompoundEvent[] {
  const input = command.profile as Partial<CompoundProfile> | undefined;
  if (typeof input !== 'object' || input === null) invalid('profile', 'profile must give the owners’ committee, party branch, handover, grids, party members and households');
  const today = beijingDate(command.now);
  const profile: CompoundProfile = {
    ownersCommittee: committeeOf(input.ownersCommittee),
    partyBranch: branchOf(input.partyBranch),
    handover: handoverOf(input.handover, today),
    grids: gridsOf(input.grids),
    partyMembers: wholeNumber('partyMembers', input.partyMembers, 0, COUNT_MAX),
    households: wholeNumber('households', input.households, 0, COUNT_MAX),
  };
  const reason = required('reason', command.reason, 1000);
  if (state.profile !== null && sameProfile(state.profile, profile)) return [];
  return [{ type: 'supervision.CompoundProfileRecorded.v1', data: { compoundId: command.compoundId, ...profile, reason, recordedAt: command.now } }];
}

function assign(command: AssignLiaison, state: CompoundState): CompoundEvent[] {
  if (state.liaisons.some((l) => l.liaisonId === command.liaisonId)) return [];
  const liaison = liaisonOf(command.liaison, command.knownUnits);
  const reason = required('reason', command.reason, 1000);
  const same = state.liaisons.find((l) => l.ended === null && sameLiaison(l.liaison, liaison));
  if (same !== undefined) refuse('compound.liaison_assigned', `${describe(liaison)} already liaises with compound ${command.compoundId} (liaison ${same.liaisonId})`);
  return [{ type: 'supervision.CompoundLiaisonAssigned.v1', data: { compoundId: command.compoundId, liaisonId: command.liaisonId, liaison, reason, assignedAt: command.now } }];
}

function end(command: EndLiaison, state: CompoundState): CompoundEvent[] {
  const record = known(state, command.liaisonId);
  if (record.ended !== null) refuse('compound.liaison_ended', `liaison ${record.liaisonId} (${describe(record.liaison)}) already ended on ${record.ended.endedAt}`);
  const reason = required('reason', command.reason, 1000);
  return [{ type: 'supervision.CompoundLiaisonEnded.v1', data: { compoundId: command.compoundId, liaisonId: record.liaisonId, reason, endedAt: command.now } }];
}

function recordEntry(command: RecordLedgerEntry, state: CompoundState): CompoundEvent[] {
  if (state.ledger.some((e) => e.entryId === command.entryId)) return [];
  const record = known(state, command.liaisonId);
  let corrects: { entryId: string; reason: string } | undefined;
  if (command.corrects !== undefined) {
    const earlier = state.ledger.find((e) => e.entryId === command.corrects?.entryId);
    if (earlier === undefined) invalid('corrects.entryId', `the ledger of this compound has no entry ${String(command.corrects.entryId)} to correct`);
    // A liaison's ledger is its own record: another liaison (a unit above all) must not rewrite it.
    if (earlier.liaisonId !== record.liaisonId) {
      refuse('compound.entry_of_another_liaison', `entry ${earlier.entryId} was recorded by liaison ${earlier.liaisonId}, not ${record.liaisonId}: a liaison corrects only its own entries`);
    }
    if (earlier.supersededBy !== null) refuse('compound.entry_superseded', `entry ${earlier.entryId} was already corrected by entry ${earlier.supersededBy}: correct that one`);
    corrects = { entryId: earlier.entryId, reason: required('corrects.reason', command.corrects.reason, 1000) };
  } else if (record.ended !== null) {
    // A correction may still fix what an ended liaison recorded; new work needs a liaison assigned now.
    refuse('compound.liaison_ended', `liaison ${record.liaisonId} (${describe(record.liaison)}) ended on ${record.ended.endedAt}: it records no new entry`);
  }
  const kind = oneOf('kind', command.kind, LEDGER_KINDS);
  const date = dateOf('date', command.date);
  if (date > beijingDate(command.now)) invalid('date', `date ${date} is in the future`);
  return [
    {
      type: 'supervision.CompoundLedgerEntryRecorded.v1',
      data: {
        compoundId: command.compoundId,
        entryId: command.entryId,
        liaisonId: record.liaisonId,
        kind,
        date,
        found: required('found', command.found),
        done: required('done', command.done),
        followUp: optionalText('followUp', command.followUp),
        ...(corrects === undefined ? {} : { corrects }),
        recordedAt: command.now,
      },
    },
  ];
}

/** The liaison the command names; an id never assigned here is a bad `liaisonId` (the HTTP layer answers 404 first when the id is in the path). */
function known(state: CompoundState, liaisonId: string): LiaisonRecord {
  const record = state.liaisons.find((l) => l.liaisonId === liaisonId);
  return record ?? invalid('liaisonId', `no liaison ${String(liaisonId)} was ever assigned to this compound`);
}

function committeeOf(value: OwnersCommittee | undefined): OwnersCommittee {
  if (typeof value !== 'object' || value === null || typeof value.present !== 'boolean') invalid('ownersCommittee.present', 'ownersCommittee.present must be true or false');
  if (!value.present) return { present: false };
  const termFrom = dateOf('ownersCommittee.termFrom', value.termFrom);
  const termTo = dateOf('ownersCommittee.termTo', value.termTo);
  if (termTo <= termFrom) invalid('ownersCommittee.termTo', `ownersCommittee.termTo ${termTo} must be later than termFrom ${termFrom}`);
  return { present: true, termFrom, termTo };
}

function branchOf(value: PartyBranch | undefined): PartyBranch {
  if (typeof value !== 'object' || value === null || typeof value.present !== 'boolean') invalid('partyBranch.present', 'partyBranch.present must be true or false');
  return value.present ? { present: true, secretary: required('partyBranch.secretary', value.secretary, 50) } : { present: false };
}

function handoverOf(value: Handover | undefined, today: string): Handover {
  if (typeof value !== 'object' || value === null) invalid('handover.status', 'handover.status must be one of not_handed_over, handed_over');
  const status = oneOf('handover.status', value.status, ['not_handed_over', 'handed_over'] as const);
  if (status === 'not_handed_over') return { status };
  const date = dateOf('handover.date', (value as { date?: string }).date);
  if (date > today) invalid('handover.date', `handover.date ${date} is in the future`);
  return { status, date };
}

function gridsOf(value: readonly Grid[] | undefined): Grid[] {
  if (!Array.isArray(value)) invalid('grids', 'grids must be a list (empty when the compound has no grid)');
  if (value.length > GRIDS_MAX) invalid('grids', `grids must list at most ${GRIDS_MAX}, not ${value.length}`);
  const names = new Set<string>();
  return value.map((grid, i) => {
    const name = required(`grids[${i}].name`, (grid as Partial<Grid> | null)?.name, 50);
    if (names.has(name)) invalid(`grids[${i}].name`, `grids[${i}].name "${name}" is listed twice`);
    names.add(name);
    const workers = (grid as Partial<Grid>).workers;
    if (!Array.isArray(workers) || workers.length > GRID_WORKERS_MAX) invalid(`grids[${i}].workers`, `grids[${i}].workers must list at most ${GRID_WORKERS_MAX} grid workers`);
    return { name, workers: workers.map((w, j) => required(`grids[${i}].workers[${j}]`, w, 50)) };
  });
}

function liaisonOf(value: Liaison, knownUnits: readonly string[]): Liaison {
  if (typeof value !== 'object' || value === null) invalid('liaison.kind', 'liaison.kind must be one of leader, department');
  const kind = oneOf('liaison.kind', value.kind, ['leader', 'department'] as const);
  if (kind === 'leader') {
    const leader = value as Partial<Extract<Liaison, { kind: 'leader' }>>;
    return { kind, name: required('liaison.name', leader.name, 50), post: required('liaison.post', leader.post, 100) };
  }
  const unitId = (value as Partial<Extract<Liaison, { kind: 'department' }>>).unitId;
  if (typeof unitId !== 'string' || !knownUnits.includes(unitId)) invalid('liaison.unitId', `liaison.unitId "${String(unitId)}" is not a unit of the catalogue`);
  return { kind, unitId };
}

const sameLiaison = (a: Liaison, b: Liaison): boolean =>
  a.kind === 'leader' ? b.kind === 'leader' && a.name === b.name && a.post === b.post : b.kind === 'department' && a.unitId === b.unitId;

const describe = (liaison: Liaison): string => (liaison.kind === 'leader' ? `leader ${liaison.name} (${liaison.post})` : `department ${liaison.unitId}`);

function sameProfile(a: CompoundProfile, b: CompoundProfile): boolean {
  const pick = (p: CompoundProfile) => JSON.stringify([p.ownersCommittee, p.partyBranch, p.handover, p.grids, p.partyMembers, p.households]);
  return pick(a) === pick(b);
}

/** A calendar date `YYYY-MM-DD` that exists. */
function dateOf(field: string, value: unknown): string {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  const time = match === null ? Number.NaN : Date.parse(`${value as string}T00:00:00Z`);
  const valid = !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
  if (!valid) invalid(field, `${field} must be a date such as 2026-11-21, not "${String(value)}"`);
  return value as string;
}

/** The day an instant falls on in Beijing (UTC+8, no daylight saving). */
export function beijingDate(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);
}
