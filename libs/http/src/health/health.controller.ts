import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { Public } from '../auth/auth.decorators';
import { ApiAnswer, ApiError } from '../docs/api-responses.decorators';
import { object, oneOf, mapOf, text, list } from '../docs/schema';
import { LOGGER } from '../http.tokens';
import { type ReadinessReport, ReadinessRegistry } from './readiness.registry';

const READINESS = object(
  { status: oneOf(['ready', 'not_ready']), checks: mapOf(text(), '`ok`, or `failed: …` saying why, per dependency') },
  { attention: list(text(), 'the checks that call for attention, when any do') },
);

@Public()
@ApiTags('health')
@Controller('api')
export class HealthController {
  constructor(
    private readonly readiness: ReadinessRegistry,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Liveness: the process answers. */
  @Get('health')
  @ApiAnswer(object({ status: oneOf(['ok']) }), { description: 'The process answers' })
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: every registered dependency answers; 503 names the ones that do not. */
  @Get('ready')
  @ApiAnswer(READINESS, { description: 'Every dependency answers' })
  @ApiError(503, { description: 'A dependency does not answer, or took over 2 s: `checks` says which', content: { 'application/json': { schema: READINESS } } })
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessReport> {
    const report = await this.readiness.run();
    if (report.status === 'not_ready') {
      this.logger.warn({ checks: report.checks }, 'not ready');
      response.status(503);
    }
    return report;
  }
}
