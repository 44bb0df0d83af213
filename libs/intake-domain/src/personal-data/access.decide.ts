import { assertNever, invalid, refuse, type Decider } from '@whistle/kernel';
import type { PersonalDataAccessEvent } from '@whistle/contracts';

/** An access's reason stays in the record for good: long enough to cite a file or a request, no longer. */
export const ACCESS_REASON_MAX_LENGTH = 500;

/**
 * 个人信息查阅: a caller entitled to read the reporter's personal data in full reads it, for a
 * reason. Whether the caller is entitled (the office, the case's station, the reporter who
 * reported it) is looked up by the service, which knows who reported the case, and comes with
 * the command; so does whether the case still holds the data.
 */
export interface RecordPersonalDataAccess {
  readonly type: 'RecordPersonalDataAccess';
  readonly caseId: string;
  readonly reason: string;
  readonly entitled: boolean;
  readonly reporterData: 'sealed' | 'erased' | 'none';
  readonly now: string;
}

export type PersonalDataAccessCommand = RecordPersonalDataAccess;

/** What the record of one case's accesses needs to know: how many, and the last. */
export interface PersonalDataAccessState {
  readonly caseId: string | null;
  readonly accesses: number;
  readonly lastAccessedAt: string | null;
}

export const initialAccessState: PersonalDataAccessState = { caseId: null, accesses: 0, lastAccessedAt: null };

export function evolveAccess(state: PersonalDataAccessState, event: PersonalDataAccessEvent): PersonalDataAccessState {
  switch (event.type) {
    case 'intake.PersonalDataAccessed.v1':
      return { caseId: event.data.caseId, accesses: state.accesses + 1, lastAccessedAt: event.data.accessedAt };
    default:
      return assertNever(event.type, 'personal data access event');
  }
}

export function decideAccess(command: PersonalDataAccessCommand, _state: PersonalDataAccessState): PersonalDataAccessEvent[] {
  switch (command.type) {
    case 'RecordPersonalDataAccess': {
      const reason = command.reason.trim();
      if (reason === '') invalid('reason', 'reason must not be empty: say why the personal data is read in full');
      if ([...reason].length > ACCESS_REASON_MAX_LENGTH) invalid('reason', `reason must be at most ${ACCESS_REASON_MAX_LENGTH} characters`);
      if (!command.entitled) refuse('personal_data.not_entitled', 'only the office, the case’s station and the reporter who reported it read the reporter’s personal data in full');
      if (command.reporterData === 'none') refuse('case.no_reporter_data', `case ${command.caseId} holds no personal data of a reporter`);
      if (command.reporterData === 'erased') refuse('case.reporter_data_erased', `the reporter’s personal data of case ${command.caseId} was erased`);
      return [{ type: 'intake.PersonalDataAccessed.v1', data: { caseId: command.caseId, reason, accessedAt: command.now } }];
    }
    default:
      return assertNever(command.type, 'personal data access command');
  }
}

/** The record of who read a case's reporter in full, when and why (个人信息查阅记录): every access is kept, none is ever refused for being a repeat. */
export const personalDataAccessDecider: Decider<PersonalDataAccessCommand, PersonalDataAccessEvent, PersonalDataAccessState> = {
  initialState: initialAccessState,
  decide: decideAccess,
  evolve: evolveAccess,
};
