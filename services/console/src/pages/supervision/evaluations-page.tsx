import { Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Awaiting, EvaluationView } from '../../api/supervision-types';
import { useLoad } from '../../api/use-load';
import { ErrorAlert } from '../../components/error-alert';
import { PAGE_SIZES, useListParams } from '../../components/use-list-params';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { readEvaluations } from './evaluation-request';
import { useNames, useWhen } from './names';

/** The filters the evaluations list takes from its address (the quarterly page links here with a unit or station and a quarter). */
const FILTERS = ['unitId', 'stationId', 'quarter', 'caseId'] as const;

/**
 * 待评价 / 评价记录: a station's queue of units' responses to rate, a unit's inbox of whistles to
 * rate, and for everyone who reads them the evaluations behind a quarterly figure.
 */
export default function EvaluationsPage() {
  const { t } = useI18n();
  const { token, principal } = useSignedIn();
  const names = useNames();
  const when = useWhen();
  const list = useListParams(20);
  const { params, setFilter } = list;
  const mine: Awaiting | undefined = principal.role === 'station' ? 'station' : principal.role === 'unit' ? 'unit' : undefined;
  // A rater sees what awaits it first; `awaiting=all` shows everything it may read.
  const awaiting = mine && params.get('awaiting') !== 'all' ? mine : undefined;
  const filters = Object.fromEntries(FILTERS.flatMap((name) => (params.get(name) ? [[name, params.get(name) as string]] : [])));
  const evaluations = useLoad((signal) => readEvaluations(token, { ...filters, awaiting, page: list.page, pageSize: list.pageSize }, signal), `${token}|${params.toString()}|${awaiting ?? ''}`);
  const taskLink = (e: EvaluationView) => (principal.role === 'unit' ? `/cases/${e.caseId}/tasks/${e.taskId}` : `/cases/${e.caseId}`);

  return (
    <Card
      title={
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t(awaiting ? 'evaluations.title.awaiting' : 'evaluations.title')}
        </Typography.Title>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {mine && (
          <Segmented
            aria-label={t('evaluations.view')}
            value={awaiting ? 'awaiting' : 'all'}
            onChange={(v) => setFilter('awaiting', v === 'all' ? 'all' : undefined)}
            options={[
              { value: 'awaiting', label: t('evaluations.view.awaiting') },
              { value: 'all', label: t('evaluations.view.all') },
            ]}
          />
        )}
        {Object.keys(filters).length > 0 && (
          <Space wrap data-testid="evaluation-filters">
            {filters.unitId && <Tag>{names.unit(filters.unitId)}</Tag>}
            {filters.stationId && <Tag>{names.station(filters.stationId)}</Tag>}
            {filters.quarter && <Tag>{filters.quarter}</Tag>}
          </Space>
        )}
        {evaluations.error !== null && <ErrorAlert error={evaluations.error} onRetry={evaluations.reload} />}
        <Table<EvaluationView>
          data-testid="evaluations-table"
          rowKey="taskId"
          size="middle"
          loading={evaluations.loading}
          dataSource={[...(evaluations.data?.items ?? [])]}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t(awaiting ? 'evaluations.empty.awaiting' : 'evaluations.empty') }}
          pagination={{ current: list.page, pageSize: list.pageSize, total: evaluations.data?.total ?? 0, pageSizeOptions: PAGE_SIZES, showSizeChanger: true, onChange: list.setPage, showTotal: (total) => t('evaluations.total', { total }) }}
          columns={[
            { title: t('evaluations.col.endedAt'), key: 'endedAt', render: (_, e) => when(e.endedAt) },
            { title: t('evaluations.col.unit'), key: 'unit', render: (_, e) => names.unit(e.unitId) },
            { title: t('evaluations.col.station'), key: 'station', render: (_, e) => names.station(e.stationId), responsive: ['md'] },
            { title: t('evaluations.col.ending'), key: 'ending', render: (_, e) => t(`evaluation.ending.${e.ending}`) },
            { title: t('evaluations.col.unitRating'), key: 'unitRating', render: (_, e) => (e.unitRating ? e.unitRating.score : '—') },
            {
              title: t('evaluations.col.whistleRating'),
              key: 'whistleRating',
              render: (_, e) => (e.whistleRating ? `${t(e.whistleRating.justified ? 'evaluation.justified.yes' : 'evaluation.justified.no')} · ${t(e.whistleRating.informationAccurate ? 'evaluation.accurate.yes' : 'evaluation.accurate.no')}` : '—'),
            },
            {
              title: t('evaluations.col.awaiting'),
              key: 'awaiting',
              render: (_, e) => (
                <Space size={4} wrap>
                  {e.awaiting.map((who) => (
                    <Tag key={who} color="#ad4e00">
                      {t(`evaluations.awaiting.${who}`)}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: t('queue.col.open'),
              key: 'open',
              render: (_, e) => {
                // The link's name begins with its visible words, as speech input users say them.
                const shown = t(mine && e.awaiting.includes(mine) ? 'evaluations.rate' : 'queue.open');
                return (
                  <Link to={taskLink(e)} aria-label={`${shown} ${t('evaluations.openLabel', { unit: names.unit(e.unitId), id: e.caseId.slice(0, 8) })}`} data-testid={`evaluation-open-${e.taskId}`}>
                    {shown}
                  </Link>
                );
              },
            },
          ]}
        />
      </Space>
    </Card>
  );
}
