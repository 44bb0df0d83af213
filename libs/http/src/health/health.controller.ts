import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { Public } from '../auth/auth.decorators';
import { LOGGER } from '../http.tokens';
import { type ReadinessReport, ReadinessRegistry } from './readiness.registry';

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
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: every registered dependency answers; 503 names the ones that do not. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessReport> {
    const report = await this.readiness.run();
    if (report.status === 'not_ready') {
      this.logger.warn({ checks: report.checks }, 'not ready');
      response.status(503);
    }
    return report;
  }
}
