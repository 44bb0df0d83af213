import { Card, Tabs, Typography } from 'antd';
import type { Role } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages.zh-CN';
import { WhistlePanel } from '../whistle-panel';
import { ActivityPanel } from './activity-panel';
import { CallbackPanel } from './callback-panel';
import { LevelPanel } from './level-panel';
import type { PanelProps } from './panel';
import { RejectPanel } from './reject-panel';

interface Action {
  readonly key: string;
  readonly label: MessageKey;
  readonly roles: readonly Role[];
  readonly Panel: (props: PanelProps) => React.JSX.Element;
}

/** What the station (and, where the API lets it, the office) can do with the case as it stands. */
function actionsFor({ view }: PanelProps): Action[] {
  switch (view.status) {
    case 'triaged':
    case 'reopened':
      return [
        { key: 'whistle', label: 'whistle.title', roles: ['station'], Panel: WhistlePanel },
        { key: 'reject', label: 'reject.title', roles: ['station', 'office'], Panel: RejectPanel },
      ];
    case 'whistled':
    case 'in_progress':
    case 'adjudicating': {
      const publicity = view.level === 1 && view.publicity?.status === 'requested';
      return [
        ...(publicity ? [{ key: 'activity', label: 'activity.title', roles: ['station'], Panel: ActivityPanel } as const] : []),
        { key: 'level', label: 'levelChange.title', roles: ['station', 'office'], Panel: LevelPanel },
      ];
    }
    case 'resolved':
      return [{ key: 'callback', label: 'callbackForm.title', roles: ['station', 'office'], Panel: CallbackPanel }];
    default:
      return [];
  }
}

export function StationActions({ role, ...props }: PanelProps & { role: Role }) {
  const { t } = useI18n();
  const actions = actionsFor(props).filter((action) => action.roles.includes(role));
  if (actions.length === 0) return null;
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('stationActions.title')}</Typography.Title>} data-testid="station-actions">
      <Tabs
        size="small"
        items={actions.map(({ key, label, Panel }) => ({
          key,
          label: t(label),
          children: <Panel {...props} />,
        }))}
      />
    </Card>
  );
}

/** Whether the case page has actions to offer this role, so it can make room for them. */
export function hasStationActions(props: PanelProps, role: Role): boolean {
  return actionsFor(props).some((action) => action.roles.includes(role));
}
