import { fold, type EventEnvelope } from '@whistle/kernel';
import type { CatalogueIndex } from '@whistle/catalogue';
import { meetingDecider, minutesOf, type MeetingState, type Minutes } from '@whistle/adjudication-domain';
import { streams as streamKinds, type MeetingEvent } from '@whistle/contracts';
import { byStream, type StoredEvent } from './stored-events';

/** The minutes (会议纪要) of every meeting among the streams, each folded from its whole stream. */
export function meetingMinutes(streamIds: Iterable<string>, stored: readonly StoredEvent[], catalogue: CatalogueIndex): Minutes[] {
  const streams = byStream(stored);
  const names = (unitId: string) => catalogue.nameOf('units', unitId) ?? { zh: unitId, en: unitId };
  return [...streamIds]
    .filter(streamKinds.meeting.owns)
    .sort()
    .flatMap((id) => {
      const state = foldMeeting((streams.get(id) ?? []).map((s) => s.event));
      return state.status === 'none' ? [] : [minutesOf(state, names)];
    });
}

/** An event the meeting cannot read (altered) is left out here; verification names it. */
function foldMeeting(events: readonly EventEnvelope[]): MeetingState {
  return events.reduce<MeetingState>((state, e) => {
    try {
      return fold(meetingDecider, [{ type: e.type, data: e.data } as MeetingEvent], state);
    } catch {
      return state;
    }
  }, meetingDecider.initialState);
}
