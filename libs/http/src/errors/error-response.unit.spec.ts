import { BadRequestException, HttpException, ServiceUnavailableException } from '@nestjs/common';
import { errorResponseOf } from './error-response';
import { PreconditionFailed } from '@whistle/application';
import { EventStoreUnavailable } from '@whistle/event-store';

describe('errorResponseOf', () => {
  it('answers a PreconditionFailed with 412 and its message', () => {
    expect(errorResponseOf(new PreconditionFailed('the meeting was rescheduled'))).toEqual({
      body: { statusCode: 412, error: 'Precondition Failed', message: 'the meeting was rescheduled', details: [] },
      headers: {},
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
