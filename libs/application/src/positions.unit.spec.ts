import type { EventEnvelope } from '@whistle/kernel';
import { InvalidPosition, decodePosition, encodePosition, positionOf, type Position } from './positions';

const routed: EventEnvelope = {
  eventId: '6f1c2b0e-8d1e-4a43-9a55-0b2f4f0f5a10',
  type: 'intake.CaseRouted.v1',
  data: { caseId: 'c-1' },
  caseId: 'c-1',
  streamId: 'case-c-1',
  revision: 1,
  occurredAt: '2026-11-21T08:00:00.000Z',
  recordedAt: '2026-11-21T08:00:00.000Z',
  actor: { id: 'station-1', role: 'station' },
  correlationId: 'corr-1',
  causationId: null,
  prevHash: '0'.repeat(64),
  hash: 'f'.repeat(64),
};

describe('positions', () => {
  it('name the event by its service, stream, revision, id and case, and come back from their token unchanged', () => {
    const position = positionOf(routed);
    expect(position).toEqual({ service: 'intake', streamId: 'case-c-1', revision: 1, eventId: routed.eventId, caseId: 'c-1' });
    const token = encodePosition(position!);
    expect(token).toMatch(/^p1\.[A-Za-z0-9_-]+$/);
    expect(decodePosition(token)).toEqual(position);
    // A task's stream id holds a dot, a meeting's event may be keyed by the meeting: both survive.
    const task: Position = { service: 'enforcement', streamId: 'task-w-1.unit-jiaojing', revision: 7, eventId: 'e-9', caseId: 'c-1' };
    expect(decodePosition(encodePosition(task))).toEqual(task);
  });

  it('are null for an event no writing service owns', () => {
    expect(positionOf({ ...routed, type: 'test.Happened.v1' })).toBeNull();
  });

  it.each([
    ['', 'p1. followed by base64url'],
    ['12345', 'p1. followed by base64url'],
    ['p1.not base64!', 'p1. followed by base64url'],
    [`p1.${Buffer.from('not json').toString('base64url')}`, 'does not decode'],
    [`p1.${Buffer.from('[1,2]').toString('base64url')}`, 'does not decode'],
    [`p1.${Buffer.from(JSON.stringify(['billing', 'case-c', 0, 'e', 'c'])).toString('base64url')}`, 'names no writing service'],
    [`p1.${Buffer.from(JSON.stringify(['intake', 'case-c', -1, 'e', 'c'])).toString('base64url')}`, 'revision is not a revision'],
    [`p1.${Buffer.from(JSON.stringify(['intake', 'case-c', 1.5, 'e', 'c'])).toString('base64url')}`, 'revision is not a revision'],
    [`p1.${Buffer.from(JSON.stringify(['intake', '', 0, 'e', 'c'])).toString('base64url')}`, 'does not decode'],
    [`p1.${'A'.repeat(2_000)}`, 'at most 1024 characters'],
  ])('refuse %j, saying what is wrong', (token, reason) => {
    expect(() => decodePosition(token)).toThrow(InvalidPosition);
    expect(() => decodePosition(token)).toThrow(reason);
  });
});
