/** The reporter's personal data on the case page, and its erasure (个人信息删除), in Simplified Chinese; spread into messages.zh-CN.ts. */
export const reporterDataZhCN = {
  'reporterData.title': '反映人个人信息',
  'reporterData.masked': '已脱敏显示',
  'reporterData.erased': '已于 {at} 由 {by} 删除。原因：{reason}',
  'reporterData.reason': '删除原因',
  'reporterData.reasonHint': '原因将永久留在案件记录中，请勿填写姓名或电话。',
  'reporterData.reasonNeeded': '请填写删除原因',
  'reporterData.erase': '删除反映人个人信息',
  'reporterData.confirm': '删除后任何人都无法再读取该反映人的姓名和电话，且不可恢复。确定删除？',
  'reporterData.confirmOk': '确定删除',
  'reporterData.cancel': '取消',
  'reporterData.done': '反映人个人信息已删除',
  'timeline.reporterDataErased': '反映人个人信息已删除：{reason}',
  'audit.event.intake.ReporterDataErased.v1': '反映人个人信息已删除',
  'audit.event.intake.PersonalDataAccessed.v1': '反映人个人信息被查阅',
  'reporterData.revealReason': '查阅事由',
  'reporterData.revealHint': '查看完整姓名和电话须填写事由；查阅人、时间和事由将记入审计记录（《个人信息保护法》）。',
  'reporterData.revealReasonNeeded': '请填写查阅事由',
  'reporterData.reveal': '查看完整信息',
  'reporterData.accesses': '个人信息查阅记录',
  'reporterData.accesses.none': '尚无人查阅过完整信息。',
  'reporterData.accesses.at': '时间',
  'reporterData.accesses.by': '查阅人',
  'reporterData.accesses.reason': '事由',
};

export type ReporterDataMessageKey = keyof typeof reporterDataZhCN;
