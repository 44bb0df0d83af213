import { Card, Empty, Select, Space, Tabs, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { isQuarter, quarterOf, recentQuarters } from '../../api/quarters';
import type { QuarterlyScores, ScoreGroupBy } from '../../api/supervision-types';
import { useLoad } from '../../api/use-load';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { BarChart } from '../office/dashboard-charts';
import { useNames, useOpenedAt } from './names';
import { QuarterlyTable, ratingPath } from './quarterly-table';
import { WeightingCard } from './weighting-card';

const GROUP_BYS: readonly ScoreGroupBy[] = ['unit', 'station'];

/**
 * 季度考核: a quarter's scores of the member units and of the stations, ranked, as the read side
 * computes them from the events under the weighting in force for the quarter; every figure leads
 * to the cases or evaluations behind it. The quarter and the tab live in the address.
 */
export default function QuarterlyPage() {
  const { t } = useI18n();
  const openedAt = useOpenedAt();
  const { token } = useSignedIn();
  const names = useNames();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const quarter = isQuarter(params.get('quarter')) ? (params.get('quarter') as string) : quarterOf(openedAt);
  const groupBy: ScoreGroupBy = params.get('groupBy') === 'station' ? 'station' : 'unit';
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(name, value);
    setParams(next, { replace: true });
  };
  const scores = useLoad((signal) => api<QuarterlyScores>('GET', '/api/query/quarterly-scores', { token, signal, query: { quarter, groupBy } }), `${token}|${quarter}|${groupBy}`);
  const data = scores.data?.quarter === quarter && scores.data.groupBy === groupBy ? scores.data : undefined;
  const nameOf = (id: string) => (groupBy === 'unit' ? names.unit(id) : names.station(id));
  const ranked = [...(data?.groups ?? [])].filter((g) => g.score !== null).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  const quarters = recentQuarters(openedAt, 8);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('quarterly.title')}
          </Typography.Title>
        }
      >
        <Space wrap>
          <label htmlFor="quarterly-quarter">{t('quarterly.quarter')}</label>
          <Select id="quarterly-quarter" data-testid="quarterly-quarter" value={quarter} style={{ width: 140 }} onChange={(q) => set('quarter', q)} options={(quarters.includes(quarter) ? quarters : [quarter, ...quarters]).map((q) => ({ value: q, label: q }))} />
          <Typography.Text type="secondary">{t('quarterly.hint')}</Typography.Text>
        </Space>
        <Tabs
          style={{ marginTop: 12 }}
          activeKey={groupBy}
          onChange={(key) => set('groupBy', key)}
          items={GROUP_BYS.map((g) => ({ key: g, label: t(`quarterly.groupBy.${g}`) }))}
        />
        {scores.error !== null && <ErrorAlert error={scores.error} onRetry={scores.reload} />}
        {data && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
              {t('quarterly.ranking')}
            </Typography.Title>
            {ranked.length === 0 ? (
              <Empty description={t('quarterly.noScores')} />
            ) : (
              <BarChart
                testId="quarterly-chart"
                label={t('quarterly.chartLabel', { summary: ranked.map((g) => `${g.rank ?? ''}. ${nameOf(g.id)} ${g.score ?? ''}`).join('；') })}
                bars={ranked.map((g) => ({ name: nameOf(g.id), value: g.score }))}
                onBarClick={(index) => {
                  const group = ranked[index];
                  if (group) navigate(ratingPath(groupBy, group.id, quarter));
                }}
              />
            )}
            <QuarterlyTable scores={data} nameOf={nameOf} />
          </Space>
        )}
      </Card>
      <WeightingCard quarter={quarter} groupBy={groupBy} inForce={data?.weighting} />
    </Space>
  );
}
