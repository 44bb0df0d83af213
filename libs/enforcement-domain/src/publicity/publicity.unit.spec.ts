import { specFor } from '@whistle/kernel/testing';
import type { PublicityEvent } from '@whistle/contracts';
import { publicityDecider, type PublicityCommand, type RecordActivity, type RequestPublicity } from './publicity.decide';

const spec = specFor(publicityDecider);

const T0 = '2026-11-21T08:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();
const caseId = 'case-1';
const KNOWN_UNITS = ['unit-fire', 'unit-police', 'unit-urban'];

const request = (whistleId = 'whistle-1', now = T0): RequestPublicity => ({
  type: 'RequestPublicity',
  caseId,
  whistleId,
  stationId: 'station-north',
  units: ['unit-fire', 'unit-police'],
  dueAt: at(72),
  now,
});
const requested = (whistleId = 'whistle-1', requestedAt = T0): PublicityEvent => ({
  type: 'enforcement.PublicityRequested.v1',
  data: { caseId, whistleId, stationId: 'station-north', units: ['unit-fire', 'unit-police'], dueAt: at(72), requestedAt },
});
const recordActivity = (fields: Partial<RecordActivity> = {}): RecordActivity => ({
  type: 'RecordActivity',
  activityId: 'activity-1',
  heldAt: at(48),
  topic: 'fire and theft prevention',
  units: ['unit-fire', 'unit-police'],
  attendance: 35,
  knownUnits: KNOWN_UNITS,
  now: at(50),
  ...fields,
});
const activityRecorded = (whistleId = 'whistle-1'): PublicityEvent => ({
  type: 'enforcement.ActivityRecorded.v1',
  data: {
    caseId,
    whistleId,
    activityId: 'activity-1',
    heldAt: at(48),
    topic: 'fire and theft prevention',
    units: ['unit-fire', 'unit-police'],
    attendance: 35,
    recordedAt: at(50),
  },
});
const cancelled = (whistleId = 'whistle-1', reason = 'raised to level 2', cancelledAt = at(5)): PublicityEvent => ({
  type: 'enforcement.PublicityCancelled.v1',
  data: { caseId, whistleId, reason, cancelledAt },
});

describe('RequestPublicity (宣传哨)', () => {
  it('asks for a publicity activity on a case that has none', () => {
    spec.given().when(request()).then(requested());
  });

  it.each([
    ['requested', [requested()]],
    ['held', [requested(), activityRecorded()]],
    ['cancelled', [requested(), cancelled()]],
  ])('ignores the same whistle again when the activity is %s', (_status, history) => {
    spec.given(...history).when(request()).thenNothing();
  });

  it('replaces a pending request of an earlier level-1 whistle: cancels it first', () => {
    spec
      .given(requested())
      .when(request('whistle-2', at(10)))
      .then(cancelled('whistle-1', 'replaced by the level-1 whistle whistle-2', at(10)), requested('whistle-2', at(10)));
  });

  it('opens a new round after a held or cancelled one', () => {
    spec.given(requested(), activityRecorded()).when(request('whistle-2', at(80))).then(requested('whistle-2', at(80)));
    spec.given(requested(), cancelled()).when(request('whistle-2', at(80))).then(requested('whistle-2', at(80)));
  });

  it('ignores a late redelivery of a whistle that was already replaced', () => {
    const history = [requested(), cancelled('whistle-1', 'replaced by the level-1 whistle whistle-2', at(10)), requested('whistle-2', at(10))];
    spec.given(...history).when(request('whistle-1')).thenNothing();
    expect(spec.given(...history).state()).toMatchObject({ status: 'requested', whistleId: 'whistle-2', whistleIds: ['whistle-1', 'whistle-2'] });
  });

  it('rejects a request for another case on this stream', () => {
    spec
      .given(requested())
      .when({ ...request('whistle-2'), caseId: 'case-9' })
      .thenInvalid('caseId', /holds the publicity of case case-1, not of case case-9/);
  });

  it('rejects a due date that is not an instant', () => {
    spec.given().when({ ...request(), dueAt: 'in three days' }).thenInvalid('dueAt', /"in three days" is not an ISO-8601 instant/);
  });
});

describe('RecordActivity', () => {
  it('records the activity of the requested round', () => {
    spec
      .given(requested())
      .when(recordActivity({ topic: ' fire and theft prevention ' }))
      .then(activityRecorded());
  });

  it('keeps the activity in the state', () => {
    expect(spec.given(requested(), activityRecorded()).state()).toMatchObject({
      status: 'held',
      whistleId: 'whistle-1',
      activity: { activityId: 'activity-1', heldAt: at(48), attendance: 35, units: ['unit-fire', 'unit-police'] },
    });
  });

  it('accepts an activity held right now with nobody from the public attending', () => {
    const [event] = spec.given(requested()).when(recordActivity({ heldAt: at(50), attendance: 0 })).events();
    expect(event).toMatchObject({ type: 'enforcement.ActivityRecorded.v1', data: { heldAt: at(50), attendance: 0 } });
  });

  it('refuses when no level-1 whistle asked for an activity', () => {
    spec.given().when(recordActivity()).thenRefused('publicity.not_requested', 'no level-1 whistle asks for a publicity activity on this case');
  });

  it('refuses a second activity', () => {
    spec
      .given(requested(), activityRecorded())
      .when(recordActivity({ activityId: 'activity-2' }))
      .thenRefused('publicity.already_held', /for whistle whistle-1 was already held at .* \(activity activity-1\)/);
  });

  it('ignores a redelivery of the activity already recorded', () => {
    spec.given(requested(), activityRecorded()).when(recordActivity()).thenNothing();
  });

  it('refuses a cancelled request', () => {
    spec
      .given(requested(), cancelled())
      .when(recordActivity())
      .thenRefused('publicity.cancelled', /for whistle whistle-1 was cancelled at .* \("raised to level 2"\)/);
  });

  it.each<[string, Partial<RecordActivity>, RegExp]>([
    ['heldAt', { heldAt: at(51) }, /cannot record an activity in the future/],
    ['heldAt', { heldAt: at(-1) }, /is before the level-1 whistle asked for the activity/],
    ['heldAt', { heldAt: 'yesterday' }, /"yesterday" is not an ISO-8601 instant/],
    ['topic', { topic: '  ' }, /topic must not be empty/],
    ['units', { units: [] }, /units must name at least one unit/],
    ['units[1]', { units: ['unit-fire', 'unit-zoo'] }, /units\[1\] "unit-zoo" is not a known unit/],
    ['units[2]', { units: ['unit-fire', 'unit-police', 'unit-fire'] }, /units\[2\] "unit-fire" is listed twice/],
    ['attendance', { attendance: -1 }, /attendance must be a whole number of people, 0 or more, not -1/],
    ['attendance', { attendance: 2.5 }, /not 2.5/],
    ['activityId', { activityId: '' }, /activityId must not be empty/],
  ])('rejects a bad %s in %j', (field, fields, reason) => {
    spec.given(requested()).when(recordActivity(fields)).thenInvalid(field, reason);
  });
});

describe('CancelPublicity', () => {
  const cancel: PublicityCommand = { type: 'CancelPublicity', whistleId: 'whistle-1', reason: ' raised to level 2 ', now: at(5) };

  it('cancels a pending request', () => {
    spec.given(requested()).when(cancel).then(cancelled());
    expect(spec.given(requested(), cancelled()).state()).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: 'raised to level 2', cancelledAt: at(5) },
    });
  });

  it.each([
    ['none', []],
    ['held', [requested(), activityRecorded()]],
    ['cancelled', [requested(), cancelled()]],
  ])('ignores a request that is %s', (_status, history) => {
    spec.given(...history).when(cancel).thenNothing();
  });

  it('ignores a cancel of another round: the pending request is not the one the case moved on from', () => {
    spec.given(requested('whistle-2')).when(cancel).thenNothing();
  });

  it('ignores a late cancel of a round already replaced, and keeps the newer request pending', () => {
    const history = [requested(), cancelled('whistle-1', 'replaced by the level-1 whistle whistle-2', at(10)), requested('whistle-2', at(10))];
    spec.given(...history).when(cancel).thenNothing();
    spec
      .given(...history)
      .when({ ...cancel, whistleId: 'whistle-2', now: at(12) })
      .then(cancelled('whistle-2', 'raised to level 2', at(12)));
  });

  it('rejects a blank reason', () => {
    spec.given(requested()).when({ ...cancel, reason: '' }).thenInvalid('reason', /reason must not be empty/);
  });
});
