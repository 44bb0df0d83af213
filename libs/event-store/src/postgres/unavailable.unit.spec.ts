import { EventStoreUnavailable } from '../errors';
import { unavailableOr } from './unavailable';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('unavailableOr', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:54329', 'ECONNREFUSED')],
    ['an administrator shutdown', withCode('terminating connection due to administrator command', '57P01')],
    ['a server starting up or shutting down', withCode('the database system is shutting down', '57P03')],
    ['a connection exception class', withCode('connection failure', '08006')],
    ['a connection the driver saw die', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
    ['a query the server left unanswered past its timeout', new Error('Query read timeout')],
    ['a statement past the server’s statement_timeout', withCode('canceling statement due to statement timeout', '57014')],
    ['a wait for the append lock past lock_timeout', withCode('canceling statement due to lock timeout', '55P03')],
  ])('makes %s an EventStoreUnavailable that keeps its cause', (_, error) => {
    const mapped = unavailableOr(error);
    expect(mapped).toBeInstanceOf(EventStoreUnavailable);
    expect((mapped as EventStoreUnavailable).cause).toBe(error);
  });

  it.each([
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a syntax error', withCode('syntax error at or near "SELEC"', '42601')],
    ['an error without a code', new TypeError('rows is undefined')],
  ])('passes %s on as it was', (_, error) => {
    expect(unavailableOr(error)).toBe(error);
  });
});
