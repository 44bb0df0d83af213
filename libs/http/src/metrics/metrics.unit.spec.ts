import { Metrics } from './metrics';

describe('Metrics', () => {
  it('gives a service its counter, and the same one when asked again', async () => {
    const metrics = new Metrics();
    const recorded = metrics.counter({ name: 'commands_recorded_total', help: 'commands recorded', labelNames: ['type'] });
    recorded.inc({ type: 'intake.CaseReported.v1' });
    metrics.counter({ name: 'commands_recorded_total', help: 'commands recorded', labelNames: ['type'] }).inc({ type: 'intake.CaseReported.v1' });
    expect(await metrics.registry.metrics()).toContain('commands_recorded_total{type="intake.CaseReported.v1"} 2');
  });

  it('keeps apps apart: each has its own registry', async () => {
    new Metrics().counter({ name: 'only_here_total', help: 'x' }).inc();
    expect(await new Metrics().registry.metrics()).not.toContain('only_here_total');
  });

  it('refuses a histogram under a counter’s name', () => {
    const metrics = new Metrics();
    metrics.counter({ name: 'relay_lag', help: 'x' });
    expect(() => metrics.histogram({ name: 'relay_lag', help: 'x' })).toThrow('metric relay_lag is registered already, and is not a histogram');
  });
});
