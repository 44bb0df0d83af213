import type { Notifier } from './notifier';

export const NOTIFIER = Symbol('NOTIFIER');
export type NotificationsDependencies = Notifier;
