import { CASE_FIGURE_FIELDS, COUNTED_FIGURES, TIMED_FIGURES, UNIT_FIGURE_FIELDS } from './case-view/case-figures';

/**
 * The indexes the queries need, per collection, as MongoDB key patterns. The mongoose adapter
 * creates them as they are (an array field becomes a multikey index); the SQLite adapter makes an
 * expression index of each scalar key and keeps a side table for each array field.
 */
export const READ_MODEL_INDEXES: Readonly<Record<string, readonly Readonly<Record<string, 1 | -1>>[]>> = {
  case_views: [{ reportedAt: -1 }, { stationId: 1, reportedAt: -1 }, { involvedUnits: 1 }, { compoundId: 1, status: 1 }, { status: 1 }, { duplicateOf: 1 }],
  meeting_views: [{ scheduledAt: -1 }],
  evaluation_views: [{ endedAt: -1 }, { quarter: 1 }, { unitId: 1, endedAt: -1 }, { stationId: 1, endedAt: -1 }],
  assessment_views: [{ quarter: -1 }],
  notice_views: [{ publishedAt: -1 }],
  firm_views: [{ name: 1 }],
};

/** The array fields of a collection (by the port's rule a field is an array in every document or in none). */
export const READ_MODEL_ARRAY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  case_views: ['involvedUnits'],
  evaluation_views: ['awaiting'],
};

/**
 * Fields the SQLite adapter also keeps in plain columns beside each document, so that tallies
 * (and filters and sorts on them alone) read no JSON: the document's fields, and for an array of
 * objects, its elements' fields, a row per element. Numbers, text or null only (a boolean is kept
 * as 1 or 0). The case views carry what the office's figures add up (case-figures.ts).
 */
export interface ColumnFields {
  readonly fields: readonly string[];
  readonly unwound?: Readonly<Record<string, readonly string[]>>;
}

export const READ_MODEL_COLUMNS: Readonly<Record<string, ColumnFields>> = {
  case_views: {
    fields: ['reportedAt', 'stationId', 'communityId', 'status', 'level', 'adjudication.status', ...CASE_FIGURE_FIELDS, ...[...TIMED_FIGURES, 'closed', 'closeMs'].map((f) => `figures.${f}`)],
    unwound: { unitFigures: ['unitId', 'taskId', 'assignedAt', 'reportedAt', ...COUNTED_FIGURES, ...TIMED_FIGURES] },
  },
};

/**
 * Sums the SQLite adapter keeps per UTC hour of a time field and per value of the `by` fields, of
 * the documents or of an unwound array's elements (every field a column above). Triggers on the
 * columns keep them in the document's write transaction, so they cannot drift from the documents,
 * are emptied with them and rebuilt with them. A tally grouped by some of `by`, adding up some of
 * `sum`, over intervals of `time` that begin and end on whole hours, with no other condition,
 * adds up these rows: the dashboard over 100,000 cases reads a few hundred rows, not the cases.
 * Periods cut where an offset of whole hours begins its days (Beijing's +08:00) are such.
 */
export interface RollUpFields {
  readonly unwind?: string;
  readonly time: string;
  readonly by: readonly string[];
  readonly sum: readonly string[];
}

export const READ_MODEL_ROLLUPS: Readonly<Record<string, readonly RollUpFields[]>> = {
  case_views: [
    { time: 'reportedAt', by: ['stationId', 'communityId'], sum: CASE_FIGURE_FIELDS },
    { unwind: 'unitFigures', time: 'unitFigures.assignedAt', by: ['unitFigures.unitId'], sum: UNIT_FIGURE_FIELDS },
  ],
};
