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
};

export type ReporterDataMessageKey = keyof typeof reporterDataZhCN;
