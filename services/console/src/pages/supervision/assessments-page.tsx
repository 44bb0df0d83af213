import { Card, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import type { Paged } from '../../api/field-types';
import { isQuarter, quarterOf, recentQuarters } from '../../api/quarters';
import type { AssessmentView, FirmView } from '../../api/supervision-types';
import { useLoad } from '../../api/use-load';
import { ErrorAlert } from '../../components/error-alert';
import { PAGE_SIZES, useListParams } from '../../components/use-list-params';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { OpenAssessmentForm } from './open-assessment-form';
import { useNames, useOpenedAt } from './names';

/** 物业服务测评: a quarter's assessments of the property firms, compound by compound; the office and the stations open them. */
export default function AssessmentsPage() {
  const { t } = useI18n();
  const openedAt = useOpenedAt();
  const { token, principal } = useSignedIn();
  const names = useNames();
  const navigate = useNavigate();
  const list = useListParams(20);
  const { params, setFilter } = list;
  const quarter = isQuarter(params.get('quarter')) ? (params.get('quarter') as string) : quarterOf(openedAt);
  const status = params.get('status') === 'open' || params.get('status') === 'completed' ? (params.get('status') as string) : undefined;
  const assessments = useLoad(
    (signal) => api<Paged<AssessmentView>>('GET', '/api/query/assessments', { token, signal, query: { quarter, status, page: list.page, pageSize: list.pageSize } }),
    `${token}|${quarter}|${status ?? ''}|${list.page}|${list.pageSize}`,
  );
  // The firms' names, for the list and the form (a town has a few dozen firms at most).
  const firms = useLoad((signal) => api<Paged<FirmView>>('GET', '/api/query/firms', { token, signal, query: { page: 1, pageSize: 100 } }), token);
  const firmName = (id: string) => firms.data?.items.find((f) => f.id === id)?.name ?? id;
  const mayOpen = principal.role === 'office' || principal.role === 'station';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('assessments.title')}
          </Typography.Title>
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <label htmlFor="assessments-quarter">{t('quarterly.quarter')}</label>
          <Select id="assessments-quarter" data-testid="assessments-quarter" value={quarter} style={{ width: 140 }} onChange={(q) => setFilter('quarter', q)} options={recentQuarters(openedAt, 8).map((q) => ({ value: q, label: q }))} />
          <label htmlFor="assessments-status">{t('assessment.status')}</label>
          <Select
            id="assessments-status"
            value={status ?? ''}
            style={{ width: 140 }}
            onChange={(s) => setFilter('status', s || undefined)}
            options={[
              { value: '', label: t('common.all') },
              { value: 'open', label: t('assessment.status.open') },
              { value: 'completed', label: t('assessment.status.completed') },
            ]}
          />
        </Space>
        {assessments.error !== null && <ErrorAlert error={assessments.error} onRetry={assessments.reload} />}
        <Table<AssessmentView>
          data-testid="assessments-table"
          rowKey="id"
          size="middle"
          loading={assessments.loading}
          dataSource={[...(assessments.data?.items ?? [])]}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('assessments.empty') }}
          pagination={{ current: list.page, pageSize: list.pageSize, total: assessments.data?.total ?? 0, pageSizeOptions: PAGE_SIZES, showSizeChanger: true, onChange: list.setPage, showTotal: (total) => t('assessments.total', { total }) }}
          columns={[
            { title: t('assessment.firm'), key: 'firm', render: (_, a) => firmName(a.firmId) },
            { title: t('assessment.compound'), key: 'compound', render: (_, a) => names.compound(a.compoundId) },
            { title: t('assessment.station'), key: 'station', render: (_, a) => names.station(a.stationId), responsive: ['md'] },
            { title: t('assessment.status'), key: 'status', render: (_, a) => <Tag color={a.status === 'completed' ? '#237804' : '#0958d9'}>{t(`assessment.status.${a.status}`)}</Tag> },
            { title: t('assessment.total'), key: 'total', render: (_, a) => (a.result ? `${a.result.total.toFixed(2)}（${t(`grade.${a.result.grade}`)}）` : '—') },
            {
              title: t('queue.col.open'),
              key: 'open',
              render: (_, a) => (
                <Link to={`/assessments/${encodeURIComponent(a.id)}`} aria-label={`${t('queue.open')} ${t('assessments.openLabel', { firm: firmName(a.firmId), compound: names.compound(a.compoundId) })}`}>
                  {t('queue.open')}
                </Link>
              ),
            },
          ]}
        />
      </Card>
      {mayOpen && firms.data && <OpenAssessmentForm quarter={quarter} firms={firms.data.items} onOpened={(id) => navigate(`/assessments/${encodeURIComponent(id)}`)} />}
    </Space>
  );
}
