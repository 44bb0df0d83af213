import { Inject, Injectable } from '@nestjs/common';
import { commandResponse, httpContext, type CommandResponse } from '@whistle/application';
import type { Principal } from '@whistle/auth';
import { streams } from '@whistle/contracts';
import { NotFound, assertScope } from '@whistle/http';
import {
  adjudicationLookupsFor,
  meetingDecider,
  minutesOf,
  renderMinutes,
  type CaseAdjudicationState,
  type MeetingCommand,
  type MeetingState,
  type Minutes,
} from '@whistle/adjudication-domain';
import { ADJUDICATION, type AdjudicationDependencies } from './adjudication.dependencies';
import type { AttendanceRequest, OpinionRequest, ResolutionRequest, ScheduleMeetingRequest } from './meeting-commands.request.dto';

/** The joint meeting's commands (the office's), its record and its minutes (会议纪要). */
@Injectable()
export class AdjudicationCommands {
  constructor(@Inject(ADJUDICATION) private readonly deps: AdjudicationDependencies) {}

  async schedule(body: ScheduleMeetingRequest, principal: Principal): Promise<CommandResponse & { agenda: string[] }> {
    const { runtime, ids, clock, catalogue } = this.deps;
    await runtime.index.settled();
    const meetingId = ids.next();
    const now = clock.now();
    const handled = await runtime.loop.run(
      meetingDecider,
      streams.meeting(meetingId),
      {
        type: 'ScheduleMeeting',
        meetingId,
        scheduledAt: body.scheduledAt,
        place: body.place,
        invitedUnits: body.invitedUnits,
        pendingCases: this.pendingCases(),
        knownUnits: this.knownUnits(),
        quorumShare: catalogue.policies.quorumShare,
        now,
      },
      httpContext(principal, now),
    );
    const scheduled = handled.events[0]?.data as { agenda?: string[] } | undefined;
    return { ...commandResponse(meetingId, handled), agenda: scheduled?.agenda ?? [] };
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
      const meeting = await this.existing(meetingId);
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
      knownUnits: this.knownUnits(),
      now,
    }));
    return { ...response, resolutionId };
  }

  async defer(meetingId: string, caseId: string, reason: string, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    await this.knownCase(meetingId, caseId);
    return this.run(meetingId, principal, ifMatch, (now) => ({ type: 'DeferCase', caseId, reason, now }));
  }

  close(meetingId: string, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    return this.run(meetingId, principal, ifMatch, (now) => ({ type: 'CloseMeeting', now }));
  }

  async meeting(meetingId: string, principal: Principal): Promise<MeetingState & { revision: number }> {
    const state = await this.existing(meetingId);
    if (principal.role === 'unit') assertScope(principal, { unitId: 'invitedUnits' in state ? state.invitedUnits : [] });
    const { revision } = await this.deps.runtime.loop.load(meetingDecider, streams.meeting(meetingId));
    return { ...state, revision };
  }

  async minutes(meetingId: string, lang: 'zh' | 'en'): Promise<{ minutes: Minutes; text: string }> {
    const minutes = minutesOf(await this.existing(meetingId), (unitId) => this.deps.catalogue.unit(unitId)?.name ?? { zh: unitId, en: unitId });
    return { minutes, text: renderMinutes(minutes, lang) };
  }

  private async run(meetingId: string, principal: Principal, ifMatch: number | undefined, build: (now: string) => MeetingCommand): Promise<CommandResponse> {
    await this.existing(meetingId);
    const now = this.deps.clock.now();
    const handled = await this.deps.runtime.loop.run(meetingDecider, streams.meeting(meetingId), build(now), httpContext(principal, now, ifMatch));
    return commandResponse(meetingId, handled);
  }

  private async existing(meetingId: string): Promise<Exclude<MeetingState, { status: 'none' }>> {
    await this.deps.runtime.index.settled();
    const state = this.deps.runtime.index.get<MeetingState>(streams.meeting(meetingId));
    if (!state || state.status === 'none') throw new NotFound('meeting', meetingId);
    return state;
  }

  /** A case adjudication never heard of is unknown (404); one it knows but not on this agenda, the meeting refuses (409). */
  private async knownCase(meetingId: string, caseId: string): Promise<void> {
    const meeting = await this.existing(meetingId);
    const onAgenda = meeting.agenda.some((item) => item.caseId === caseId);
    if (!onAgenda && !this.deps.runtime.index.get(streams.adjudication(caseId))) throw new NotFound('case before the joint meeting', caseId);
  }

  /** Level-4 cases waiting to be tabled and on no agenda yet. */
  private pendingCases(): string[] {
    const meetings = [...this.deps.runtime.index.entries<MeetingState>('meeting-')].map(([id, state]) => [id.slice('meeting-'.length), state] as const);
    const policy = { maxDeferrals: this.deps.catalogue.policies.maxDeferrals, tablingWindow: this.deps.catalogue.deadlines.tabling };
    const pending: string[] = [];
    for (const [, state] of this.deps.runtime.index.entries<CaseAdjudicationState>('adjudication-')) {
      if (state.status !== 'awaiting_tabling') continue;
      if (adjudicationLookupsFor(state.caseId, meetings, policy, state).tabledAt === undefined) pending.push(state.caseId);
    }
    return pending;
  }

  private knownUnits(): string[] {
    return this.deps.catalogue.catalogue.units.map((u) => u.id);
  }
}
