import type { AssessmentView, EvaluationView, FirmView, NoticeView } from './supervision-views';

/** What the API answers of a document: it without the projection's bookkeeping. */
type Shown<D> = Omit<D, 'version' | 'revisions' | 'scoreSum'>;

export type EvaluationAnswer = Shown<EvaluationView>;
export type FirmAnswer = Shown<FirmView>;
export type AssessmentAnswer = Shown<AssessmentView>;
export type NoticeAnswer = Shown<NoticeView>;

export function shown<D extends { readonly version: number; readonly revisions: unknown }>(doc: D): Shown<D> {
  const { version: _version, revisions: _revisions, scoreSum: _scoreSum, ...rest } = doc as D & { scoreSum?: number };
  return rest;
}
