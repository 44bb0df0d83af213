import { envelopeProblem, isEventEnvelope } from './envelope-guard';
import { envelope } from './test-support';

describe('envelope guard', () => {
  it('accepts a recorded event, with or without a causation and the actor optional ids', () => {
    const plain = envelope('c-1', 0);
    const caused = { ...plain, causationId: 'evt-0', actor: { id: 'u-1', role: 'unit', unitId: 'unit-7', stationId: 's-1' } };
    expect(envelopeProblem(plain)).toBeNull();
    expect(isEventEnvelope(caused)).toBe(true);
    expect(isEventEnvelope({ ...plain, data: null })).toBe(true);
  });

  it.each([
    ['a string', 'hello', 'the value is "hello", not an object'],
    ['null', null, 'the value is null, not an object'],
    ['an array', [envelope('c-1', 0)], 'the value is an array, not an object'],
    ['no eventId', { ...envelope('c-1', 0), eventId: undefined }, 'eventId must be a non-empty string, got nothing'],
    ['an empty caseId', { ...envelope('c-1', 0), caseId: '' }, 'caseId must be a non-empty string, got ""'],
    ['a numeric hash', { ...envelope('c-1', 0), hash: 42 }, 'hash must be a non-empty string, got 42'],
    ['no data', { ...envelope('c-1', 0), data: undefined }, 'data is missing'],
    ['a fractional revision', { ...envelope('c-1', 0), revision: 1.5 }, 'revision must be an integer >= 0, got 1.5'],
    ['a negative revision', { ...envelope('c-1', 0), revision: -1 }, 'revision must be an integer >= 0, got -1'],
    ['an undefined causationId', { ...envelope('c-1', 0), causationId: undefined }, 'causationId must be a non-empty string or null, got nothing'],
    ['an actor string', { ...envelope('c-1', 0), actor: 'resident-1' }, 'actor must be an object, got "resident-1"'],
    ['an actor without id', { ...envelope('c-1', 0), actor: { role: 'unit' } }, 'actor.id must be a non-empty string, got nothing'],
    ['an unknown role', { ...envelope('c-1', 0), actor: { id: 'x', role: 'mayor' } }, 'actor.role must be a known role, got "mayor"'],
    ['an inherited role', { ...envelope('c-1', 0), actor: { id: 'x', role: 'toString' } }, 'actor.role must be a known role, got "toString"'],
    ['a numeric unitId', { ...envelope('c-1', 0), actor: { id: 'x', role: 'unit', unitId: 7 } }, 'actor.unitId must be a non-empty string when present, got 7'],
  ])('rejects %s, saying why', (_case, value, problem) => {
    expect(envelopeProblem(value)).toBe(problem);
    expect(isEventEnvelope(value)).toBe(false);
  });

  it('keeps a long value short in the reason', () => {
    expect(envelopeProblem('x'.repeat(500))).toBe(`the value is "${'x'.repeat(56)}..., not an object`);
  });
});
