import type { EventEnvelope } from '@whistle/kernel';
import { guarded, supervisionEvent } from './supervision-events';
import type { NoticeView } from './supervision-views';

/** The notices an event concerns: the one it publishes, and the one it corrects. */
export function noticeIdsOf(envelope: EventEnvelope): string[] {
  const event = supervisionEvent(envelope);
  if (event?.type !== 'supervision.NoticePublished.v1') return [];
  const { publicationId, corrects } = event.data;
  return corrects === undefined ? [publicationId] : [publicationId, corrects];
}

/**
 * A notice as published; a later notice that corrects it only adds itself to `correctedBy`. A
 * quarter's notices are one stream, so the corrected one is always known first.
 */
export function evolveNoticeView(view: NoticeView | undefined, envelope: EventEnvelope, publicationId: string): NoticeView | undefined {
  const event = supervisionEvent(envelope);
  if (event?.type !== 'supervision.NoticePublished.v1' || !noticeIdsOf(envelope).includes(publicationId) || (view && view.id !== publicationId)) return undefined;
  return guarded(view, envelope, (current) => {
    if (event.data.publicationId === publicationId) {
      if (current) return current;
      return { id: publicationId, version: 0, revisions: [], ...event.data, correctedBy: [], eventId: envelope.eventId, hash: envelope.hash };
    }
    if (!current || current.correctedBy.includes(event.data.publicationId)) return current;
    return { ...current, correctedBy: [...current.correctedBy, event.data.publicationId] };
  });
}
