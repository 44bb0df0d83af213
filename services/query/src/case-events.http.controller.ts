import { Controller, Get, Inject, type OnModuleDestroy, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { PRINCIPAL_ROLES, type Principal } from '@whistle/auth';
import { encodePosition, positionOf } from '@whistle/application';
import { ApiAnswer, CurrentPrincipal, Roles, schema } from '@whistle/http';
import { caseListWhere, matches } from '@whistle/read-models';
import { scopedCaseFilter } from './caller-scope';
import { QUERY, type QueryDependencies } from './query.dependencies';
import { ReadSideConsistencyInterceptor } from './read-side-consistency.interceptor';
import { ReadSideProgress, type CaseChange } from './read-side-progress';

const HEARTBEAT_MS = 15_000;
/** A client that reads slower than this much is behind on is let go; it reconnects and reloads. */
const MOST_UNREAD_BYTES = 1 << 20;

/** One change as the stream sends it: enough to update a row, or to know to reload it. */
export interface CaseChangeEvent {
  readonly id: string;
  readonly status: string;
  readonly level: number | null;
  /** the case view's revision: how many events it has applied */
  readonly revision: number;
  /** the position of the last event that changed it: send it as After-Position to read at least this */
  readonly position: string | null;
  readonly updatedAt: string;
}

/**
 * Server-sent events (text/event-stream) of the changes to the cases the caller may see, scoped
 * exactly as the case list: a reporter its compound's, a station its own, a unit those it is
 * involved in, the office, auditor and admin every case. Each change is an `event: case` whose
 * `data` is a CaseChangeEvent and whose `id` is its position; a comment every 15 s keeps proxies
 * from closing an idle stream. Read with `fetch` so the bearer token stays in a header.
 */
@ApiTags('query 读侧')
@ApiBearerAuth()
@Controller('api/query')
@UseInterceptors(ReadSideConsistencyInterceptor)
export class CaseEventsHttpController implements OnModuleDestroy {
  private readonly open = new Set<() => void>();

  constructor(
    @Inject(QUERY) private readonly deps: QueryDependencies,
    @Inject(ReadSideProgress) private readonly progress: ReadSideProgress,
  ) {}

  @Get('cases/events')
  @Roles(...PRINCIPAL_ROLES)
  @ApiAnswer(schema.text(), {
    description: 'A stream of `event: case` frames (`id:` the position, `data:` { id, status, level, revision, position, updatedAt }), `event: ready` first, and `: heartbeat` comments',
    // Each event, as a client's parser reads it: its data is a CaseChangeEvent's JSON (`{}` for `ready`).
    only: { 'text/event-stream': schema.object({ data: schema.text() }, { event: schema.oneOf(['ready', 'case']), id: schema.text(), retry: schema.integer() }) },
  })
  @ApiOperation({
    summary: 'Live changes to the cases the caller may see (server-sent events): event `case`, data { id, status, level, revision, position, updatedAt }; heartbeats every 15 s',
  })
  stream(@CurrentPrincipal() principal: Principal, @Req() request: Request, @Res() response: Response): void {
    const where = caseListWhere(scopedCaseFilter(principal, {}));
    response.status(200);
    response.set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // nginx (and ingress-nginx) pass each event on at once instead of buffering the response.
      'X-Accel-Buffering': 'no',
    });
    response.flushHeaders();
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      stopListening();
      this.open.delete(close);
      response.end();
    };
    const send = (text: string) => {
      if (closed) return;
      if (response.writableLength > MOST_UNREAD_BYTES) return close();
      try {
        response.write(text);
      } catch {
        // The connection is gone under us: the client reconnects and loads again.
        close();
      }
    };
    const stopListening = this.progress.onCases((changes) => {
      for (const change of changes) if (matches(change.view, where)) send(frame(change));
    });
    const heartbeat = setInterval(() => send(`: heartbeat ${new Date().toISOString()}\n\n`), this.deps.liveHeartbeatMs ?? HEARTBEAT_MS);
    this.open.add(close);
    request.on('close', close);
    send(`retry: 3000\nevent: ready\ndata: {}\n\n`);
  }

  /** Open streams would keep the server from closing: they end with the module. */
  onModuleDestroy(): void {
    for (const close of [...this.open]) close();
  }
}

function frame({ view, event }: CaseChange): string {
  const at = positionOf(event);
  const position = at ? encodePosition(at) : null;
  const change: CaseChangeEvent = { id: view.id, status: view.status, level: view.level, revision: view.version, position, updatedAt: view.updatedAt };
  return `${position ? `id: ${position}\n` : ''}event: case\ndata: ${JSON.stringify(change)}\n\n`;
}
