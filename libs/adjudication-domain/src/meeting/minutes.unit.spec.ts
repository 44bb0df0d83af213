import { CommandRefused, fold } from '@whistle/kernel';
import type { MeetingEvent, Name } from '@whistle/contracts';
import { meetingDecider, NOT_REACHED_AT_MEETING } from './meeting.decide';
import { minutesOf, renderMinutes } from './minutes';

const at = (time: string) => `2026-11-28T${time}:00.000Z`;
const NAMES: Record<string, Name> = {
  chengguan: { zh: '城管', en: 'Urban Management' },
  zhujian: { zh: '住建', en: 'Housing and Construction' },
  guihua: { zh: '自然资源规划', en: 'Natural Resources and Planning' },
  gongan: { zh: '公安', en: 'Public Security' },
  sifa: { zh: '司法', en: 'Justice' },
};
const names = (unitId: string): Name => NAMES[unitId] ?? { zh: unitId, en: unitId };

const history: MeetingEvent[] = [
  {
    type: 'adjudication.MeetingScheduled.v1',
    data: {
      meetingId: 'm-1',
      scheduledAt: at('02:00'),
      place: '镇政府三楼会议室',
      invitedUnits: ['chengguan', 'zhujian', 'guihua', 'gongan', 'sifa'],
      agenda: ['case-1', 'case-2'],
      quorumShare: 0.5,
    },
  },
  { type: 'adjudication.MeetingOpened.v1', data: { meetingId: 'm-1', openedAt: at('02:05') } },
  ...['chengguan', 'zhujian', 'guihua'].map(
    (unitId): MeetingEvent => ({ type: 'adjudication.AttendanceRecorded.v1', data: { meetingId: 'm-1', unitId, present: true, recordedAt: at('02:05') } }),
  ),
  { type: 'adjudication.AttendanceRecorded.v1', data: { meetingId: 'm-1', unitId: 'sifa', present: false, recordedAt: at('02:05') } },
  {
    type: 'adjudication.OpinionRecorded.v1',
    data: { meetingId: 'm-1', caseId: 'case-1', unitId: 'zhujian', opinion: '该搭建未取得规划许可', recordedAt: at('02:20') },
  },
  {
    type: 'adjudication.ResolutionAdopted.v1',
    data: {
      meetingId: 'm-1',
      caseId: 'case-1',
      resolutionId: 'r-1',
      leadUnit: 'chengguan',
      supportingUnits: ['zhujian', 'guihua'],
      measures: '限期自行拆除，逾期依法强制拆除',
      deadline: '2026-12-31T00:00:00.000Z',
      quorum: { invited: 5, present: 3, required: 3 },
      adoptedAt: at('02:30'),
    },
  },
];
const closing: MeetingEvent[] = [
  { type: 'adjudication.CaseDeferred.v1', data: { meetingId: 'm-1', caseId: 'case-2', reason: NOT_REACHED_AT_MEETING, deferredAt: at('03:00') } },
  { type: 'adjudication.MeetingClosed.v1', data: { meetingId: 'm-1', closedAt: at('03:00') } },
];
const stateOf = (events: MeetingEvent[]) => fold(meetingDecider, events);

describe('minutesOf', () => {
  it('gives time, place, times, attendance, quorum and each case with its opinions and decision', () => {
    const zhujian = { unitId: 'zhujian', name: NAMES['zhujian'] };
    expect(minutesOf(stateOf([...history, ...closing]), names)).toEqual({
      meetingId: 'm-1',
      status: 'closed',
      scheduledAt: at('02:00'),
      place: '镇政府三楼会议室',
      openedAt: at('02:05'),
      closedAt: at('03:00'),
      invited: ['chengguan', 'zhujian', 'guihua', 'gongan', 'sifa'].map((unitId) => ({ unitId, name: names(unitId) })),
      present: ['chengguan', 'zhujian', 'guihua'].map((unitId) => ({ unitId, name: names(unitId) })),
      absent: ['gongan', 'sifa'].map((unitId) => ({ unitId, name: names(unitId) })),
      quorum: { invited: 5, present: 3, required: 3, reached: true },
      items: [
        {
          caseId: 'case-1',
          opinions: [{ unit: zhujian, opinion: '该搭建未取得规划许可', recordedAt: at('02:20') }],
          decision: {
            kind: 'resolution',
            resolutionId: 'r-1',
            lead: { unitId: 'chengguan', name: NAMES['chengguan'] },
            supporting: [zhujian, { unitId: 'guihua', name: NAMES['guihua'] }],
            measures: '限期自行拆除，逾期依法强制拆除',
            deadline: '2026-12-31T00:00:00.000Z',
            adoptedAt: at('02:30'),
          },
        },
        { caseId: 'case-2', opinions: [], decision: { kind: 'deferral', reason: NOT_REACHED_AT_MEETING, deferredAt: at('03:00') } },
      ],
    });
  });

  it('shows a case still undecided while the meeting is open', () => {
    const minutes = minutesOf(stateOf(history), names);
    expect(minutes.status).toBe('open');
    expect(minutes.closedAt).toBeNull();
    expect(minutes.items[1]).toEqual({ caseId: 'case-2', opinions: [], decision: { kind: 'undecided' } });
  });

  it('says when the quorum is not reached', () => {
    expect(minutesOf(stateOf(history.slice(0, 4)), names).quorum).toEqual({ invited: 5, present: 2, required: 3, reached: false });
  });

  it('names units by their id when no names are given', () => {
    expect(minutesOf(stateOf(history)).present[0]).toEqual({ unitId: 'chengguan', name: { zh: 'chengguan', en: 'chengguan' } });
  });

  it('refuses the minutes of a meeting never scheduled', () => {
    const refusal = (() => {
      try {
        return minutesOf(meetingDecider.initialState);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(CommandRefused);
    expect(refusal).toMatchObject({ code: 'meeting.not_scheduled', message: 'there are no minutes: the meeting was never scheduled' });
  });
});

describe('a case withdrawn from the agenda', () => {
  const withdrawal: MeetingEvent = {
    type: 'adjudication.CaseWithdrawnFromAgenda.v1',
    data: { meetingId: 'm-1', caseId: 'case-2', reason: '降为三级：业主已自行拆除', withdrawnAt: at('02:40') },
  };
  const minutes = minutesOf(stateOf([...history, withdrawal, { type: 'adjudication.MeetingClosed.v1', data: { meetingId: 'm-1', closedAt: at('03:00') } }]), names);

  it('is shown as withdrawn, with the reason, not as deferred', () => {
    expect(minutes.items[1]).toEqual({
      caseId: 'case-2',
      opinions: [],
      decision: { kind: 'withdrawn', reason: '降为三级：业主已自行拆除', withdrawnAt: at('02:40') },
    });
  });

  it('is written as 撤回议程 in Chinese', () => {
    expect(renderMinutes(minutes)).toContain('议题2：案件 case-2\n  意见：无\n  撤回议程：降为三级：业主已自行拆除\n');
  });

  it('is written as "withdrawn from the agenda" in English', () => {
    expect(renderMinutes(minutes, 'en')).toContain('Item 2: case case-2\n  Opinions: none\n  Withdrawn from the agenda: 降为三级：业主已自行拆除\n');
  });
});

describe('renderMinutes', () => {
  const minutes = minutesOf(stateOf([...history, ...closing]), names);

  it('writes the minutes in Simplified Chinese by default', () => {
    expect(renderMinutes(minutes)).toBe(
      [
        '会议纪要',
        '联席会议 m-1',
        '时间：2026-11-28T02:00:00.000Z',
        '地点：镇政府三楼会议室',
        '开会：2026-11-28T02:05:00.000Z',
        '散会：2026-11-28T03:00:00.000Z',
        '应到单位（5）：城管、住建、自然资源规划、公安、司法',
        '实到单位（3）：城管、住建、自然资源规划',
        '缺席单位（2）：公安、司法',
        '法定人数：已达到（实到 3，至少需 3）',
        '',
        '议题1：案件 case-1',
        '  意见：',
        '    住建：该搭建未取得规划许可',
        '  决议：r-1',
        '    牵头单位：城管',
        '    配合单位：住建、自然资源规划',
        '    措施：限期自行拆除，逾期依法强制拆除',
        '    期限：2026-12-31T00:00:00.000Z',
        '',
        '议题2：案件 case-2',
        '  意见：无',
        '  暂缓：会上未议',
        '',
      ].join('\n'),
    );
  });

  it('writes them in English when asked', () => {
    expect(renderMinutes(minutes, 'en')).toBe(
      [
        'Minutes',
        'Joint meeting m-1',
        'Time: 2026-11-28T02:00:00.000Z',
        'Place: 镇政府三楼会议室',
        'Opened: 2026-11-28T02:05:00.000Z',
        'Closed: 2026-11-28T03:00:00.000Z',
        'Invited units (5): Urban Management, Housing and Construction, Natural Resources and Planning, Public Security, Justice',
        'Units present (3): Urban Management, Housing and Construction, Natural Resources and Planning',
        'Units absent (2): Public Security, Justice',
        'Quorum: reached (3 present, at least 3 needed)',
        '',
        'Item 1: case case-1',
        '  Opinions:',
        '    Housing and Construction: 该搭建未取得规划许可',
        '  Resolution: r-1',
        '    Lead unit: Urban Management',
        '    Supporting units: Housing and Construction, Natural Resources and Planning',
        '    Measures: 限期自行拆除，逾期依法强制拆除',
        '    Deadline: 2026-12-31T00:00:00.000Z',
        '',
        'Item 2: case case-2',
        '  Opinions: none',
        '  Deferred: not reached at the meeting',
        '',
      ].join('\n'),
    );
  });

  it('shows an open meeting without closing time, its quorum not reached and a case undecided', () => {
    const text = renderMinutes(minutesOf(stateOf(history.slice(0, 4)), names));
    expect(text).not.toContain('散会');
    expect(text).toContain('法定人数：未达到（实到 2，至少需 3）');
    expect(text).toContain('议题2：案件 case-2\n  意见：无\n  未决\n');
  });
});
