export { NotificationsModule } from './notifications.module';
export { Notifier, outboxFileIn } from './notifier';
export { openNotifier } from './open-notifier';
export { concernsNotifier } from './who-is-notified';
export { WEBHOOK_HEADERS, verifyWebhook, webhookSignature } from './webhook-signature';
