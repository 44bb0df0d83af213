import type { Name } from '@whistle/contracts';
import type { CaseStatus } from './case-view';

/**
 * A case's status in Simplified Chinese and English, as the printable dossier and the weekly
 * bulletin write it (the console keeps the same words in its dictionary: a browser project may
 * not import this). Keyed by the read side's own type, so a new status is a compile error here.
 */
export const CASE_STATUS_NAMES: Readonly<Record<CaseStatus, Name>> = {
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
  merged: { zh: '已合并', en: 'Merged' },
  referred_upward: { zh: '已上报区级', en: 'Referred to the district' },
  reopened: { zh: '已重新打开', en: 'Reopened' },
};
