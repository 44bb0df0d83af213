import type { Role } from '../api/types';
import type { MessageKey } from '../i18n/messages.zh-CN';

export interface NavItem {
  readonly path: string;
  readonly label: MessageKey;
}

const QUEUE_LABEL: Record<Role, MessageKey> = {
  station: 'nav.queue.station',
  reporter: 'nav.queue.reporter',
  unit: 'nav.queue.other',
  office: 'nav.queue.other',
  auditor: 'nav.queue.other',
  admin: 'nav.queue.other',
};

/** The pages each role sees in the side navigation, the first being its home page. */
export function navigationOf(role: Role): readonly NavItem[] {
  const queue: NavItem = { path: '/queue', label: QUEUE_LABEL[role] };
  const report: NavItem = { path: '/report', label: 'nav.report' };
  const dashboard: NavItem = { path: '/dashboard', label: 'nav.dashboard' };
  const inbox: NavItem = { path: '/inbox', label: 'nav.inbox' };
  const mine: NavItem = { path: '/mine', label: 'nav.mine' };
  const meetings: NavItem = { path: '/meetings', label: 'nav.meetings' };
  const audit: NavItem = { path: '/audit', label: 'nav.audit' };
  switch (role) {
    case 'station':
      return [queue, report];
    case 'reporter':
      return [report, mine];
    case 'office':
      return [dashboard, meetings, queue, report];
    case 'auditor':
      return [audit, queue, dashboard, meetings];
    case 'unit':
      return [inbox, queue];
    case 'admin':
      return [queue];
  }
}
