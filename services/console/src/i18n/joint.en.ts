import type { jointZhCN } from './joint.zh-CN';

/** The texts of joint enforcement after a resolution and of the station's callback, in English; the type makes a missing key a compile error. */
export const jointEn: Record<keyof typeof jointZhCN, string> = {
  'joint.title': 'Joint-meeting resolution · joint enforcement',
  'joint.duty': 'This unit’s part',
  'joint.duty.lead': 'Lead: organise the supporting units to enforce the resolution together, and record this unit’s on-site actions and outcome.',
  'joint.duty.supporting': 'Supporting: support the lead unit, {lead}, in enforcing the resolution, and record this unit’s on-site actions and outcome.',
  'joint.binding': 'A joint-meeting resolution binds its lead and supporting units: this task cannot be declined. Raise any objection with the joint-meeting office.',
  'joint.lead': 'Lead unit',
  'joint.supporting': 'Supporting units',
  'joint.measures': 'Measures',
  'joint.deadline': 'Due by',
  'joint.adoptedAt': 'Adopted',
  'joint.progress': 'Each unit’s progress',
  'joint.unitRole': '{unit} · {role}',
  'joint.outcome': '{result}: {note}',
  'joint.notYet': 'The resolution is still on its way here; refresh in a moment.',
  'queueViews.callback': 'To call back',
  'callbackOutcomes.title': 'What each unit did',
  'callbackOutcomes.hint': 'Tell the reporter what each unit did when you call back.',
};
