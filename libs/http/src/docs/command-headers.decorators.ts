import { applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';

/** Documents the optional Idempotency-Key and If-Match headers a command accepts. */
export const ApiCommandHeaders = () =>
  applyDecorators(
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Sent again with the same body, returns the first result' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'The revision the command expects; 412 when the case moved on' }),
  );
