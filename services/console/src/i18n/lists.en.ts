import type { listsZhCN } from './lists.zh-CN';

/** The texts of the server-paged lists beside the case lists, in English; the type makes a missing key a compile error. */
export const listsEn: Record<keyof typeof listsZhCN, string> = {
  'meetings.list.total': '{total} meetings',
};
