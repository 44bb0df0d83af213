import { Badge, Button, Card, Select, Space, Switch, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ExclamationCircleOutlined } from '@ant-design/icons';
import { useCatalogue } from '../api/catalogue';
import { api } from '../api/client';
import { CASE_STATUSES, LEVELS, type CaseDetail, type CasePage, type Deadline } from '../api/types';
import type { TriageListItem } from '../api/field-types';
import { useLoad } from '../api/use-load';
import { useLiveCases } from '../api/use-live-cases';
import { CaseTable } from '../components/case-table';
import { useListParams } from '../components/use-list-params';
import { Countdown } from '../components/countdown';
import { ErrorAlert } from '../components/error-alert';
import { useI18n } from '../i18n/i18n';
import { useSignedIn } from '../session/session';
import type { MessageKey } from '../i18n/messages.zh-CN';
import { QueueViews } from './station/queue-views';
import { AwaitingEvaluationsLink } from './supervision/awaiting-link';

interface Row extends TriageListItem {
  /** The earliest deadline still pending, from the case's own view. */
  readonly nextDeadline: Deadline | null;
}

/**
 * The cases the caller's role may see (a station: its communities'; a reporter: its compound's),
 * paged and filtered by the server; the filters live in the address so a reload keeps them.
 */
export function QueuePage() {
  const { t, nameOf } = useI18n();
  const { token, principal } = useSignedIn();
  const catalogue = useCatalogue();
  const list = useListParams(10);
  const { params, setParams, setFilter } = list;
  const filters = {
    status: params.get('status') ?? undefined,
    level: params.get('level') ?? undefined,
    category: params.get('category') ?? undefined,
    overdue: params.get('overdue') === 'true' ? true : undefined,
    page: list.page,
    pageSize: list.pageSize,
  };
  const cases = useLoad(async (signal) => {
    const page = await api<CasePage>('GET', '/api/query/cases', { token, signal, query: filters });
    // The list carries no deadlines: each visible case's view gives its next one (a page at most).
    const rows = await Promise.all(
      page.items.map(async (item): Promise<Row> => {
        const detail = await api<CaseDetail>('GET', `/api/query/cases/${item.id}`, { token, signal }).catch(() => null);
        const pending = [...(detail?.deadlines ?? [])].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
        return { ...(item as TriageListItem), nextDeadline: pending[0] ?? null };
      }),
    );
    return { ...page, rows };
  }, `${token}|${params.toString()}`);
  // The queue follows the read side's changes as they happen: no refresh by hand.
  const live = useLiveCases(() => cases.reload());

  const titleKey: MessageKey = principal.role === 'station' ? 'queue.title.station' : principal.role === 'reporter' ? 'queue.title.reporter' : 'queue.title.other';
  const deadline: ColumnsType<Row> = [
    {
      title: t('queue.col.deadline'),
      key: 'deadline',
      render: (_, row) =>
        row.nextDeadline ? (
          <Countdown dueAt={row.nextDeadline.dueAt} overdue={row.nextDeadline.overdue} />
        ) : row.overdue ? (
          <Tag color="#a8071a" icon={<ExclamationCircleOutlined />} data-testid="overdue">
            {t('deadline.overdueMark')}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{t('deadline.none')}</Typography.Text>
        ),
    },
  ];

  return (
    <Card
      title={
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t(titleKey)}
        </Typography.Title>
      }
      extra={
        <Space>
          <Badge status={live.status === 'live' ? 'success' : 'default'} text={t(`live.${live.status}`)} data-testid="live-status" />
          <Button onClick={cases.reload}>{t('common.refresh')}</Button>
        </Space>
      }
    >
      {principal.role === 'station' && <QueueViews params={params} setParams={setParams} />}
      {principal.role === 'station' && <AwaitingEvaluationsLink side="station" changed={String(cases.data?.total ?? '')} />}
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('queue.filter.status')}
          data-testid="filter-status"
          placeholder={t('queue.filter.status')}
          mode="multiple"
          allowClear
          style={{ minWidth: 160 }}
          value={filters.status?.split(',') ?? []}
          onChange={(v: string[]) => setFilter('status', v.join(','))}
          options={CASE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <Select
          aria-label={t('queue.filter.level')}
          data-testid="filter-level"
          placeholder={t('queue.filter.level')}
          allowClear
          style={{ minWidth: 140 }}
          value={filters.level}
          onChange={(v?: string) => setFilter('level', v)}
          options={LEVELS.map((l) => ({ value: String(l), label: t(`level.${l}`) }))}
        />
        <Select
          aria-label={t('queue.filter.category')}
          data-testid="filter-category"
          placeholder={t('queue.filter.category')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ minWidth: 180 }}
          value={filters.category}
          onChange={(v?: string) => setFilter('category', v)}
          options={catalogue.categories.map((c) => ({ value: c.id, label: nameOf(c.name) }))}
        />
        <Space>
          <Switch aria-label={t('queue.filter.overdue')} checked={filters.overdue === true} onChange={(on) => setFilter('overdue', on ? 'true' : undefined)} />
          <span aria-hidden>{t('queue.filter.overdue')}</span>
        </Space>
      </Space>
      {cases.error !== null && <ErrorAlert error={cases.error} onRetry={cases.reload} />}
      <CaseTable<Row>
        testId="case-table"
        rows={cases.data?.rows ?? []}
        total={cases.data?.total ?? 0}
        loading={cases.loading}
        list={list}
        totalText={(total) => t('queue.total', { total })}
        links={(row) => [{ to: `/cases/${row.id}`, label: t('queue.open') }]}
        categoryNote={(row) => row.duplicateOf && <Tag style={{ marginLeft: 8 }}>{t('queueViews.duplicateTag')}</Tag>}
        extraColumns={deadline}
      />
    </Card>
  );
}
