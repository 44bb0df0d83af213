import { useEffect } from 'react';
import { Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Paged } from '../../api/field-types';
import { useLoad } from '../../api/use-load';
import { ErrorAlert } from '../../components/error-alert';
import { useCommand } from '../../components/use-command';
import { PAGE_SIZES, useListParams } from '../../components/use-list-params';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { useActorNames } from '../office/unit-names';
import { NOTIFICATION_STATUSES, type NotificationEntry, type NotificationStatus } from './notification-types';

/** How often the page asks again: deliveries and retries move on their own, every few seconds. */
const POLL_MS = 3_000;

// Ant Design's darker shades with white text, as the case tags: the preset light tags fall short of 4.5:1 contrast.
const STATUS_COLOUR: Record<NotificationStatus, string> = { pending: '#0958d9', retrying: '#874d00', delivered: '#237804', dead: '#a8071a', no_channel: '#595959' };

/**
 * 通知投递: the notifications the caller may see (the office and auditors all, a unit or a station
 * its own) with each one's delivery, live; the office tries a dead letter again.
 */
export default function NotificationsPage() {
  const { t, locale } = useI18n();
  const { token, principal } = useSignedIn();
  const names = useActorNames();
  const list = useListParams(20);
  const asked = list.params.get('status') ?? '';
  const status: NotificationStatus | '' = (NOTIFICATION_STATUSES as readonly string[]).includes(asked) ? (asked as NotificationStatus) : '';
  const notifications = useLoad(
    (signal) => api<Paged<NotificationEntry>>('GET', '/api/notifications', { token, signal, query: { page: list.page, pageSize: list.pageSize, status } }),
    `${token}|${list.page}|${list.pageSize}|${status}`,
  );
  const { reload } = notifications;
  useEffect(() => {
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const retry = useCommand();
  const when = (at: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(at));
  const recipientName = (r: NotificationEntry['recipient']) => `${t(`notifications.recipient.${r.kind}`)} · ${r.kind === 'unit' ? names.unit(r.id) : names.station(r.id)}`;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
        {t('notifications.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('notifications.hint')}</Typography.Text>
      <Card
        extra={
          <Space>
            <Typography.Text>{t('notifications.filter.status')}</Typography.Text>
            <Select<NotificationStatus | ''>
              data-testid="notification-status-filter"
              aria-label={t('notifications.filter.status')}
              style={{ minWidth: 140 }}
              value={status}
              onChange={(value) => list.setFilter('status', value)}
              options={[{ value: '', label: t('notifications.filter.all') }, ...NOTIFICATION_STATUSES.map((s) => ({ value: s, label: t(`notifications.status.${s}`) }))]}
            />
          </Space>
        }
      >
        {notifications.error !== null && <ErrorAlert error={notifications.error} onRetry={reload} />}
        {retry.error !== null && <ErrorAlert error={retry.error} />}
        <Table<NotificationEntry>
          data-testid="notification-list"
          rowKey="id"
          size="middle"
          dataSource={[...(notifications.data?.items ?? [])]}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('notifications.empty') }}
          pagination={{
            current: list.page,
            pageSize: list.pageSize,
            total: notifications.data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (total) => t('notifications.total', { total }),
            onChange: list.setPage,
          }}
          expandable={{
            expandedRowRender: (n) => (
              <ul data-testid="notification-attempts" style={{ margin: 0 }}>
                {n.attempts.length === 0 && <li>{t('notifications.attempt.none')}</li>}
                {n.attempts.map((a) => (
                  <li key={a.number}>
                    {t('notifications.attempt', { number: a.number, at: when(a.at), channel: a.channel })} · {t(`notifications.outcome.${a.outcome}`)}
                    {a.httpStatus !== null && ` · ${t('notifications.attempt.http', { status: a.httpStatus })}`}
                    {a.error !== null && a.httpStatus === null && ` · ${a.error}`}
                  </li>
                ))}
              </ul>
            ),
          }}
          columns={[
            { title: t('notifications.createdAt'), key: 'at', render: (_, n) => when(n.createdAt) },
            { title: t('notifications.kind'), key: 'kind', render: (_, n) => t(`notifications.kind.${n.kind}`) },
            { title: t('notifications.recipient'), key: 'recipient', render: (_, n) => recipientName(n.recipient) },
            { title: t('notifications.case'), key: 'case', render: (_, n) => (n.caseId ? <Link to={`/cases/${encodeURIComponent(n.caseId)}`}>{n.caseId}</Link> : '—') },
            {
              title: t('notifications.status'),
              key: 'status',
              render: (_, n) => (
                <Space orientation="vertical" size={0}>
                  <Tag color={STATUS_COLOUR[n.status]} data-testid="notification-status">
                    {t(`notifications.status.${n.status}`)}
                  </Tag>
                  {n.status === 'retrying' && n.nextAttemptAt && <Typography.Text type="secondary">{t('notifications.nextAttemptAt', { at: when(n.nextAttemptAt) })}</Typography.Text>}
                </Space>
              ),
            },
            { title: t('notifications.attempts'), key: 'attempts', render: (_, n) => n.attempts.length },
            ...(principal.role === 'office'
              ? [
                  {
                    key: 'retry',
                    render: (_: unknown, n: NotificationEntry) =>
                      n.status === 'dead' && (
                        <Button
                          size="small"
                          loading={retry.busy}
                          onClick={() => void retry.run(() => api('POST', `/api/notifications/${n.id}/retry`, { token }), t('notifications.retried')).then((ok) => ok && reload())}
                        >
                          {t('notifications.retry')}
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </Space>
  );
}
