import { type DynamicModule, Module } from '@nestjs/common';
import { NOTIFIER, type NotificationsDependencies } from './notifications.dependencies';
import { NotificationsHttpController } from './notifications.http.controller';

/** The notifications' HTTP side; the host feeds the notifier with its consumer and starts its timer. */
@Module({})
export class NotificationsModule {
  static register(notifier: NotificationsDependencies): DynamicModule {
    return { module: NotificationsModule, controllers: [NotificationsHttpController], providers: [{ provide: NOTIFIER, useValue: notifier }] };
  }
}
