import type { ReporterDataMessageKey } from './reporter-data.zh-CN';

/** The reporter's personal data on the case page, and its erasure, in English; the type makes a missing or stray key a compile error. */
export const reporterDataEn: Record<ReporterDataMessageKey, string> = {
  'reporterData.title': 'Reporter’s personal data',
  'reporterData.masked': 'Shown masked',
  'reporterData.erased': 'Erased at {at} by {by}. Reason: {reason}',
  'reporterData.reason': 'Reason for the erasure',
  'reporterData.reasonHint': 'The reason stays in the case’s record for good: do not write the name or the phone number.',
  'reporterData.reasonNeeded': 'Give the reason for the erasure',
  'reporterData.erase': 'Erase the reporter’s personal data',
  'reporterData.confirm': 'Once erased, no one can read this reporter’s name and phone again, and it cannot be undone. Erase?',
  'reporterData.confirmOk': 'Erase',
  'reporterData.cancel': 'Cancel',
  'reporterData.done': 'The reporter’s personal data was erased',
  'timeline.reporterDataErased': 'Reporter’s personal data erased: {reason}',
  'audit.event.intake.ReporterDataErased.v1': 'Reporter’s personal data erased',
  'audit.event.intake.PersonalDataAccessed.v1': 'Reporter’s personal data read in full',
  'reporterData.revealReason': 'Reason for reading it',
  'reporterData.revealHint': 'The full name and phone are shown only with a reason; who read them, when and why is recorded for the auditors (Personal Information Protection Law).',
  'reporterData.revealReasonNeeded': 'Give the reason for reading it',
  'reporterData.reveal': 'Show in full',
  'reporterData.accesses': 'Who read the reporter’s personal data',
  'reporterData.accesses.none': 'No one has read it in full yet.',
  'reporterData.accesses.at': 'When',
  'reporterData.accesses.by': 'Who',
  'reporterData.accesses.reason': 'Reason',
};
