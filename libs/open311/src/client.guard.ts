import { type CanActivate, createParamDecorator, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@whistle/auth';
import type { AuthenticatedRequest } from '@whistle/http';
import type { Open311Client, Open311Clients } from './clients';

/** The clients a service filing requests was started with (OPEN311_CLIENTS_FILE). */
export const OPEN311_CLIENTS = Symbol('OPEN311_CLIENTS');

type ClientRequest = AuthenticatedRequest & { open311Client?: Open311Client };

/**
 * Who a client is to the system: the actor of what it files, with the office's reach (a hotline
 * files for the whole town); no token role fits a system better.
 */
export function open311Principal(client: Open311Client): Principal {
  return { sub: `open311:${client.id}`, role: 'office' };
}

/**
 * The api_key of a posted request names its client, before the body is validated: a caller
 * without a good key learns nothing of what the fields should be. 403 for a key no client has, or
 * when none is configured; 400 for a request without one. The client becomes the request's principal.
 */
@Injectable()
export class Open311ClientGuard implements CanActivate {
  constructor(@Inject(OPEN311_CLIENTS) private readonly clients: Open311Clients) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<ClientRequest>();
    const key = (request.body as Record<string, unknown> | undefined)?.['api_key'];
    const client = this.clients.authenticate(typeof key === 'string' ? key : undefined);
    request.open311Client = client;
    // The platform's Idempotency-Key interceptor keeps each caller's keys apart by its principal.
    request.principal = open311Principal(client);
    return true;
  }
}

/** The client Open311ClientGuard found. */
export const CurrentOpen311Client = createParamDecorator((_data: unknown, context: ExecutionContext): Open311Client => {
  const client = context.switchToHttp().getRequest<ClientRequest>().open311Client;
  if (client === undefined) throw new Error('no Open311 client on the request: the route lacks Open311ClientGuard');
  return client;
});
