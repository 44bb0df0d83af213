import type { EventEnvelope } from '@whistle/kernel';
import { eachInTurn, touchedBy, updateDocument, updateDocuments, type Projector } from '../projector';
import { sourced } from '../known-events';
import { MEETING_VIEWS, type MeetingView } from './meeting-view';
import { evolveMeetingView } from './meeting-view.evolve';

/** The meeting an event belongs to, if it is a meeting's. */
export const meetingIdsOf = (event: EventEnvelope): string[] => {
  const known = sourced(event);
  return known?.source === 'meeting' ? [known.event.data.meetingId] : [];
};

/** Keeps `meeting_views` up to date: one document per joint meeting. */
export const meetingViewProjector: Projector = {
  name: 'meeting-views',
  collections: [MEETING_VIEWS],
  async project(store, event) {
    for (const meetingId of meetingIdsOf(event)) {
      await updateDocument(store.collection<MeetingView>(MEETING_VIEWS), meetingId, (view) => evolveMeetingView(view, event));
    }
  },
  async projectBatch(store, events, cache) {
    const touched = touchedBy(events, meetingIdsOf);
    await updateDocuments(store.collection<MeetingView>(MEETING_VIEWS), MEETING_VIEWS, touched, eachInTurn((view, event) => evolveMeetingView(view, event)), cache);
  },
};
