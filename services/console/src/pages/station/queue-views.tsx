import { Segmented } from 'antd';
import type { SetURLSearchParams } from 'react-router-dom';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages.zh-CN';

/**
 * What a station must triage now: new reports, and cases reopened (after a dissatisfied callback,
 * or by the station or the reporter) that wait for a new whistle.
 */
const TRIAGE_STATUSES = ['triaged', 'reopened'].join(',');

/** The station's standing views of its queue, each a set of the list's own filters. */
const VIEWS: readonly { key: string; label: MessageKey; filters: Readonly<Record<string, string>> }[] = [
  { key: 'all', label: 'queueViews.all', filters: {} },
  { key: 'triage', label: 'queueViews.triage', filters: { status: TRIAGE_STATUSES } },
  { key: 'duplicates', label: 'queueViews.duplicates', filters: { status: 'duplicate' } },
  { key: 'level1', label: 'level.1', filters: { level: '1' } },
  { key: 'level2', label: 'level.2', filters: { level: '2' } },
  { key: 'level3', label: 'level.3', filters: { level: '3' } },
  { key: 'level4', label: 'level.4', filters: { level: '4' } },
  { key: 'overdue', label: 'queueViews.overdue', filters: { overdue: 'true' } },
  // Every unit has its outcome: the reporter waits for the station's call (回访) before the case closes.
  { key: 'callback', label: 'queueViews.callback', filters: { status: 'resolved' } },
];
const FILTERS = ['status', 'level', 'overdue', 'category'];

/** 待分拣, 疑似重复, each level, 超时, 待回访: one tap each; the filters below stay free to combine. */
export function QueueViews({ params, setParams }: { params: URLSearchParams; setParams: SetURLSearchParams }) {
  const { t } = useI18n();
  const current = VIEWS.find((view) => FILTERS.every((name) => (params.get(name) ?? undefined) === view.filters[name]))?.key;
  return (
    <div style={{ overflowX: 'auto', marginBottom: 16 }}>
      <Segmented
        aria-label={t('queueViews.label')}
        data-testid="queue-views"
        value={current ?? ''}
        options={VIEWS.map((view) => ({ value: view.key, label: t(view.label) }))}
        onChange={(key) => {
          const view = VIEWS.find((v) => v.key === key);
          if (!view) return;
          const next = new URLSearchParams(params);
          for (const name of [...FILTERS, 'page']) next.delete(name);
          for (const [name, value] of Object.entries(view.filters)) next.set(name, value);
          setParams(next);
        }}
      />
    </div>
  );
}
