import { assertNever } from '@whistle/kernel';
import type { FirmContact, FirmEvent } from '@whistle/contracts';

export interface FirmChange {
  readonly reason: string;
  readonly changedAt: string;
}

export type FirmState =
  | { readonly status: 'none' }
  | {
      readonly status: 'registered';
      readonly firmId: string;
      readonly name: string;
      readonly creditCode: string;
      readonly contact: FirmContact;
      /** the compounds it serves now */
      readonly compoundIds: readonly string[];
      readonly registeredAt: string;
      readonly changes: readonly FirmChange[];
    };

export type RegisteredFirm = Extract<FirmState, { status: 'registered' }>;

export const initialFirmState: FirmState = { status: 'none' };

export function evolveFirm(state: FirmState, event: FirmEvent): FirmState {
  switch (event.type) {
    case 'supervision.PropertyFirmRegistered.v1': {
      if (state.status !== 'none') return state;
      const { firmId, name, creditCode, contact, compoundIds, registeredAt } = event.data;
      return { status: 'registered', firmId, name, creditCode, contact, compoundIds, registeredAt, changes: [] };
    }
    case 'supervision.PropertyFirmChanged.v1': {
      if (state.status !== 'registered') return state;
      const { name, contact, compoundIds, reason, changedAt } = event.data;
      return {
        ...state,
        ...(name !== undefined && { name }),
        ...(contact !== undefined && { contact }),
        ...(compoundIds !== undefined && { compoundIds }),
        changes: [...state.changes, { reason, changedAt }],
      };
    }
    default:
      return assertNever(event, 'firm event');
  }
}
