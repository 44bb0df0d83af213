import type { AnyEvent } from '@whistle/contracts';
import { caseReactions } from './case.reactions';

const NOW = '2026-11-21T09:00:00.000Z';

describe('case reactions', () => {
  it('notes the completed work on the case when escalation says every task has its outcome', () => {
    const completed: AnyEvent = { type: 'escalation.WorkCompleted.v1', data: { caseId: 'c1', whistleId: 'w1', level: 2, outcomes: [], completedAt: NOW } };
    expect(caseReactions(completed, NOW)).toEqual([{ streamId: 'case-c1', command: { type: 'NoteWorkCompleted', level: 2, completedAt: NOW, now: NOW } }]);
  });
  it('notes a referral upward', () => {
    const upward: AnyEvent = { type: 'adjudication.CaseReferredUpward.v1', data: { caseId: 'c1', deferrals: 3, reason: 'deferred 3 times', referredAt: NOW } };
    expect(caseReactions(upward, NOW)).toEqual([{ streamId: 'case-c1', command: { type: 'NoteReferredUpward', reason: 'deferred 3 times', now: NOW } }]);
  });
  it('ignores the rest', () => {
    expect(caseReactions({ type: 'escalation.TriageReopened.v1', data: { caseId: 'c1', reason: 'x', reopenedAt: NOW } }, NOW)).toEqual([]);
  });
});
