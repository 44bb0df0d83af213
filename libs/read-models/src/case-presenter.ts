import type { CatalogueIndex } from '@whistle/catalogue';
import type { Name } from '@whistle/contracts';
import type { CaseView } from './case-view/case-view';

// One shape for a case wherever it is shown: the read side's answer and the audit's state at a past moment.

/** The view without what only the projection needs: per-source facts, stream revisions, the document version, the figures' rows for tallies. */
export type PublicCaseView = Omit<CaseView, 'facts' | 'revisions' | 'version' | 'figures' | 'unitFigures'>;

/** The catalogue's names beside the ids, so a console needs no second look-up; null for an id the catalogue lost. */
export interface PlaceNames {
  readonly categoryName: Name | null;
  readonly compoundName: Name | null;
  readonly communityName: Name | null;
  readonly stationName: Name | null;
}

export type CaseSummary = Pick<
  CaseView,
  'id' | 'status' | 'level' | 'proposedLevel' | 'category' | 'compoundId' | 'communityId' | 'stationId' | 'reportedAt' | 'updatedAt' | 'overdue' | 'units' | 'duplicateOf'
> &
  PlaceNames;

export type CaseDetail = PublicCaseView & PlaceNames & { readonly unitNames: Readonly<Record<string, Name | null>> };

export function caseSummary(view: CaseView, catalogue: CatalogueIndex): CaseSummary {
  const { id, status, level, proposedLevel, category, compoundId, communityId, stationId, reportedAt, updatedAt, overdue, units, duplicateOf } = view;
  return { id, status, level, proposedLevel, category, compoundId, communityId, stationId, reportedAt, updatedAt, overdue, units, duplicateOf, ...placeNames(view, catalogue) };
}

export function caseDetail(view: CaseView, catalogue: CatalogueIndex): CaseDetail {
  const { facts: _facts, revisions: _revisions, version: _version, figures: _figures, unitFigures: _unitFigures, ...shown } = view;
  const unitNames = Object.fromEntries(unitIdsOf(view).map((unitId) => [unitId, catalogue.nameOf('units', unitId) ?? null]));
  return { ...shown, ...placeNames(view, catalogue), unitNames };
}

/** The names of the case's places, removed entries of the catalogue included: a past case keeps naming them. */
function placeNames(view: CaseView, catalogue: CatalogueIndex): PlaceNames {
  const named = (list: 'categories' | 'compounds' | 'communities' | 'stations', id: string | null) => (id === null ? null : (catalogue.nameOf(list, id) ?? null));
  return {
    categoryName: named('categories', view.category),
    compoundName: named('compounds', view.compoundId),
    communityName: named('communities', view.communityId),
    stationName: named('stations', view.stationId),
  };
}

/** Every unit the view mentions: summoned, tasked, referred, giving an opinion or named by a resolution. */
function unitIdsOf(view: CaseView): string[] {
  const adjudication = view.adjudication;
  const ids = [
    ...view.involvedUnits,
    ...view.units,
    ...view.tasks.map((t) => t.unitId),
    ...(adjudication?.units ?? []),
    ...(adjudication?.meetings ?? []).flatMap((m) => m.opinions.map((o) => o.unitId)),
    ...(adjudication?.resolution ? [adjudication.resolution.leadUnit, ...adjudication.resolution.supportingUnits] : []),
  ];
  return [...new Set(ids)].sort();
}
