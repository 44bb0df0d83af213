import { type DynamicModule, Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { Metrics } from '@whistle/http';
import { NOTIFIER, type NotificationsDependencies } from './notifications.dependencies';
import { NotificationsHttpController } from './notifications.http.controller';

/** Counts the tries on /metrics by outcome, so an alert can watch the dead letters grow. */
@Injectable()
class DeliveryMonitor implements OnModuleInit {
  constructor(
    @Inject(NOTIFIER) private readonly notifier: NotificationsDependencies,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    const tries = this.metrics.counter({
      name: 'whistle_notification_attempts_total',
      help: 'Tries to deliver a notification, by outcome: delivered, failed (to be retried) or dead (the last try of its round failed)',
      labelNames: ['outcome'],
    });
    this.notifier.onAttempt((outcome) => tries.inc({ outcome }));
  }
}

/** The notifications' HTTP side; the host feeds the notifier with its consumer and starts its timer. */
@Module({})
export class NotificationsModule {
  static register(notifier: NotificationsDependencies): DynamicModule {
    return { module: NotificationsModule, controllers: [NotificationsHttpController], providers: [{ provide: NOTIFIER, useValue: notifier }, DeliveryMonitor] };
  }
}
