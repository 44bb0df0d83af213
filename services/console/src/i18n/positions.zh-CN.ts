/** The texts of positions and live updates (不必手动刷新), in Simplified Chinese. */
export const positionsZhCN = {
  'refusal.not_yet_known': '系统还在同步刚发生的变化，暂时找不到这条记录',
  'refusal.not_yet_known.action': '请稍候几秒再试；您填写的内容都还在。',
  'refusal.position_not_reached': '系统还在同步您刚才的操作，暂时无法显示最新结果',
  'refusal.position_not_reached.action': '请稍候几秒，再点击“重试”。',
  'live.connecting': '正在连接实时更新…',
  'live.live': '实时更新中',
  'live.lost': '实时更新已断开，正在重新连接…',
} as const;
