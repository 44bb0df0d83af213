import { BadRequestException, HttpException, ServiceUnavailableException } from '@nestjs/common';
import { errorResponseOf } from './error-response';
import { NotFound, NotYetKnown, PositionNotReached, PreconditionFailed } from '@whistle/application';
import { EventStoreUnavailable } from '@whistle/event-store';

describe('errorResponseOf', () => {
  it('answers a PreconditionFailed with 412 and its message', () => {
    expect(errorResponseOf(new PreconditionFailed('the meeting was rescheduled'))).toEqual({
      body: { statusCode: 412, error: 'Precondition Failed', message: 'the meeting was rescheduled', details: [] },
      headers: {},
      unexpected: false,
    });
  });

  it('answers an id not known yet with 503, Retry-After and code not_yet_known, apart from a 404 for an unknown one', () => {
    const notYet = errorResponseOf(new NotYetKnown('escalation', 'case', 'c-1'));
    expect(notYet).toEqual({
      body: { statusCode: 503, error: 'Service Unavailable', message: expect.stringContaining('has not learned of case c-1 yet'), details: [{ code: 'not_yet_known', resource: 'case', id: 'c-1' }] },
      headers: { 'Retry-After': '1' },
      unexpected: false,
    });
    expect(errorResponseOf(new NotFound('case', 'c-1')).body).toMatchObject({ statusCode: 404, details: [{ resource: 'case', id: 'c-1' }] });
  });

  it('answers a position not reached within the wait with 503, Retry-After and code position_not_reached', () => {
    expect(errorResponseOf(new PositionNotReached('the read side', 5_002))).toEqual({
      body: {
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'the read side has not caught up with the After-Position yet (waited 5002 ms); try again shortly',
        details: [{ code: 'position_not_reached', header: 'After-Position', waitedMs: 5_002 }],
      },
      headers: { 'Retry-After': '1' },
      unexpected: false,
    });
  });

  it('keeps the message list of a Nest exception as details, and a details list as given', () => {
    expect(errorResponseOf(new BadRequestException(['a is wrong', 'b is wrong'])).body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'a is wrong; b is wrong',
      details: [{ message: 'a is wrong' }, { message: 'b is wrong' }],
    });
    expect(errorResponseOf(new HttpException({ message: 'slow down', details: [{ limit: 3 }] }, 429)).body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'slow down',
      details: [{ limit: 3 }],
    });
  });

  it('treats anything unknown as unexpected, and hides what it says', () => {
    expect(errorResponseOf(new TypeError('Cannot read properties of undefined (reading "units")'))).toEqual({
      body: { statusCode: 500, error: 'Internal Server Error', message: 'internal error', details: [] },
      headers: {},
      unexpected: true,
    });
    expect(errorResponseOf('a thrown string').unexpected).toBe(true);
    expect(errorResponseOf(new ServiceUnavailableException('event store unreachable')).unexpected).toBe(true);
  });

  it('answers an unreachable event store with 503 and Retry-After, without the driver’s words', () => {
    const response = errorResponseOf(new EventStoreUnavailable('ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:54329'));
    expect(response).toEqual({
      body: { statusCode: 503, error: 'Service Unavailable', message: expect.stringContaining('nothing was recorded'), details: [] },
      headers: { 'Retry-After': '5' },
      unexpected: true,
    });
    expect(response.body.message).not.toContain('54329');
  });
});
