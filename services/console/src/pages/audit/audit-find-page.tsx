import { Button, Card, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useCatalogue } from '../../api/catalogue';
import { api } from '../../api/client';
import { CASE_STATUSES, LEVELS, type CaseListItem, type CasePage, type CaseStatus, type Level } from '../../api/types';
import { useLoad } from '../../api/use-load';
import { LevelTag, StatusTag } from '../../components/case-tags';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';

/** 案件审计: find a case by its number, or pick one of the cases (paged and filtered by the server). */
export default function AuditFindPage() {
  const { t, nameOf, locale } = useI18n();
  const { token } = useSignedIn();
  const catalogue = useCatalogue();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = {
    status: params.get('status') ?? undefined,
    level: params.get('level') ?? undefined,
    stationId: params.get('stationId') ?? undefined,
    page: Number(params.get('page') ?? 1),
    pageSize: Number(params.get('pageSize') ?? 10),
  };
  const cases = useLoad((signal) => api<CasePage>('GET', '/api/query/cases', { token, signal, query: filters }), `${token}|${params.toString()}`);
  const setFilter = (name: string, value?: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('page');
    setParams(next);
  };
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const columns: ColumnsType<CaseListItem> = [
    { title: t('queue.col.reportedAt'), dataIndex: 'reportedAt', render: (at: string) => when.format(new Date(at)), responsive: ['md'] },
    { title: t('queue.col.compound'), key: 'compound', render: (_, row) => nameOf(row.compoundName, row.compoundId) },
    { title: t('queue.col.category'), key: 'category', render: (_, row) => nameOf(row.categoryName, row.category) },
    { title: t('queue.col.level'), dataIndex: 'level', render: (level: Level | null) => <LevelTag level={level} /> },
    { title: t('queue.col.status'), dataIndex: 'status', render: (status: CaseStatus) => <StatusTag status={status} /> },
    {
      title: t('queue.col.open'),
      key: 'audit',
      render: (_, row) => (
        <Link to={`/audit/cases/${row.id}`} aria-label={`${t('audit.find.open')} ${nameOf(row.categoryName, row.category)} ${row.id.slice(0, 8)}`}>
          {t('audit.find.open')}
        </Link>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('audit.find.title')}
          </Typography.Title>
        }
      >
        <Form layout="inline" onFinish={({ caseId }: { caseId: string }) => navigate(`/audit/cases/${encodeURIComponent(caseId.trim())}`)}>
          <Form.Item name="caseId" label={t('audit.find.caseId')} rules={[{ required: true, whitespace: true, message: t('audit.find.required') }]}>
            <Input placeholder={t('audit.find.placeholder')} style={{ width: 340, maxWidth: '70vw' }} data-testid="audit-case-id" allowClear />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="audit-find">
            {t('audit.find.submit')}
          </Button>
        </Form>
      </Card>
      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            {t('audit.find.browse')}
          </Typography.Title>
        }
      >
        <Space wrap style={{ marginBottom: 16 }}>
          <Select aria-label={t('queue.filter.status')} placeholder={t('queue.filter.status')} allowClear style={{ minWidth: 140 }} value={filters.status} onChange={(v?: string) => setFilter('status', v)} options={CASE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
          <Select aria-label={t('queue.filter.level')} placeholder={t('queue.filter.level')} allowClear style={{ minWidth: 140 }} value={filters.level} onChange={(v?: string) => setFilter('level', v)} options={LEVELS.map((l) => ({ value: String(l), label: t(`level.${l}`) }))} />
          <Select aria-label={t('audit.find.station')} placeholder={t('audit.find.station')} allowClear style={{ minWidth: 200 }} value={filters.stationId} onChange={(v?: string) => setFilter('stationId', v)} options={catalogue.stations.map((s) => ({ value: s.id, label: nameOf(s.name) }))} />
        </Space>
        {cases.error !== null && <ErrorAlert error={cases.error} onRetry={cases.reload} />}
        <Table<CaseListItem>
          data-testid="audit-case-table"
          rowKey="id"
          size="middle"
          loading={cases.loading}
          columns={columns}
          dataSource={[...(cases.data?.items ?? [])]}
          locale={{ emptyText: t('queue.empty') }}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: cases.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('queue.total', { total }),
            onChange: (page, pageSize) => {
              const next = new URLSearchParams(params);
              next.set('page', String(page));
              next.set('pageSize', String(pageSize));
              setParams(next);
            },
          }}
        />
      </Card>
    </Space>
  );
}
