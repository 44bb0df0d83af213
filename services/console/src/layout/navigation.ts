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
  const toRate: NavItem = { path: '/evaluations', label: 'nav.evaluations' };
  const evaluations: NavItem = { path: '/evaluations', label: 'nav.evaluations.all' };
  const quarterly: NavItem = { path: '/quarterly', label: 'nav.quarterly' };
  const firms: NavItem = { path: '/firms', label: 'nav.firms' };
  const assessments: NavItem = { path: '/assessments', label: 'nav.assessments' };
  const notices: NavItem = { path: '/notices', label: 'nav.notices' };
  const bulletin: NavItem = { path: '/bulletin', label: 'nav.bulletin' };
  const compounds: NavItem = { path: '/compounds', label: 'nav.compounds' };
  const notifications: NavItem = { path: '/notifications', label: 'nav.notifications' };
  const catalogue: NavItem = { path: '/catalogue', label: 'nav.catalogue' };
  const catalogueHistory: NavItem = { path: '/catalogue', label: 'nav.catalogue.history' };
  switch (role) {
    case 'station':
      return [queue, report, toRate, assessments, firms, compounds, notifications];
    case 'reporter':
      return [report, mine];
    case 'office':
      return [dashboard, quarterly, meetings, queue, report, assessments, firms, compounds, notices, bulletin, notifications, catalogueHistory];
    case 'auditor':
      return [audit, queue, dashboard, quarterly, meetings, evaluations, assessments, firms, compounds, notices, bulletin, notifications, catalogueHistory];
    case 'unit':
      return [inbox, queue, toRate, notifications];
    case 'admin':
      return [queue, catalogue, firms, compounds];
  }
}
