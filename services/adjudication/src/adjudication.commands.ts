import { Inject, Injectable } from '@nestjs/common';
import { ContextCommands, commandResponse, httpContext, type CommandResponse, WRITER, type WriterDependencies } from '@whistle/application';
import type { Principal } from '@whistle/auth';
import { streams } from '@whistle/contracts';
import { assertScope } from '@whistle/http';
import {
  adjudicationContext,
  minutesOf,
  pendingCasesOf,
  renderMinutes,
  type CaseAdjudicationState,
  type MeetingCommand,
  type MeetingState,
  type Minutes,
} from '@whistle/adjudication-domain';
import type { AttendanceRequest, OpinionRequest, ResolutionRequest, ScheduleMeetingRequest } from './meeting-commands.request.dto';

type KnownMeeting = Exclude<MeetingState, { status: 'none' }>;

/** A level-4 case waiting for a meeting: what scheduling one now would put on its agenda. */
export interface PendingCase {
  readonly caseId: string;
  readonly units: readonly string[];
  readonly reason: string;
  readonly requestedAt: string;
  readonly tablingDueAt: string;
  readonly overdue: boolean;
  readonly deferrals: number;
}

const MEETINGS = adjudicationContext.aggregates.meeting;

/** The joint meeting's commands (the office's), its record and its minutes (会议纪要). */
@Injectable()
export class AdjudicationCommands extends ContextCommands {
  constructor(@Inject(WRITER) private readonly deps: WriterDependencies) {
    super(deps.runtime, deps.clock);
  }
  async schedule(body: ScheduleMeetingRequest, principal: Principal): Promise<CommandResponse & { agenda: string[] }> {
    const { runtime, ids, clock, catalogue } = this.deps;
    // The agenda is the level-4 cases adjudication has heard of: with After-Position, the one just referred too.
    await this.caughtUp();
    const meetingId = ids.next();
    const now = clock.now();
    const handled = await runtime.run(
      MEETINGS,
      meetingId,
      {
        type: 'ScheduleMeeting',
        meetingId,
        scheduledAt: body.scheduledAt,
        place: body.place,
        invitedUnits: body.invitedUnits,
        pendingCases: pendingCasesOf(runtime.index, catalogue.catalogue),
        knownUnits: this.knownUnits(),
        quorumShare: catalogue.policies.quorumShare,
        now,
      },
      httpContext(principal, now),
    );
    const scheduled = handled.events[0]?.data as { agenda?: string[] } | undefined;
    // A retry under an Idempotency-Key answers with the meeting its first attempt scheduled.
    return { ...commandResponse(MEETINGS.stream.idOf(handled.streamId), handled), agenda: scheduled?.agenda ?? [] };
  }

  /** The cases scheduling a meeting now would table (the same look-up `schedule` makes), the longest waiting first. */
  async pendingCases(): Promise<{ items: PendingCase[] }> {
    const { runtime, catalogue } = this.deps;
    await runtime.index.settled();
    const items = pendingCasesOf(runtime.index, catalogue.catalogue).flatMap((caseId): PendingCase[] => {
      const state = runtime.index.get<CaseAdjudicationState>(streams.adjudication(caseId));
      if (state === undefined || state.status !== 'awaiting_tabling') return [];
      const { units, reason, requestedAt, tablingDueAt, overdue, deferrals } = state;
      return [{ caseId, units, reason, requestedAt, tablingDueAt, overdue, deferrals }];
    });
    return { items: items.sort((a, b) => Date.parse(a.requestedAt) - Date.parse(b.requestedAt) || (a.caseId < b.caseId ? -1 : 1)) };
  }

  open(meetingId: string, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    return this.run(meetingId, principal, ifMatch, (now) => ({ type: 'OpenMeeting', now }));
  }

  attendance(meetingId: string, body: AttendanceRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    return this.run(meetingId, principal, ifMatch, (now) => ({ type: 'RecordAttendance', unitId: body.unitId, present: body.present, now }));
  }

  async opinion(meetingId: string, caseId: string, body: OpinionRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    if (principal.role === 'unit') {
      // A unit speaks for itself, and only at a meeting it was invited to; the office may record any unit's opinion.
      const meeting = await this.existingMeeting(meetingId);
      assertScope(principal, { unitId: meeting.invitedUnits });
      assertScope(principal, { unitId: body.unitId });
    }
    await this.knownCase(meetingId, caseId);
    return this.run(meetingId, principal, ifMatch, (now) => ({ type: 'RecordOpinion', caseId, unitId: body.unitId, opinion: body.opinion, now }));
  }

  async resolution(meetingId: string, caseId: string, body: ResolutionRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse & { resolutionId: string }> {
    await this.knownCase(meetingId, caseId);
    const resolutionId = this.deps.ids.next();
    const response = await this.run(meetingId, principal, ifMatch, (now) => ({
      type: 'AdoptResolution',
      caseId,
      resolutionId,
      leadUnit: body.leadUnit,
      supportingUnits: body.supportingUnits,
      measures: body.measures,
      ...(body.deadline === undefined ? {} : { deadline: body.deadline }),
      defaultDeadline: this.deps.catalogue.deadlines.resolutionTasks,
      calendar: this.deps.calendar,
      knownUnits: this.knownUnits(),
      now,
    }));
    return { ...response, resolutionId: this.minted(response, 'resolutionId', resolutionId) };
  }

  async defer(meetingId: string, caseId: string, reason: string, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    await this.knownCase(meetingId, caseId);
    return this.run(meetingId, principal, ifMatch, (now) => ({ type: 'DeferCase', caseId, reason, now }));
  }

  close(meetingId: string, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    return this.run(meetingId, principal, ifMatch, (now) => ({ type: 'CloseMeeting', now }));
  }

  async meeting(meetingId: string, principal: Principal): Promise<MeetingState & { revision: number }> {
    const state = await this.existingMeeting(meetingId);
    if (principal.role === 'unit') assertScope(principal, { unitId: 'invitedUnits' in state ? state.invitedUnits : [] });
    const { revision } = await this.deps.runtime.load(MEETINGS, meetingId);
    return { ...state, revision };
  }

  async minutes(meetingId: string, lang: 'zh' | 'en'): Promise<{ minutes: Minutes; text: string }> {
    const minutes = minutesOf(await this.existingMeeting(meetingId), (unitId) => this.deps.catalogue.nameOf('units', unitId) ?? { zh: unitId, en: unitId });
    return { minutes, text: renderMinutes(minutes, lang) };
  }

  private async run(meetingId: string, principal: Principal, ifMatch: number | undefined, build: (now: string) => MeetingCommand): Promise<CommandResponse> {
    await this.existingMeeting(meetingId);
    return this.execute(MEETINGS, meetingId, principal, ifMatch, build);
  }

  private existingMeeting(meetingId: string): Promise<KnownMeeting> {
    return this.existing(MEETINGS, meetingId, 'meeting', (s: MeetingState): s is KnownMeeting => s.status !== 'none');
  }

  /**
   * A case adjudication never heard of is unknown (404; not yet known while a referral may still be
   * on its way); one it knows but not on this agenda, the meeting refuses (409).
   */
  private async knownCase(meetingId: string, caseId: string): Promise<void> {
    const meeting = await this.existingMeeting(meetingId);
    if (meeting.agenda.some((item) => item.caseId === caseId)) return;
    await this.learned(() => this.deps.runtime.index.get(streams.adjudication(caseId)), 'case before the joint meeting', caseId);
  }

  private knownUnits(): string[] {
    return this.deps.catalogue.catalogue.units.map((u) => u.id);
  }
}
