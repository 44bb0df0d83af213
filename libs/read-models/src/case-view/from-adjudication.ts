import { assertNever } from '@whistle/kernel';
import type { CaseAdjudicationEvent, MeetingEvent } from '@whistle/contracts';
import type { AdjudicationView, AgendaEntryView, CaseView, ResolutionView } from './case-view';
import { compareText, withLapse } from './view-lists';

const NOT_REQUESTED: AdjudicationView = {
  status: null,
  units: [],
  requestedAt: null,
  tablingDueAt: null,
  tablingOverdue: false,
  meetingId: null,
  deferrals: 0,
  resolution: null,
  referredUpwardAt: null,
  withdrawnAt: null,
  meetings: [],
};

/** What adjudication (裁决) says in the case's own stream: its way to and through the meetings. */
export function fromCaseAdjudication(view: CaseView, event: CaseAdjudicationEvent): CaseView {
  const adjudication = view.adjudication ?? NOT_REQUESTED;
  const set = (change: Partial<AdjudicationView>): CaseView => ({ ...view, adjudication: { ...adjudication, ...change } });
  switch (event.type) {
    case 'adjudication.AdjudicationRequested.v1': {
      const { units, tablingDueAt, requestedAt } = event.data;
      // A new request starts a new wait for tabling; deferrals count over the whole case.
      return set({ status: 'awaiting_tabling', units: [...units], requestedAt, tablingDueAt, tablingOverdue: false, meetingId: null, withdrawnAt: null });
    }
    case 'adjudication.TablingNoted.v1':
      return set({ status: 'tabled', meetingId: event.data.meetingId });
    case 'adjudication.TablingOverdue.v1': {
      const { dueAt, overdueAt } = event.data;
      return { ...set({ tablingOverdue: true }), lapses: withLapse(view.lapses, { kind: 'tabling_overdue', dueAt, at: overdueAt }) };
    }
    case 'adjudication.DeferralNoted.v1':
      // Back to waiting for a meeting, with a new tabling deadline.
      return set({ status: 'awaiting_tabling', deferrals: event.data.deferrals, meetingId: null, tablingDueAt: event.data.tablingDueAt, tablingOverdue: false });
    case 'adjudication.AdjudicationResolved.v1':
      return set({ status: 'resolved', meetingId: event.data.meetingId });
    case 'adjudication.CaseReferredUpward.v1':
      return set({ status: 'referred_upward', deferrals: event.data.deferrals, referredUpwardAt: event.data.referredAt });
    case 'adjudication.AdjudicationWithdrawn.v1':
      return set({ status: 'withdrawn', withdrawnAt: event.data.withdrawnAt });
    default:
      return assertNever(event, 'case adjudication event');
  }
}

/**
 * What a joint meeting says of the case: its place on the agenda, the units' opinions
 * and the decision. `at` is the event's occurredAt: MeetingScheduled names no time of tabling.
 */
export function fromMeeting(view: CaseView, event: MeetingEvent, at: string): CaseView {
  const adjudication = view.adjudication ?? NOT_REQUESTED;
  const entries = adjudication.meetings;
  const withEntries = (meetings: AgendaEntryView[]): CaseView => ({
    ...view,
    adjudication: { ...adjudication, meetings, resolution: latestResolution(meetings) },
  });
  const addEntry = (meetingId: string, tabledAt: string): CaseView =>
    entries.some((e) => e.meetingId === meetingId) ? view : withEntries(sorted([...entries, { meetingId, tabledAt, opinions: [], decision: null }]));
  const change = (meetingId: string, update: (entry: AgendaEntryView) => AgendaEntryView): CaseView =>
    withEntries(entries.map((e) => (e.meetingId === meetingId ? update(e) : e)));
  switch (event.type) {
    case 'adjudication.MeetingScheduled.v1':
      return addEntry(event.data.meetingId, at);
    case 'adjudication.CaseTabled.v1':
      return addEntry(event.data.meetingId, event.data.tabledAt);
    case 'adjudication.OpinionRecorded.v1': {
      const { meetingId, unitId, opinion, recordedAt } = event.data;
      return change(meetingId, (e) => ({ ...e, opinions: [...e.opinions, { unitId, opinion, at: recordedAt }] }));
    }
    case 'adjudication.ResolutionAdopted.v1': {
      const { meetingId, resolutionId, leadUnit, supportingUnits, measures, deadline, adoptedAt } = event.data;
      const resolution: ResolutionView = { meetingId, resolutionId, leadUnit, supportingUnits: [...supportingUnits], measures, deadline, adoptedAt };
      return change(meetingId, (e) => ({ ...e, decision: { kind: 'resolution', ...resolution } }));
    }
    case 'adjudication.CaseDeferred.v1': {
      const { meetingId, reason, deferredAt } = event.data;
      return change(meetingId, (e) => ({ ...e, decision: { kind: 'deferral', reason, at: deferredAt } }));
    }
    case 'adjudication.CaseWithdrawnFromAgenda.v1': {
      const { meetingId, reason, withdrawnAt } = event.data;
      return change(meetingId, (e) => ({ ...e, decision: { kind: 'withdrawn', reason, at: withdrawnAt } }));
    }
    case 'adjudication.MeetingOpened.v1':
    case 'adjudication.AttendanceRecorded.v1':
    case 'adjudication.MeetingClosed.v1':
      return view;
    default:
      return assertNever(event, 'meeting event');
  }
}

function sorted(entries: AgendaEntryView[]): AgendaEntryView[] {
  return entries.sort((a, b) => Date.parse(a.tabledAt) - Date.parse(b.tabledAt) || compareText(a.meetingId, b.meetingId));
}

function latestResolution(entries: readonly AgendaEntryView[]): ResolutionView | null {
  let latest: ResolutionView | null = null;
  for (const { decision } of entries) {
    if (decision?.kind !== 'resolution') continue;
    const { kind: _kind, ...resolution } = decision;
    if (!latest || Date.parse(resolution.adoptedAt) >= Date.parse(latest.adoptedAt)) latest = resolution;
  }
  return latest;
}
