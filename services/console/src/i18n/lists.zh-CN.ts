/** The texts of the server-paged lists beside the case lists (the meetings), in Simplified Chinese. */
export const listsZhCN = {
  'meetings.list.total': '共 {total} 次会议',
} as const;
