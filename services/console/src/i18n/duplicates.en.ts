import type { DuplicatesMessageKey } from './duplicates.zh-CN';

/** Duplicates by hand on the case page, in English; the type makes a missing or stray key a compile error. */
export const duplicatesEn: Record<DuplicatesMessageKey, string> = {
  'status.merged': 'Merged',
  'progress.ended.merged': 'This report is about the same problem as another case, and was merged into it',
  'refusal.case.merged': 'Not possible: the case was merged into another case.',
  'refusal.case.self_link': 'Not possible: a case cannot be linked or merged into itself.',
  'refusal.case.primary_is_duplicate': 'Not possible: the case chosen is a duplicate itself; choose its primary case.',
  'refusal.case.primary_is_merged': 'Not possible: the case chosen was merged into another; choose that one.',
  'refusal.case.other_compound': 'Not possible: the two cases are in different compounds.',
  'refusal.case.has_duplicates': 'Not possible: other cases are linked or merged into this one; link or merge the other case into this one instead.',
  'refusal.case.primary_ended': 'Not possible: the case chosen is no longer being handled.',
  'refusal.case.merge_into_closed': 'Not possible: a closed case cannot be merged into.',
  'audit.event.intake.CaseMerged.v1': 'Merged into another case',
  'audit.event.intake.DuplicateLinkOverruled.v1': 'Duplicate link undone: handled as a new case',
  'links.title': 'Duplicates and merges',
  'links.primary': 'Primary case',
  'links.mergedInto': 'Merged into',
  'links.linkedHere': 'Cases linked or merged into this one',
  'links.link': 'Link as a duplicate',
  'links.merge': 'Merge into another case',
  'links.linkExplain':
    'This case is about the same problem as another open case of the compound. Once linked it is no longer handled, its tasks end, and the figures count the primary case once. A link can be undone.',
  'links.mergeExplain':
    'This case joins another case of the compound that is not closed, which carries on the handling; its tasks end, and the figures count the surviving case once. A merge cannot be undone.',
  'links.target': 'Primary case',
  'links.survivor': 'Case that survives',
  'links.targetNeeded': 'Choose a case',
  'links.noCandidates': 'No other case of this compound is being handled',
  'links.reason': 'Reason',
  'links.reasonNeeded': 'Give the reason',
  'links.linked': 'Linked as a duplicate',
  'links.mergedDone': 'Merged',
};
