import type { CaseDetail } from '../api/types';
import type { Translate } from '../i18n/i18n';

export interface TimelineEntry {
  readonly at: string;
  readonly text: string;
}

/** The case's history as its view tells it, oldest first: report, whistle, level changes, the units' steps, callbacks, closing. */
export function caseTimeline(view: CaseDetail, t: Translate, nameOf: (name: { zh: string; en: string } | null | undefined, fallback?: string) => string): TimelineEntry[] {
  const unit = (id: string) => nameOf(view.unitNames[id], id);
  const entries: TimelineEntry[] = [
    { at: view.reportedAt, text: t('timeline.reported', { compound: nameOf(view.compoundName, view.compoundId), category: nameOf(view.categoryName, view.category) }) },
  ];
  if (view.whistle) {
    entries.push({ at: view.whistle.blownAt, text: t('timeline.whistle', { level: t(`level.${view.whistle.level}`), units: view.whistle.units.map(unit).join('、') }) });
  }
  for (const change of view.levelHistory) entries.push({ at: change.at, text: t('timeline.levelChanged', { from: change.from, to: change.to, reason: change.reason }) });
  for (const task of view.tasks) {
    if (task.reportedInAt) entries.push({ at: task.reportedInAt, text: t('timeline.reportedIn', { unit: unit(task.unitId) }) });
    if (task.acceptedAt) entries.push({ at: task.acceptedAt, text: t('timeline.accepted', { unit: unit(task.unitId) }) });
    if (task.decline) entries.push({ at: task.decline.at, text: t('timeline.declined', { unit: unit(task.unitId), reason: task.decline.reason }) });
    if (task.outcome) entries.push({ at: task.outcome.at, text: t('timeline.outcome', { unit: unit(task.unitId) }) });
  }
  for (const callback of view.callbacks) entries.push({ at: callback.at, text: t('timeline.callback', { result: t(`callback.${callback.result}`) }) });
  if (view.closedAt) entries.push({ at: view.closedAt, text: t('timeline.closed') });
  if (view.reporterErasure) entries.push({ at: view.reporterErasure.at, text: t('timeline.reporterDataErased', { reason: view.reporterErasure.reason }) });
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}
