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
  const unitNames = Object.fromEntries(unitIdsOf(view).map((unitId) => [unitId, catalogue.unit(unitId)?.name ?? null]));
  return { ...shown, ...placeNames(view, catalogue), unitNames };
}

function placeNames(view: CaseView, catalogue: CatalogueIndex): PlaceNames {
  const named = <T extends { readonly name: Name }>(id: string | null, find: (id: string) => T | undefined) => (id === null ? null : (find(id)?.name ?? null));
  return {
    categoryName: named(view.category, (id) => catalogue.category(id)),
    compoundName: named(view.compoundId, (id) => catalogue.compound(id)?.compound),
    communityName: named(view.communityId, (id) => catalogue.community(id)),
    stationName: named(view.stationId, (id) => catalogue.station(id)),
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
