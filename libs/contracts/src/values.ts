/** Values shared by several contexts' events. */

/** How a case reached intake. 12345 is the citizens' service hotline. */
export const CHANNELS = ['branch', 'station_patrol', 'hotline_12345', 'resident_app', 'inspection'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A reporter's personal data, sealed by the service so that erasing the key erases the data
 * while the hash chain over the sealed text stays verifiable. */
export interface SealedPersonalData {
  readonly keyId: string;
  readonly ciphertext: string;
}

export interface Evidence {
  readonly name: string;
  readonly sha256: string;
}

/** 回访: the result of calling the reporter back. */
export const CALLBACK_RESULTS = ['satisfied', 'basically_satisfied', 'dissatisfied', 'unreachable'] as const;
export type CallbackResult = (typeof CALLBACK_RESULTS)[number];

export const ACTION_KINDS = ['inspection', 'persuasion', 'warning', 'rectification_order', 'penalty', 'removal'] as const;
/** inspection 检查, persuasion 劝导, warning 警告, rectification_order 限期整改, penalty 处罚, removal 拆除/清除 */
export type ActionKind = (typeof ACTION_KINDS)[number];

export const OUTCOME_RESULTS = ['resolved', 'rectified', 'persuasion_failed', 'needs_joint_action', 'unresolved'] as const;
export type OutcomeResult = (typeof OUTCOME_RESULTS)[number];

/** Why a level changed; every change records one. */
export const LEVEL_CHANGE_TRIGGERS = [
  'station', // the station changed it at the whistle or later, with a reason
  'office', // the coordination office changed it
  'persuasion_failed', // 劝导无效: an outcome said persuasion failed at level 1–2
  'all_declined', // every summoned unit declined (e.g. "not our responsibility")
  'joint_action_needed', // an outcome said several units must act together
  'deadline_missed', // a report-in deadline passed and the grace period ended
] as const;
export type LevelChangeTrigger = (typeof LEVEL_CHANGE_TRIGGERS)[number];
