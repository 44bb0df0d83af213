import type { Reaction } from '@whistle/kernel';
import { streams, type AnyEvent } from '@whistle/contracts';
import type { CaseCommand } from './case.decide';

/** What intake does when other contexts' events arrive: it learns that the work is complete, or that the case went upward. */
export function caseReactions(event: AnyEvent, now: string): Reaction<CaseCommand>[] {
  switch (event.type) {
    case 'escalation.WorkCompleted.v1': {
      const { caseId, level, completedAt } = event.data;
      return [{ streamId: streams.case(caseId), command: { type: 'NoteWorkCompleted', level, completedAt, now } }];
    }
    case 'adjudication.CaseReferredUpward.v1':
      return [{ streamId: streams.case(event.data.caseId), command: { type: 'NoteReferredUpward', reason: event.data.reason, now } }];
    default:
      return [];
  }
}
