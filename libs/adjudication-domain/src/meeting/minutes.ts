import { assertNever, refuse } from '@whistle/kernel';
import type { Name } from '@whistle/contracts';
import { NOT_REACHED_AT_MEETING } from './meeting.decide';
import { presentUnits, quorumOf, type AgendaItem, type MeetingState } from './meeting.state';

/** 会议纪要: what a meeting decided, as a structured record read off its state. */
export interface MinutesUnit {
  readonly unitId: string;
  readonly name: Name;
}

export type MinutesDecision =
  | {
      readonly kind: 'resolution';
      readonly resolutionId: string;
      readonly lead: MinutesUnit;
      readonly supporting: readonly MinutesUnit[];
      readonly measures: string;
      readonly deadline: string;
      readonly adoptedAt: string;
    }
  | { readonly kind: 'deferral'; readonly reason: string; readonly deferredAt: string }
  /** The case left adjudication before the meeting decided it (lowered from level 4, withdrawn, closed). */
  | { readonly kind: 'withdrawn'; readonly reason: string; readonly withdrawnAt: string }
  | { readonly kind: 'undecided' };

export interface MinutesItem {
  readonly caseId: string;
  readonly opinions: readonly { readonly unit: MinutesUnit; readonly opinion: string; readonly recordedAt: string }[];
  readonly decision: MinutesDecision;
}

export interface Minutes {
  readonly meetingId: string;
  readonly status: 'scheduled' | 'open' | 'closed';
  readonly scheduledAt: string;
  readonly place: string;
  readonly openedAt: string | null;
  readonly closedAt: string | null;
  readonly invited: readonly MinutesUnit[];
  readonly present: readonly MinutesUnit[];
  readonly absent: readonly MinutesUnit[];
  readonly quorum: { readonly invited: number; readonly present: number; readonly required: number; readonly reached: boolean };
  readonly items: readonly MinutesItem[];
}

/** Without a catalogue the unit's id stands in for its name. */
const idAsName = (unitId: string): Name => ({ zh: unitId, en: unitId });

export function minutesOf(state: MeetingState, names: (unitId: string) => Name = idAsName): Minutes {
  if (state.status === 'none') refuse('meeting.not_scheduled', 'there are no minutes: the meeting was never scheduled');
  const unit = (unitId: string): MinutesUnit => ({ unitId, name: names(unitId) });
  const present = presentUnits(state);
  const { invited, required } = quorumOf(state);
  return {
    meetingId: state.meetingId,
    status: state.status,
    scheduledAt: state.scheduledAt,
    place: state.place,
    openedAt: state.openedAt,
    closedAt: state.closedAt,
    invited: state.invitedUnits.map(unit),
    present: state.invitedUnits.filter((u) => present.includes(u)).map(unit),
    absent: state.invitedUnits.filter((u) => !present.includes(u)).map(unit),
    quorum: { invited, present: present.length, required, reached: present.length >= required },
    items: state.agenda.map((item) => ({
      caseId: item.caseId,
      opinions: item.opinions.map((o) => ({ unit: unit(o.unitId), opinion: o.opinion, recordedAt: o.recordedAt })),
      decision: decisionOf(item, unit),
    })),
  };
}

function decisionOf({ decision, withdrawal }: AgendaItem, unit: (unitId: string) => MinutesUnit): MinutesDecision {
  if (withdrawal !== null) return { kind: 'withdrawn', reason: withdrawal.reason, withdrawnAt: withdrawal.withdrawnAt };
  if (decision === null) return { kind: 'undecided' };
  if (decision.kind === 'deferral') return decision;
  return {
    kind: 'resolution',
    resolutionId: decision.resolutionId,
    lead: unit(decision.leadUnit),
    supporting: decision.supportingUnits.map(unit),
    measures: decision.measures,
    deadline: decision.deadline,
    adoptedAt: decision.adoptedAt,
  };
}

type Lang = 'zh' | 'en';

const LABELS = {
  zh: {
    title: '会议纪要',
    meeting: '联席会议',
    time: '时间',
    place: '地点',
    opened: '开会',
    closed: '散会',
    invited: '应到单位',
    present: '实到单位',
    absent: '缺席单位',
    quorum: '法定人数',
    reached: (p: number, r: number) => `已达到（实到 ${p}，至少需 ${r}）`,
    notReached: (p: number, r: number) => `未达到（实到 ${p}，至少需 ${r}）`,
    item: (n: number, caseId: string) => `议题${n}：案件 ${caseId}`,
    opinions: '意见',
    noOpinions: '无',
    resolution: '决议',
    lead: '牵头单位',
    supporting: '配合单位',
    measures: '措施',
    deadline: '期限',
    deferred: '暂缓',
    withdrawn: '撤回议程',
    undecided: '未决',
    notReachedAtMeeting: '会上未议',
    none: '无',
    colon: '：',
    separator: '、',
    counted: (label: string, n: number) => `${label}（${n}）`,
  },
  en: {
    title: 'Minutes',
    meeting: 'Joint meeting',
    time: 'Time',
    place: 'Place',
    opened: 'Opened',
    closed: 'Closed',
    invited: 'Invited units',
    present: 'Units present',
    absent: 'Units absent',
    quorum: 'Quorum',
    reached: (p: number, r: number) => `reached (${p} present, at least ${r} needed)`,
    notReached: (p: number, r: number) => `not reached (${p} present, at least ${r} needed)`,
    item: (n: number, caseId: string) => `Item ${n}: case ${caseId}`,
    opinions: 'Opinions',
    noOpinions: 'none',
    resolution: 'Resolution',
    lead: 'Lead unit',
    supporting: 'Supporting units',
    measures: 'Measures',
    deadline: 'Deadline',
    deferred: 'Deferred',
    withdrawn: 'Withdrawn from the agenda',
    undecided: 'Undecided',
    notReachedAtMeeting: 'not reached at the meeting',
    none: 'none',
    colon: ': ',
    separator: ', ',
    counted: (label: string, n: number) => `${label} (${n})`,
  },
} as const;

/** The minutes as a plain-text document, in Simplified Chinese unless English is asked for. */
export function renderMinutes(minutes: Minutes, lang: Lang = 'zh'): string {
  const t = LABELS[lang];
  const line = (label: string, value: string) => `${label}${t.colon}${value}`;
  const units = (list: readonly MinutesUnit[]) => (list.length === 0 ? t.none : list.map((u) => u.name[lang]).join(t.separator));
  const { quorum } = minutes;
  const lines = [
    t.title,
    `${t.meeting} ${minutes.meetingId}`,
    line(t.time, minutes.scheduledAt),
    line(t.place, minutes.place),
    ...(minutes.openedAt === null ? [] : [line(t.opened, minutes.openedAt)]),
    ...(minutes.closedAt === null ? [] : [line(t.closed, minutes.closedAt)]),
    line(t.counted(t.invited, minutes.invited.length), units(minutes.invited)),
    line(t.counted(t.present, minutes.present.length), units(minutes.present)),
    line(t.counted(t.absent, minutes.absent.length), units(minutes.absent)),
    line(t.quorum, quorum.reached ? t.reached(quorum.present, quorum.required) : t.notReached(quorum.present, quorum.required)),
  ];
  minutes.items.forEach((item, i) => {
    lines.push('', t.item(i + 1, item.caseId));
    lines.push(`  ${line(t.opinions, item.opinions.length === 0 ? t.noOpinions : '')}`.trimEnd());
    for (const o of item.opinions) lines.push(`    ${line(o.unit.name[lang], o.opinion)}`);
    lines.push(...decisionLines(item.decision, lang, line, units));
  });
  return `${lines.join('\n')}\n`;
}

function decisionLines(
  decision: MinutesDecision,
  lang: Lang,
  line: (label: string, value: string) => string,
  units: (list: readonly MinutesUnit[]) => string,
): string[] {
  const t = LABELS[lang];
  switch (decision.kind) {
    case 'resolution':
      return [
        `  ${line(t.resolution, decision.resolutionId)}`,
        `    ${line(t.lead, decision.lead.name[lang])}`,
        `    ${line(t.supporting, units(decision.supporting))}`,
        `    ${line(t.measures, decision.measures)}`,
        `    ${line(t.deadline, decision.deadline)}`,
      ];
    case 'deferral':
      return [`  ${line(t.deferred, decision.reason === NOT_REACHED_AT_MEETING ? t.notReachedAtMeeting : decision.reason)}`];
    case 'withdrawn':
      return [`  ${line(t.withdrawn, decision.reason)}`];
    case 'undecided':
      return [`  ${t.undecided}`];
    default:
      return assertNever(decision, 'minutes decision');
  }
}
