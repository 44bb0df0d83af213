import { createLogger } from './logger.factory';
import { PinoNestLogger } from './pino-nest.logger';
import { runWithCorrelationId } from '@whistle/application';

describe('PinoNestLogger and createLogger', () => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ service: 'intake', level: 'debug', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  beforeEach(() => lines.splice(0));

  it('writes Nest’s messages as JSON with their context, and errors with their stack', () => {
    const nest = new PinoNestLogger(logger);
    nest.log('Mapped {/api/health, GET} route', 'RouterExplorer');
    nest.error('boot failed', 'Error: boot failed\n    at main', 'NestApplication');
    nest.verbose('quiet');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', service: 'intake', context: 'RouterExplorer', msg: 'Mapped {/api/health, GET} route' }),
      expect.objectContaining({ level: 'error', context: 'NestApplication', stack: 'Error: boot failed\n    at main', msg: 'boot failed' }),
    ]);
  });

  it('adds the correlation id of the work in hand to every line', () => {
    runWithCorrelationId('corr-7', () => logger.info('case reported'));
    logger.info('outside');
    expect(lines[0]).toMatchObject({ correlationId: 'corr-7', msg: 'case reported', time: expect.stringMatching(/Z$/) });
    expect(lines[1]).not.toHaveProperty('correlationId');
  });
});
