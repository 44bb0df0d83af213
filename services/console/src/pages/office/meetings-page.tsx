import { Card, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Paged } from '../../api/field-types';
import type { MeetingListEntry, PendingCase } from '../../api/office-types';
import { useLoad } from '../../api/use-load';
import { Countdown } from '../../components/countdown';
import { ErrorAlert } from '../../components/error-alert';
import { PAGE_SIZES, useListParams } from '../../components/use-list-params';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { CaseLabel } from './case-label';
import { MeetingStatusTag } from './meeting-status-tag';
import { ScheduleMeetingForm } from './schedule-meeting-form';
import { useUnitName } from './unit-names';

const heading = (text: string, level: 1 | 2 = 2) => (
  <Typography.Title level={level} style={{ fontSize: level === 1 ? 20 : 16, margin: 0 }}>
    {text}
  </Typography.Title>
);

/** 联席会议: the level-4 cases awaiting a meeting, scheduling one (they form its agenda), and the meetings held and planned. */
export default function MeetingsPage() {
  const { t, locale } = useI18n();
  const { token, principal } = useSignedIn();
  const unitName = useUnitName();
  const pending = useLoad((signal) => api<{ items: PendingCase[] }>('GET', '/api/adjudication/pending-cases', { token, signal }), token);
  // Meetings accumulate over the years: the server pages them, the latest scheduled first.
  const list = useListParams(10);
  const meetings = useLoad(
    (signal) => api<Paged<MeetingListEntry>>('GET', '/api/adjudication/meetings', { token, signal, query: { page: list.page, pageSize: list.pageSize } }),
    `${token}|${list.page}|${list.pageSize}`,
  );
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const pendingCases = pending.data?.items ?? [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
        {t('meetings.title')}
      </Typography.Title>
      <Card title={heading(t('meetings.pending.title'))} extra={<Typography.Text type="secondary">{t('meetings.pending.hint')}</Typography.Text>}>
        {pending.error !== null && <ErrorAlert error={pending.error} onRetry={pending.reload} />}
        <Table<PendingCase>
          data-testid="pending-cases"
          rowKey="caseId"
          size="small"
          loading={pending.loading}
          dataSource={[...pendingCases]}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('meetings.pending.empty') }}
          columns={[
            { title: t('meetings.pending.case'), key: 'case', render: (_, p) => <CaseLabel caseId={p.caseId} /> },
            { title: t('meetings.pending.units'), key: 'units', render: (_, p) => p.units.map(unitName).join('、') },
            { title: t('meetings.pending.reason'), dataIndex: 'reason' },
            { title: t('meetings.pending.tablingDue'), key: 'due', render: (_, p) => <Countdown dueAt={p.tablingDueAt} overdue={p.overdue} /> },
            { title: t('meetings.pending.deferrals'), dataIndex: 'deferrals' },
          ]}
        />
      </Card>
      {principal.role === 'office' && <ScheduleMeetingForm pending={pendingCases} />}
      <Card title={heading(t('meetings.list.title'))}>
        {meetings.error !== null && <ErrorAlert error={meetings.error} onRetry={meetings.reload} />}
        <Table<MeetingListEntry>
          data-testid="meeting-list"
          rowKey="id"
          size="middle"
          loading={meetings.loading}
          dataSource={[...(meetings.data?.items ?? [])]}
          pagination={{
            current: list.page,
            pageSize: list.pageSize,
            total: meetings.data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (total) => t('meetings.list.total', { total }),
            onChange: list.setPage,
          }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('meetings.list.empty') }}
          columns={[
            { title: t('meeting.scheduledAt'), key: 'at', render: (_, m) => when.format(new Date(m.scheduledAt)) },
            { title: t('meeting.place'), dataIndex: 'place' },
            { title: t('meetings.list.status'), key: 'status', render: (_, m) => <MeetingStatusTag status={m.status} /> },
            { title: t('meetings.list.agenda'), key: 'agenda', render: (_, m) => <Tag>{m.agenda.length}</Tag> },
            { title: t('meetings.list.invited'), key: 'invited', render: (_, m) => m.invitedUnits.map(unitName).join('、'), responsive: ['lg'] },
            {
              title: t('queue.col.open'),
              key: 'open',
              render: (_, m) => (
                <Link to={`/meetings/${m.id}`} aria-label={`${t('meetings.list.open')} ${m.place} ${when.format(new Date(m.scheduledAt))}`}>
                  {t('meetings.list.open')}
                </Link>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
