import type { NoticePublished } from '@whistle/contracts';
import type { EventEnvelope } from '@whistle/kernel';
import { guarded, supervisionEvent, twoDecimals } from './supervision-events';
import type { CreditEntry, FirmView } from './supervision-views';

/** The firms an event concerns: its own, or each firm whose results a notice published. */
export function firmIdsOf(envelope: EventEnvelope): string[] {
  const event = supervisionEvent(envelope);
  switch (event?.type) {
    case 'supervision.PropertyFirmRegistered.v1':
    case 'supervision.PropertyFirmChanged.v1':
      return [event.data.firmId];
    case 'supervision.NoticePublished.v1':
      return [...new Set(event.data.results.map((r) => r.firmId))];
    default:
      return [];
  }
}

/**
 * Folds one event into a firm's view. Notices come on other streams than the firm's and may
 * arrive first: the firm is then known by the name the notice gives until its registration.
 */
export function evolveFirmView(view: FirmView | undefined, envelope: EventEnvelope, firmId: string): FirmView | undefined {
  const event = supervisionEvent(envelope);
  if (!event || !firmIdsOf(envelope).includes(firmId) || (view && view.id !== firmId)) return undefined;
  return guarded(view, envelope, (current) => {
    switch (event.type) {
      case 'supervision.PropertyFirmRegistered.v1': {
        const { name, creditCode, contact, compoundIds, registeredAt } = event.data;
        return { ...(current ?? unregistered(firmId, name)), name, creditCode, contact, compoundIds: [...compoundIds], registeredAt };
      }
      case 'supervision.PropertyFirmChanged.v1': {
        if (!current) return undefined;
        const { name, contact, compoundIds, reason, changedAt } = event.data;
        return {
          ...current,
          ...(name === undefined ? {} : { name }),
          ...(contact === undefined ? {} : { contact }),
          ...(compoundIds === undefined ? {} : { compoundIds: [...compoundIds] }),
          changes: [...current.changes, { reason, changedAt, eventId: envelope.eventId }],
        };
      }
      case 'supervision.NoticePublished.v1': {
        const entry = creditEntry(event.data, firmId);
        const base = current ?? unregistered(firmId, event.data.results.find((r) => r.firmId === firmId)?.firmName ?? firmId);
        return { ...base, credit: [...base.credit.filter((c) => c.publicationId !== entry.publicationId), entry] };
      }
      default:
        return current;
    }
  });
}

function unregistered(firmId: string, name: string): FirmView {
  return { id: firmId, version: 0, revisions: [], name, creditCode: null, contact: null, compoundIds: [], registeredAt: null, changes: [], credit: [] };
}

/** A firm's line in its credit record (信用记录): its compounds' results in the notice, and the list it was put on, if any. */
export function creditEntry(notice: NoticePublished['data'], firmId: string): CreditEntry {
  const results = notice.results.filter((r) => r.firmId === firmId);
  const red = notice.redList.find((f) => f.firmId === firmId);
  const black = notice.blackList.find((f) => f.firmId === firmId);
  const listed = black ?? red;
  const average = results.length === 0 ? 0 : results.reduce((sum, r) => sum + r.total, 0) / results.length;
  return {
    publicationId: notice.publicationId,
    quarter: notice.quarter,
    kind: notice.kind,
    averageTotal: listed?.averageTotal ?? twoDecimals(average),
    list: black ? 'black' : red ? 'red' : null,
    reason: listed?.reason ?? null,
    grades: results.map(({ compoundId, total, grade }) => ({ compoundId, total, grade })),
    publishedAt: notice.publishedAt,
  };
}
