import { Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useCatalogue } from '../../api/catalogue';
import { api } from '../../api/client';
import { CASE_STATUSES, LEVELS, type CasePage } from '../../api/types';
import { useLoad } from '../../api/use-load';
import { CaseTable } from '../../components/case-table';
import { useListParams } from '../../components/use-list-params';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';

/** 案件审计: find a case by its number, or pick one of the cases (paged and filtered by the server). */
export default function AuditFindPage() {
  const { t, nameOf } = useI18n();
  const { token } = useSignedIn();
  const catalogue = useCatalogue();
  const navigate = useNavigate();
  const list = useListParams(10);
  const { params, setFilter } = list;
  const filters = {
    status: params.get('status') ?? undefined,
    level: params.get('level') ?? undefined,
    stationId: params.get('stationId') ?? undefined,
    page: list.page,
    pageSize: list.pageSize,
  };
  const cases = useLoad((signal) => api<CasePage>('GET', '/api/query/cases', { token, signal, query: filters }), `${token}|${params.toString()}`);

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
        <CaseTable
          testId="audit-case-table"
          rows={cases.data?.items ?? []}
          total={cases.data?.total ?? 0}
          loading={cases.loading}
          list={list}
          totalText={(total) => t('queue.total', { total })}
          links={(row) => [{ to: `/audit/cases/${row.id}`, label: t('audit.find.open') }]}
        />
      </Card>
    </Space>
  );
}
