import { assertNever, invalid, refuse, type Decider } from '@whistle/kernel';
import type { FirmContact, FirmEvent, PropertyFirmChanged } from '@whistle/contracts';
import { required } from '../checks';
import { evolveFirm, initialFirmState, type FirmState, type RegisteredFirm } from './firm.state';

/** What the service looked up for a firm's compounds and credit code. */
export interface FirmLookups {
  /** the catalogue's compound ids */
  readonly knownCompounds: readonly string[];
  /** of the compounds named, each one another registered firm serves now, with that firm's id */
  readonly servedElsewhere: Readonly<Record<string, string>>;
}

/** The office (or an admin) registers a property firm (物业服务企业). */
export interface RegisterFirm extends FirmLookups {
  readonly type: 'RegisterFirm';
  readonly firmId: string;
  readonly name: string;
  readonly creditCode: string;
  readonly contact: FirmContact;
  readonly compoundIds: readonly string[];
  /** the firm already registered under this credit code, if any */
  readonly creditCodeHolder: string | null;
  readonly now: string;
}

/** What changed of a firm, with why; a member left out stays as it is. */
export interface ChangeFirm extends FirmLookups {
  readonly type: 'ChangeFirm';
  readonly name?: string;
  readonly contact?: FirmContact;
  readonly compoundIds?: readonly string[];
  readonly reason: string;
  readonly now: string;
}

export type FirmCommand = RegisterFirm | ChangeFirm;

/** 统一社会信用代码: 18 characters of digits and capitals without I, O, S, V, Z (GB 32100-2015). */
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const PHONE = /^\+?[0-9][0-9 -]{4,23}$/;

export function decideFirm(command: FirmCommand, state: FirmState): FirmEvent[] {
  switch (command.type) {
    case 'RegisterFirm':
      return register(command, state);
    case 'ChangeFirm':
      return change(command, state);
    default:
      return assertNever(command, 'firm command');
  }
}

export const firmDecider: Decider<FirmCommand, FirmEvent, FirmState> = {
  initialState: initialFirmState,
  decide: decideFirm,
  evolve: evolveFirm,
};

function register(command: RegisterFirm, state: FirmState): FirmEvent[] {
  if (state.status === 'registered') refuse('firm.already_registered', `firm ${state.firmId} (${state.name}) is already registered`);
  const firmId = required('firmId', command.firmId, 200);
  const name = required('name', command.name, 200);
  const creditCode = creditCodeOf(command.creditCode);
  if (command.creditCodeHolder !== null && command.creditCodeHolder !== firmId) {
    refuse('firm.credit_code_registered', `credit code ${creditCode} is already registered to firm ${command.creditCodeHolder}: one firm, one credit record`);
  }
  const contact = contactOf(command.contact);
  const compoundIds = compoundsOf(command.compoundIds, command, firmId);
  if (compoundIds.length === 0) invalid('compoundIds', 'compoundIds must name at least one compound the firm serves');
  return [{ type: 'supervision.PropertyFirmRegistered.v1', data: { firmId, name, creditCode, contact, compoundIds, registeredAt: command.now } }];
}

function change(command: ChangeFirm, state: FirmState): FirmEvent[] {
  const firm = registered(state);
  if (command.name === undefined && command.contact === undefined && command.compoundIds === undefined) {
    invalid('name', 'a change names at least one of name, contact and compoundIds');
  }
  const reason = required('reason', command.reason);
  const name = command.name === undefined ? undefined : required('name', command.name, 200);
  const contact = command.contact === undefined ? undefined : contactOf(command.contact);
  // A firm may come to serve no compound of the town: its record and credit history stay.
  const compoundIds = command.compoundIds === undefined ? undefined : compoundsOf(command.compoundIds, command, firm.firmId);
  const changed: Omit<PropertyFirmChanged['data'], 'firmId' | 'reason' | 'changedAt'> = {
    ...(name !== undefined && name !== firm.name && { name }),
    ...(contact !== undefined && (contact.name !== firm.contact.name || contact.phone !== firm.contact.phone) && { contact }),
    ...(compoundIds !== undefined && !sameSet(compoundIds, firm.compoundIds) && { compoundIds }),
  };
  if (Object.keys(changed).length === 0) return [];
  return [{ type: 'supervision.PropertyFirmChanged.v1', data: { firmId: firm.firmId, ...changed, reason, changedAt: command.now } }];
}

function registered(state: FirmState): RegisteredFirm {
  if (state.status === 'none') return refuse('firm.not_registered', 'no property firm is registered on this stream');
  return state;
}

function creditCodeOf(value: string): string {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!CREDIT_CODE.test(code)) {
    invalid('creditCode', `creditCode must be the 18-character unified social credit code (统一社会信用代码) of digits and capitals other than I, O, S, V, Z, not "${String(value)}"`);
  }
  return code;
}

function contactOf(contact: FirmContact): FirmContact {
  if (typeof contact !== 'object' || contact === null) invalid('contact', 'contact must give a name and a phone number');
  const name = required('contact.name', contact.name, 100);
  const phone = typeof contact.phone === 'string' ? contact.phone.trim() : '';
  if (!PHONE.test(phone)) invalid('contact.phone', `contact.phone must be a phone number of digits, spaces and dashes, not "${String(contact.phone)}"`);
  return { name, phone };
}

/** Known, each once, and served by no other firm: a compound has at most one property firm at a time. */
function compoundsOf(compoundIds: readonly string[], lookups: FirmLookups, firmId: string): string[] {
  if (!Array.isArray(compoundIds)) invalid('compoundIds', 'compoundIds must be a list of compound ids');
  const known = new Set(lookups.knownCompounds);
  compoundIds.forEach((compoundId, i) => {
    if (!known.has(compoundId)) invalid(`compoundIds[${i}]`, `compoundIds[${i}] "${String(compoundId)}" is not a known compound`);
    if (compoundIds.indexOf(compoundId) !== i) invalid(`compoundIds[${i}]`, `compoundIds[${i}] "${compoundId}" is listed twice`);
  });
  const taken = compoundIds.filter((compoundId) => {
    const servedBy = lookups.servedElsewhere[compoundId];
    return servedBy !== undefined && servedBy !== firmId;
  });
  if (taken.length > 0) {
    refuse(
      'firm.compound_served',
      `${taken.map((c) => `compound ${c} is served by firm ${String(lookups.servedElsewhere[c])}`).join('; ')}: a compound has one property firm at a time, so change that firm's compounds first`,
    );
  }
  return [...compoundIds];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
