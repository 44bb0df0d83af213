import { updateDocument, type Projector } from '../projector';
import { sourced } from '../known-events';
import { MEETING_VIEWS, type MeetingView } from './meeting-view';
import { evolveMeetingView } from './meeting-view.evolve';

/** Keeps `meeting_views` up to date: one document per joint meeting. */
export const meetingViewProjector: Projector = {
  name: 'meeting-views',
  collections: [MEETING_VIEWS],
  async project(store, event) {
    const known = sourced(event);
    if (known?.source !== 'meeting') return;
    await updateDocument(store.collection<MeetingView>(MEETING_VIEWS), known.event.data.meetingId, (view) => evolveMeetingView(view, event));
  },
};
