import type { CaseStatus } from '@whistle/read-models';
import type { EventType, Name, WriteService } from '@whistle/contracts';
import type { Role } from '@whistle/kernel';

/**
 * The words of the printable dossier (可打印案卷), in Simplified Chinese and English. The event,
 * status and role names are the console's (services/console/src/i18n): the console is a browser
 * project the services may not import, so they are kept here too, keyed by the contracts' own
 * types so that a new event type or status is a compile error until it has its words.
 */
export type PageLang = 'zh-CN' | 'en';

export const EVENT_NAMES: Readonly<Record<EventType, Name>> = {
  'intake.CaseReported.v1': { zh: '案件上报', en: 'Case reported' },
  'intake.CaseRouted.v1': { zh: '转交工作站', en: 'Routed to the station' },
  'intake.CaseRejected.v1': { zh: '案件退回', en: 'Case rejected' },
  'intake.CaseLinkedAsDuplicate.v1': { zh: '关联为重复上报', en: 'Linked as a duplicate' },
  'intake.DuplicateLinkOverruled.v1': { zh: '撤销重复关联，作为新案件处理', en: 'Duplicate link overruled: handled as a new case' },
  'intake.CaseWithdrawn.v1': { zh: '案件撤回', en: 'Case withdrawn' },
  'intake.ReporterDataErased.v1': { zh: '反映人个人信息已删除', en: 'Reporter’s personal data erased' },
  'intake.CallbackRecorded.v1': { zh: '回访记录', en: 'Callback recorded' },
  'intake.CaseClosed.v1': { zh: '案件办结', en: 'Case closed' },
  'intake.CaseReopened.v1': { zh: '案件重新打开', en: 'Case reopened' },
  'intake.ReferralUpwardNoted.v1': { zh: '记录上报区级', en: 'Referral to the district noted' },
  'intake.WorkCompletionNoted.v1': { zh: '记录处置完成', en: 'Completion of the work noted' },
  'escalation.TriageOpened.v1': { zh: '进入待吹哨', en: 'Awaiting the whistle' },
  'escalation.TriageReopened.v1': { zh: '重新进入待吹哨', en: 'Awaiting the whistle again' },
  'escalation.WhistleBlown.v1': { zh: '吹哨', en: 'Whistle blown' },
  'escalation.LevelRaised.v1': { zh: '升级', en: 'Level raised' },
  'escalation.LevelLowered.v1': { zh: '降级', en: 'Level lowered' },
  'escalation.ReportInMissed.v1': { zh: '报到超时', en: 'Report-in missed' },
  'escalation.ResponseMissed.v1': { zh: '响应超时', en: 'Response missed' },
  'escalation.TaskProgressNoted.v1': { zh: '记录任务进展', en: 'Task progress noted' },
  'escalation.PublicityNoted.v1': { zh: '记录宣传活动', en: 'Publicity activity noted' },
  'escalation.ActivityOverdue.v1': { zh: '宣传活动超期', en: 'Publicity activity overdue' },
  'escalation.ReferredToJointMeeting.v1': { zh: '提交联席会议', en: 'Referred to the joint meeting' },
  'escalation.ResolutionNoted.v1': { zh: '记录会议决议', en: 'Resolution noted' },
  'escalation.WorkCompleted.v1': { zh: '处置完成', en: 'Work completed' },
  'escalation.WhistleStoodDown.v1': { zh: '停止处置', en: 'Whistle stood down' },
  'enforcement.TaskAssigned.v1': { zh: '派发任务', en: 'Task assigned' },
  'enforcement.TaskReportedIn.v1': { zh: '单位报到', en: 'Unit reported in' },
  'enforcement.TaskAccepted.v1': { zh: '单位接受任务', en: 'Task accepted' },
  'enforcement.TaskDeclined.v1': { zh: '单位拒绝任务', en: 'Task declined' },
  'enforcement.ActionRecorded.v1': { zh: '记录现场处置', en: 'On-site action recorded' },
  'enforcement.OutcomeRecorded.v1': { zh: '记录处置结果', en: 'Outcome recorded' },
  'enforcement.TaskOverdue.v1': { zh: '任务超期', en: 'Task overdue' },
  'enforcement.TaskSuperseded.v1': { zh: '任务被取代', en: 'Task superseded' },
  'enforcement.RectificationCheckDue.v1': { zh: '整改到期待复查', en: 'Rectification check due' },
  'enforcement.PublicityRequested.v1': { zh: '安排宣传活动', en: 'Publicity activity requested' },
  'enforcement.ActivityRecorded.v1': { zh: '记录宣传活动', en: 'Publicity activity recorded' },
  'enforcement.PublicityCancelled.v1': { zh: '取消宣传活动', en: 'Publicity activity cancelled' },
  'adjudication.AdjudicationRequested.v1': { zh: '联席会议受理', en: 'Taken up by the joint meeting' },
  'adjudication.TablingNoted.v1': { zh: '记录列入议程', en: 'Tabling noted' },
  'adjudication.TablingOverdue.v1': { zh: '上会超期', en: 'Tabling overdue' },
  'adjudication.DeferralNoted.v1': { zh: '记录暂缓', en: 'Deferral noted' },
  'adjudication.AdjudicationResolved.v1': { zh: '研判完成（决议）', en: 'Adjudicated by resolution' },
  'adjudication.CaseReferredUpward.v1': { zh: '上报区级', en: 'Referred to the district' },
  'adjudication.AdjudicationWithdrawn.v1': { zh: '撤出联席会议', en: 'Withdrawn from the joint meeting' },
  'adjudication.MeetingScheduled.v1': { zh: '安排会议', en: 'Meeting scheduled' },
  'adjudication.CaseTabled.v1': { zh: '列入议程', en: 'Tabled' },
  'adjudication.CaseWithdrawnFromAgenda.v1': { zh: '撤出议程', en: 'Withdrawn from the agenda' },
  'adjudication.MeetingOpened.v1': { zh: '开会', en: 'Meeting opened' },
  'adjudication.AttendanceRecorded.v1': { zh: '记录出席', en: 'Attendance recorded' },
  'adjudication.OpinionRecorded.v1': { zh: '记录意见', en: 'Opinion recorded' },
  'adjudication.ResolutionAdopted.v1': { zh: '通过决议', en: 'Resolution adopted' },
  'adjudication.CaseDeferred.v1': { zh: '议题暂缓', en: 'Deferred' },
  'adjudication.MeetingClosed.v1': { zh: '散会', en: 'Meeting closed' },
};

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

export const ROLE_NAMES: Readonly<Record<Role, Name>> = {
  reporter: { zh: '上报人', en: 'Reporter' },
  station: { zh: '工作站', en: 'Enforcement station' },
  unit: { zh: '成员单位', en: 'Member unit' },
  office: { zh: '联席会议办公室', en: 'Joint-meeting office' },
  auditor: { zh: '审计', en: 'Auditor' },
  admin: { zh: '管理员', en: 'Administrator' },
  system: { zh: '系统自动', en: 'The system' },
};

export const SERVICE_NAMES: Readonly<Record<WriteService, Name>> = {
  intake: { zh: '受理服务', en: 'Intake' },
  escalation: { zh: '吹哨升级服务', en: 'Escalation' },
  enforcement: { zh: '执法处置服务', en: 'Enforcement' },
  adjudication: { zh: '联席会议服务', en: 'Adjudication' },
};
