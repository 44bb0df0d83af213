import type { positionsZhCN } from './positions.zh-CN';

/** The texts of positions and live updates, in English; the type makes a missing key a compile error. */
export const positionsEn: Record<keyof typeof positionsZhCN, string> = {
  'refusal.not_yet_known': 'The system is still taking in what just happened and cannot find this yet',
  'refusal.not_yet_known.action': 'Wait a few seconds and try again; everything you entered is still here.',
  'refusal.position_not_reached': 'The system is still taking in what you just did and cannot show the result yet',
  'refusal.position_not_reached.action': 'Wait a few seconds, then press “Try again”.',
  'live.connecting': 'Connecting live updates…',
  'live.live': 'Live updates on',
  'live.lost': 'Live updates lost, reconnecting…',
};
