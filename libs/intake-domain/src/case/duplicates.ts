import { parseDuration, toMillis } from '@whistle/kernel';

/** A case still open in the same compound, as the read side lists it for the duplicate check. */
export interface OpenCaseSummary {
  readonly caseId: string;
  readonly compoundId: string;
  readonly category: string;
  readonly reportedAt: string;
}

/**
 * The probable original of a new report: the earliest case of the same compound and category
 * that is still open and was reported within the window before `now`.
 */
export function findProbableDuplicate(
  report: { compoundId: string; category: string },
  openCases: readonly OpenCaseSummary[],
  window: string,
  now: string,
): string | undefined {
  const earliest = toMillis(now) - parseDuration(window);
  const candidates = openCases
    .filter((c) => c.compoundId === report.compoundId && c.category === report.category)
    .filter((c) => toMillis(c.reportedAt) >= earliest && toMillis(c.reportedAt) <= toMillis(now))
    .sort((a, b) => toMillis(a.reportedAt) - toMillis(b.reportedAt) || a.caseId.localeCompare(b.caseId));
  return candidates[0]?.caseId;
}
