import type { LevelChangeTrigger, Name } from '@whistle/contracts';
import type { AdjudicationView, CaseStatus, MeetingStatus, NoticeView } from '@whistle/read-models';

/**
 * The words of the weekly bulletin (每周工作信息), its page and its workbook, in Simplified
 * Chinese and English. The status names are the console's and the printable dossier's (a service
 * may import neither), keyed by the read side's own types so that a new status is a compile
 * error until it has its words.
 */
export const STATUS_NAMES: Readonly<Record<CaseStatus, Name>> = {
  reported: { zh: '已上报', en: 'Reported' },
  triaged: { zh: '待吹哨', en: 'Awaiting whistle' },
  whistled: { zh: '已吹哨', en: 'Whistle blown' },
  in_progress: { zh: '处置中', en: 'In progress' },
  adjudicating: { zh: '联席会议研判中', en: 'With the joint meeting' },
  resolved: { zh: '已解决', en: 'Resolved' },
  closed: { zh: '已办结', en: 'Closed' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  rejected: { zh: '已退回', en: 'Rejected' },
  duplicate: { zh: '重复上报', en: 'Duplicate' },
  referred_upward: { zh: '已上报区级', en: 'Referred to the district' },
  reopened: { zh: '已重新打开', en: 'Reopened' },
};

export const TRIGGER_NAMES: Readonly<Record<LevelChangeTrigger, Name>> = {
  station: { zh: '工作站调整', en: 'By the station' },
  office: { zh: '联席办调整', en: 'By the office' },
  persuasion_failed: { zh: '劝导无效', en: 'Persuasion failed' },
  all_declined: { zh: '部门均拒绝', en: 'Every unit declined' },
  joint_action_needed: { zh: '需联合执法', en: 'Joint action needed' },
  deadline_missed: { zh: '报到超时', en: 'Report-in deadline missed' },
};

export const MEETING_STATUS_NAMES: Readonly<Record<MeetingStatus, Name>> = {
  scheduled: { zh: '已安排', en: 'Scheduled' },
  open: { zh: '进行中', en: 'In session' },
  closed: { zh: '已散会', en: 'Closed' },
};

export const ADJUDICATION_NAMES: Readonly<Record<NonNullable<AdjudicationView['status']>, Name>> = {
  awaiting_tabling: { zh: '待上会', en: 'Awaiting tabling' },
  tabled: { zh: '已列入议程', en: 'Tabled' },
  resolved: { zh: '已形成决议', en: 'Resolved' },
  referred_upward: { zh: '已上报区级', en: 'Referred to the district' },
  withdrawn: { zh: '已撤出', en: 'Withdrawn' },
};

export const NOTICE_KIND_NAMES: Readonly<Record<NoticeView['kind'], Name>> = {
  results: { zh: '测评结果', en: 'Results' },
  correction: { zh: '更正', en: 'Correction' },
};

export const DECISION_NAMES: Readonly<Record<'resolution' | 'deferred', Name>> = {
  resolution: { zh: '形成决议', en: 'Resolution' },
  deferred: { zh: '暂缓', en: 'Deferred' },
};

/** The sheets of the workbook, which are also the sections of the page. */
export const SHEET_NAMES = {
  summary: { zh: '概况', en: 'Summary' },
  cases: { zh: '案件', en: 'Cases' },
  level4: { zh: '四级案件', en: 'Level 4' },
  meetings: { zh: '联席会议', en: 'Meetings' },
  notices: { zh: '通报', en: 'Notices' },
} as const satisfies Readonly<Record<string, Name>>;

export const BULLETIN_WORDS = {
  title: { zh: '每周工作信息', en: 'Weekly bulletin' },
  week: { zh: '周次', en: 'Week' },
  from: { zh: '起', en: 'From' },
  to: { zh: '止', en: 'To' },
  generatedAt: { zh: '生成时间', en: 'Generated at' },
  beijing: { zh: '时间均为北京时间（UTC+8）。', en: 'Times are Beijing time (UTC+8).' },
  none: { zh: '无', en: 'None' },
  item: { zh: '项目', en: 'Item' },
  value: { zh: '数值', en: 'Value' },
  basis: { zh: '依据', en: 'Basis' },
  reported: { zh: '本周上报案件', en: 'Cases reported' },
  responseRate: { zh: '响应率', en: 'Response rate' },
  resolutionRate: { zh: '解决率', en: 'Resolution rate' },
  satisfactionRate: { zh: '满意率', en: 'Satisfaction rate' },
  reportInsMissed: { zh: '报到超时', en: 'Report-ins missed' },
  tasksOverdue: { zh: '任务超期', en: 'Tasks overdue' },
  activitiesOverdue: { zh: '宣传活动超期', en: 'Activities overdue' },
  tablingsOverdue: { zh: '上会超期', en: 'Tablings overdue' },
  declineEscalations: { zh: '拒绝导致升级', en: 'Escalations by declines' },
  raised: { zh: '升级', en: 'Level raised' },
  breakdown: { zh: '分类', en: 'Breakdown' },
  cases: { zh: '件数', en: 'Cases' },
  level: { zh: '级别', en: 'Level' },
  status: { zh: '状态', en: 'Status' },
  caseId: { zh: '案件编号', en: 'Case' },
  compound: { zh: '小区', en: 'Compound' },
  category: { zh: '类别', en: 'Category' },
  adjudication: { zh: '研判状态', en: 'Adjudication' },
  meetingId: { zh: '会议编号', en: 'Meeting' },
  scheduledAt: { zh: '召开时间', en: 'Scheduled at' },
  meetingStatus: { zh: '会议状态', en: 'Meeting status' },
  decision: { zh: '决定', en: 'Decision' },
  leadUnit: { zh: '牵头单位', en: 'Lead unit' },
  supportingUnits: { zh: '配合单位', en: 'Supporting units' },
  measures: { zh: '措施', en: 'Measures' },
  deadline: { zh: '期限', en: 'Deadline' },
  reason: { zh: '暂缓理由', en: 'Reason deferred' },
  publicationId: { zh: '通报编号', en: 'Notice' },
  quarter: { zh: '季度', en: 'Quarter' },
  kind: { zh: '类型', en: 'Kind' },
  noticeTitle: { zh: '标题', en: 'Title' },
  red: { zh: '红榜企业数', en: 'Red list' },
  black: { zh: '黑榜企业数', en: 'Black list' },
  contentSha256: { zh: '内容哈希（SHA-256）', en: 'Content hash (SHA-256)' },
} as const satisfies Readonly<Record<string, Name>>;

/** Level n in words: 一级 … 四级, Level 1 … Level 4. */
export const levelName = (level: number): Name => ({ zh: `${'一二三四'.charAt(level - 1) || String(level)}级`, en: `Level ${String(level)}` });
