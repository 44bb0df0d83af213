import { parseDuration, toMillis } from '@whistle/kernel';

/** A case still open in the same compound and category, as intake's index lists it for the duplicate check. */
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
  const latest = toMillis(now);
  const earliest = latest - parseDuration(window);
  // One pass, each time read once: a compound and category may hold many open cases.
  let first: { readonly caseId: string; readonly at: number } | undefined;
  for (const c of openCases) {
    if (c.compoundId !== report.compoundId || c.category !== report.category) continue;
    const at = toMillis(c.reportedAt);
    if (at < earliest || at > latest) continue;
    if (first === undefined || at < first.at || (at === first.at && c.caseId.localeCompare(first.caseId) < 0)) first = { caseId: c.caseId, at };
  }
  return first?.caseId;
}
