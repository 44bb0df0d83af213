import type { Reaction } from '@whistle/kernel';
import { streams, type AnyEvent } from '@whistle/contracts';
import type { CaseCommand } from './case.decide';

/** What intake does when other contexts' events arrive: it learns that the work is complete. */
export function caseReactions(event: AnyEvent, now: string): Reaction<CaseCommand>[] {
  switch (event.type) {
    case 'escalation.WorkCompleted.v1':
      return [{ streamId: streams.case(event.data.caseId), command: { type: 'NoteWorkCompleted', level: event.data.level, now } }];
    default:
      return [];
  }
}
