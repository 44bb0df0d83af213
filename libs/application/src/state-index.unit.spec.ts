import { setFlagsFromString } from 'node:v8';
import { kept } from './state-index';

setFlagsFromString('--allow-natives-syntax');
const sameHiddenClass = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

describe('kept', () => {
  it('copies a plain state member by member and keeps anything else as it is', () => {
    const state = { caseId: 'c1', status: 'open', tasks: ['t1'] };
    const copy = kept(state);
    expect(copy).toEqual(state);
    expect(copy).not.toBe(state);
    expect(copy.tasks).toBe(state.tasks);
    const list = [1, 2];
    expect(kept(list)).toBe(list);
    const date = new Date(0);
    expect(kept(date)).toBe(date);
    expect(kept(3)).toBe(3);
    expect(kept(null)).toBeNull();
  });

  it('gives states of one shape one hidden class, however the evolve spread them', () => {
    // A spread at a site that has met many shapes: V8 (Node 20) gives each object it makes a
    // hidden class of its own, which a state held for the life of the process pays for.
    const facts = (i: number) => JSON.parse(`{"caseId":"c${i}","compoundId":"x","category":"y","reportedAt":"t","k${i % 40}":1}`) as Record<string, unknown>;
    const evolve = (source: Record<string, unknown>, i: number) => ({ ...source, status: 'duplicate', duplicateOf: `d${i}` });
    const states = Array.from({ length: 400 }, (_, i) => kept(evolve(facts(i), i)));
    for (let i = 40; i < states.length; i += 1) expect(sameHiddenClass(states[i]!, states[i - 40]!)).toBe(true);
  });
});
