import { useState } from 'react';
import { Badge, Button, Card, Empty, Pagination, Segmented, Space, Spin, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { FieldCase, Paged, TaskListItem } from '../../api/field-types';
import { untilReadSideShows } from '../../api/read-side';
import { useLiveCases } from '../../api/use-live-cases';
import { useLoad } from '../../api/use-load';
import { ErrorAlert } from '../../components/error-alert';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { TaskCard } from './task-card';
import { AwaitingEvaluationsLink } from '../supervision/awaiting-link';

const VIEWS = ['open', 'closed', 'all'] as const;
type View = (typeof VIEWS)[number];
const OPEN_FILTER: Record<View, boolean | undefined> = { open: true, closed: false, all: undefined };
const PAGE_SIZE = 10;

/** 我的任务: a unit's tasks, the ones still to be worked first, paged by the server, laid out for a phone. */
export function InboxPage() {
  const { t } = useI18n();
  const { token } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const view: View = VIEWS.find((v) => v === params.get('view')) ?? 'open';
  const page = Number(params.get('page') ?? 1);
  const tasks = useLoad(
    (signal) => api<Paged<TaskListItem>>('GET', '/api/enforcement/tasks', { token, signal, query: { open: OPEN_FILTER[view], page, pageSize: PAGE_SIZE } }),
    `${token}|${view}|${page}`,
  );
  // The read side streams changes to the cases of this unit's tasks: a new task shows without a reload.
  const live = useLiveCases(() => tasks.reload());
  const command = useCommand();
  const [reporting, setReporting] = useState<string | null>(null);

  const reportIn = async (task: TaskListItem) => {
    setReporting(task.taskId);
    const sent = await command.run(() => api('POST', `/api/enforcement/tasks/${task.taskId}/report-in`, { token }), t('task.reportIn.done'));
    if (sent) {
      const reportedIn = (next: FieldCase) => next.tasks.some((other) => other.taskId === task.taskId && other.status !== 'assigned');
      await untilReadSideShows(() => api<FieldCase>('GET', `/api/query/cases/${task.caseId}`, { token }), reportedIn);
      tasks.reload();
    }
    setReporting(null);
  };

  const go = (next: Record<string, string>) => setParams(new URLSearchParams({ view, page: String(page), ...next }));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 820 }}>
      <Card
        title={
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('inbox.title')}
          </Typography.Title>
        }
        extra={
          <Space>
            <Badge status={live.status === 'live' ? 'success' : 'default'} text={t(`live.${live.status}`)} data-testid="live-status" />
            <Button onClick={tasks.reload}>{t('common.refresh')}</Button>
          </Space>
        }
      >
        <Segmented<View> aria-label={t('inbox.view')} value={view} onChange={(v) => go({ view: v, page: '1' })} options={VIEWS.map((v) => ({ value: v, label: t(`inbox.view.${v}`) }))} />
      </Card>
      <AwaitingEvaluationsLink side="unit" changed={String(tasks.data?.total ?? '')} />
      {tasks.error !== null && <ErrorAlert error={tasks.error} onRetry={tasks.reload} />}
      {command.error !== null && <ErrorAlert error={command.error} />}
      {tasks.loading && !tasks.data && <Spin />}
      {tasks.data && tasks.data.items.length === 0 && <Empty description={t('inbox.empty')} />}
      {tasks.data?.items.map((task) => <TaskCard key={task.taskId} task={task} onReportIn={reportIn} reporting={reporting === task.taskId} />)}
      {tasks.data && tasks.data.total > PAGE_SIZE && (
        <Pagination current={page} pageSize={PAGE_SIZE} total={tasks.data.total} showSizeChanger={false} onChange={(p) => go({ page: String(p) })} showTotal={(total) => t('inbox.total', { total })} />
      )}
    </Space>
  );
}
