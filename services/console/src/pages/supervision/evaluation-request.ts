import { api } from '../../api/client';
import type { Paged } from '../../api/field-types';
import { untilReadSideShows } from '../../api/read-side';
import type { EvaluationView } from '../../api/supervision-types';

export type EvaluationQuery = Readonly<Record<string, string | number | undefined>>;

export function readEvaluations(token: string, query: EvaluationQuery, signal?: AbortSignal): Promise<Paged<EvaluationView>> {
  return api<Paged<EvaluationView>>('GET', '/api/query/evaluations', { token, query, ...(signal ? { signal } : {}) });
}

/** After a rating: waits until the read side shows it as the task's current one of its direction. */
export async function untilRatingShows(token: string, taskId: string, direction: 'unit' | 'whistle', ratingId: string): Promise<void> {
  await untilReadSideShows(
    () => readEvaluations(token, { taskId }),
    (page) => page.items.some((e) => (direction === 'unit' ? e.unitRating : e.whistleRating)?.ratingId === ratingId),
  );
}
