import { ReadinessRegistry } from './readiness.registry';

describe('ReadinessRegistry', () => {
  it('is ready with no checks, and when every check passes', async () => {
    const registry = new ReadinessRegistry();
    expect(await registry.run()).toEqual({ status: 'ready', checks: {} });
    registry.register('store', async () => 'fine');
    expect(await registry.run()).toEqual({ status: 'ready', checks: { store: 'ok' } });
  });

  it('names a check that throws and one that hangs', async () => {
    const registry = new ReadinessRegistry(50);
    registry.register('store', () => {
      throw new Error('database is locked');
    });
    registry.register('bus', () => new Promise(() => undefined));
    expect(await registry.run()).toEqual({
      status: 'not_ready',
      checks: { store: 'failed: database is locked', bus: 'failed: no answer within 50 ms' },
    });
  });

  it('refuses a second check by the same name', () => {
    const registry = new ReadinessRegistry();
    registry.register('store', () => undefined);
    expect(() => registry.register('store', () => undefined)).toThrow('readiness check store is registered already');
  });
});
