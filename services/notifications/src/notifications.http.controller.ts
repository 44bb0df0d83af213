import { Controller, ForbiddenException, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@whistle/auth';
import { refuse } from '@whistle/kernel';
import { NotFound } from '@whistle/application';
import { ApiAnswer, ApiErrors, CurrentPrincipal, Roles } from '@whistle/http';
import type { Recipient } from './notification';
import type { StoredNotification } from './notification-outbox';
import { NOTIFICATION, NOTIFICATION_PAGE } from './notifications.answers';
import { NOTIFIER, type NotificationsDependencies } from './notifications.dependencies';
import { NotificationIdParam, NotificationListRequest } from './notifications.request.dto';

export interface NotificationPage {
  readonly items: StoredNotification[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

@ApiTags('notifications 通知')
@ApiBearerAuth()
@Controller('api/notifications')
export class NotificationsHttpController {
  constructor(@Inject(NOTIFIER) private readonly notifier: NotificationsDependencies) {}

  @Get()
  @Roles('office', 'auditor', 'unit', 'station')
  @ApiOperation({
    summary:
      'Notifications (通知) and their delivery, newest first: pending, delivered, retrying (with the next try’s time), dead, or no_channel (the recipient names no webhook), each with every try. The office and auditors see all; a unit or a station its own',
  })
  @ApiAnswer(NOTIFICATION_PAGE, { description: 'A page of notifications' })
  list(@Query() query: NotificationListRequest, @CurrentPrincipal() principal: Principal): NotificationPage {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const recipient = recipientOf(principal);
    const filter = { ...(recipient ? { recipient } : {}), ...(query.status ? { status: query.status } : {}), ...(query.caseId ? { caseId: query.caseId } : {}) };
    return { ...this.notifier.outbox.list(filter, (page - 1) * pageSize, pageSize), page, pageSize };
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({ summary: 'Try a dead notification again (a new round of tries with backoff); its earlier tries stay in its record' })
  @ApiAnswer(NOTIFICATION, { description: 'The notification, pending again' })
  @ApiErrors(404, 409)
  retry(@Param() { id }: NotificationIdParam): StoredNotification {
    const found = this.notifier.outbox.get(id);
    if (!found) throw new NotFound('notification', id);
    if (!this.notifier.retry(id)) refuse('not_dead', `notification ${id} is ${found.status}: only a dead one is tried again by hand`);
    return this.notifier.outbox.get(id) ?? found;
  }
}

/** A unit or a station sees only what was sent to it; the office and auditors see everything. */
function recipientOf(principal: Principal): Recipient | undefined {
  if (principal.role !== 'unit' && principal.role !== 'station') return undefined;
  const id = principal.role === 'unit' ? principal.unitId : principal.stationId;
  if (id === undefined) throw new ForbiddenException(`a ${principal.role} token must name its ${principal.role}Id`);
  return { kind: principal.role, id };
}
