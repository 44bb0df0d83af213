import { DEFAULT_WAIT_MS, MAX_WAIT_MS, encodePosition } from '@whistle/application';
import { InvalidRequest } from '../errors/http-errors';
import { consistencyOf } from './consistency';

const position = { service: 'intake', streamId: 'case-c-1', revision: 1, eventId: 'e-1', caseId: 'c-1' } as const;
const NOW = 1_700_000_000_000;

function refusal(headers: Record<string, string | string[]>): { field: string; message: string } {
  try {
    consistencyOf(headers, NOW);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequest);
    const [detail] = (error as InvalidRequest).details;
    return detail!;
  }
  throw new Error('not refused');
}

describe('what a request asks of the services’ progress', () => {
  it('is nothing, with the default wait, when it sends neither header', () => {
    expect(consistencyOf({}, NOW)).toEqual({ after: null, waitMs: DEFAULT_WAIT_MS, since: NOW, waitAsked: null });
  });

  it('reads After-Position as the position a command answered with', () => {
    expect(consistencyOf({ 'after-position': ` ${encodePosition(position)} ` }, NOW).after).toEqual(position);
  });

  it('reads Prefer: wait in seconds among other preferences, and caps it at the most a request may wait', () => {
    expect(consistencyOf({ prefer: 'wait=2' }, NOW)).toMatchObject({ waitMs: 2_000, waitAsked: 2 });
    expect(consistencyOf({ prefer: 'respond-async, wait=0; x=y' }, NOW)).toMatchObject({ waitMs: 0, waitAsked: 0 });
    expect(consistencyOf({ prefer: 'return=minimal' }, NOW)).toMatchObject({ waitMs: DEFAULT_WAIT_MS, waitAsked: null });
    expect(consistencyOf({ prefer: 'wait=3600' }, NOW)).toMatchObject({ waitMs: MAX_WAIT_MS, waitAsked: 3600 });
  });

  it('refuses a malformed After-Position or wait with a 400 naming the header', () => {
    expect(refusal({ 'after-position': 'yesterday' })).toEqual({ field: 'After-Position', message: expect.stringContaining('After-Position: not a position a command answered with') });
    expect(refusal({ 'after-position': ['a', 'b'] })).toEqual({ field: 'After-Position', message: 'After-Position must be sent once' });
    expect(refusal({ prefer: 'wait=soon' })).toEqual({ field: 'Prefer', message: expect.stringContaining('whole number of seconds') });
    expect(refusal({ prefer: 'wait=1, wait=2' })).toEqual({ field: 'Prefer', message: 'Prefer: give wait once' });
  });
});
