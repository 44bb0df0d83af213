import { assertNever, type EventEnvelope } from '@whistle/kernel';
import type { MeetingEvent } from '@whistle/contracts';
import { sourced } from '../known-events';
import { alreadyApplied, later, withRevision } from '../stream-revisions';
import type { AgendaItemView, MeetingView } from './meeting-view';

/**
 * Folds one event into a meeting's view; pure and idempotent under the stream revision. Returns
 * undefined for events that are not a meeting's, and for a meeting not yet scheduled.
 */
export function evolveMeetingView(view: MeetingView | undefined, envelope: EventEnvelope): MeetingView | undefined {
  const known = sourced(envelope);
  if (known?.source !== 'meeting') return undefined;
  const { event } = known;
  if (view && view.id !== event.data.meetingId) return undefined;
  if (view && alreadyApplied(view.revisions, envelope)) return view;
  const next = view ? apply(view, event) : schedule(event, envelope.occurredAt);
  if (!next) return undefined;
  return {
    ...next,
    version: (view?.version ?? 0) + 1,
    revisions: withRevision(view?.revisions ?? [], envelope),
    updatedAt: later(next.updatedAt, envelope.occurredAt),
  };
}

function schedule(event: MeetingEvent, at: string): MeetingView | undefined {
  if (event.type !== 'adjudication.MeetingScheduled.v1') return undefined;
  const { meetingId, scheduledAt, place, invitedUnits, agenda, quorumShare } = event.data;
  return {
    id: meetingId,
    version: 0,
    revisions: [],
    status: 'scheduled',
    scheduledAt,
    place,
    invitedUnits: [...invitedUnits],
    quorumShare,
    agenda: [...new Set(agenda)].map((caseId) => ({ caseId, opinions: [], decision: null })),
    attendance: [],
    openedAt: null,
    closedAt: null,
    updatedAt: at,
  };
}

function apply(view: MeetingView, event: MeetingEvent): MeetingView {
  const item = (caseId: string, change: (item: AgendaItemView) => AgendaItemView): MeetingView => ({
    ...view,
    agenda: view.agenda.map((i) => (i.caseId === caseId ? change(i) : i)),
  });
  switch (event.type) {
    case 'adjudication.MeetingScheduled.v1':
      return view;
    case 'adjudication.CaseTabled.v1':
      if (view.agenda.some((i) => i.caseId === event.data.caseId)) return view;
      return { ...view, agenda: [...view.agenda, { caseId: event.data.caseId, opinions: [], decision: null }] };
    case 'adjudication.MeetingOpened.v1':
      return view.status === 'scheduled' ? { ...view, status: 'open', openedAt: event.data.openedAt } : view;
    case 'adjudication.AttendanceRecorded.v1': {
      const { unitId, present, recordedAt } = event.data;
      const known = view.attendance.some((a) => a.unitId === unitId);
      const entry = { unitId, present, recordedAt };
      return { ...view, attendance: known ? view.attendance.map((a) => (a.unitId === unitId ? entry : a)) : [...view.attendance, entry] };
    }
    case 'adjudication.OpinionRecorded.v1': {
      const { unitId, opinion, recordedAt } = event.data;
      return item(event.data.caseId, (i) => ({ ...i, opinions: [...i.opinions, { unitId, opinion, recordedAt }] }));
    }
    case 'adjudication.ResolutionAdopted.v1': {
      const { meetingId: _meetingId, caseId, ...resolution } = event.data;
      return item(caseId, (i) => ({ ...i, decision: { kind: 'resolution', ...resolution, supportingUnits: [...resolution.supportingUnits] } }));
    }
    case 'adjudication.CaseDeferred.v1': {
      const { reason, deferredAt } = event.data;
      return item(event.data.caseId, (i) => ({ ...i, decision: { kind: 'deferral', reason, deferredAt } }));
    }
    case 'adjudication.CaseWithdrawnFromAgenda.v1': {
      const { reason, withdrawnAt } = event.data;
      return item(event.data.caseId, (i) => ({ ...i, decision: { kind: 'withdrawn', reason, withdrawnAt } }));
    }
    case 'adjudication.MeetingClosed.v1':
      return view.status === 'open' ? { ...view, status: 'closed', closedAt: event.data.closedAt } : view;
    default:
      return assertNever(event, 'meeting event');
  }
}
