import { Alert, Card, Col, DatePicker, Empty, Row, Segmented, Space, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { BUCKETS, type Bucket } from '../api/office-types';
import type { StatsGroupBy } from '../api/types';
import { BarChart } from './office/dashboard-charts';
import { ErrorAlert } from '../components/error-alert';
import { useI18n } from '../i18n/i18n';
import { useSignedIn } from '../session/session';
import { choicesOf, DATE, GROUP_BYS, useTrends } from './office/dashboard-request';
import { DashboardSummary } from './office/dashboard-summary';
import { DashboardTable } from './office/dashboard-table';
import { DashboardTrend } from './office/dashboard-trend';
import { drillPath } from './office/drill';
import { RATE_FIGURES, RATES, percent } from './office/rates';

/**
 * 数据看板: the three rates, overdue counts, escalations by cause and open level-4 cases, for the
 * whole town and by station, unit or community, in total and over the period's days, weeks or
 * months. The server adds them up; every figure leads to the cases it counts. The choices live
 * in the address, so the way back from a drill-down finds them again.
 */
export default function DashboardPage() {
  const { t, nameOf, locale } = useI18n();
  const { token } = useSignedIn();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const choices = choicesOf(params);
  const { groupBy, bucket, firstDay, lastDay, period } = choices;
  const trends = useTrends(choices, token);
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(name);
      else next.set(name, value);
    }
    setParams(next, { replace: true });
  };
  const data = trends.data;
  const groups = data?.groups ?? [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('dashboard.title')}
          </Typography.Title>
        }
      >
        <Space wrap>
          <Segmented<StatsGroupBy> aria-label={t('dashboard.groupBy')} value={groupBy} onChange={(g) => set({ groupBy: g })} options={GROUP_BYS.map((g) => ({ value: g, label: t(`dashboard.groupBy.${g}`) }))} />
          <DatePicker.RangePicker
            aria-label={t('dashboard.period')}
            data-testid="dashboard-period"
            allowClear={false}
            value={[firstDay, lastDay]}
            onChange={(range) => {
              const [from, to] = (range ?? []) as [Dayjs | null, Dayjs | null];
              if (from && to) set({ from: from.format(DATE), to: to.format(DATE) });
            }}
          />
          <Segmented<Bucket | 'auto'>
            aria-label={t('dashboard.bucket')}
            value={bucket ?? 'auto'}
            onChange={(b) => set({ bucket: b === 'auto' ? undefined : b })}
            options={(['auto', ...BUCKETS] as const).map((b) => ({ value: b, label: t(`dashboard.bucket.${b}`) }))}
          />
          {data && <Typography.Text type="secondary">{t('dashboard.asOf', { time: new Date(data.asOf).toLocaleString(locale) })}</Typography.Text>}
        </Space>
        <Alert type="info" showIcon title={t('dashboard.hint')} style={{ marginTop: 12 }} />
      </Card>
      {trends.error !== null && <ErrorAlert error={trends.error} onRetry={trends.reload} />}
      {data && <DashboardSummary trends={data} period={period} />}
      <Row gutter={[16, 16]}>
        {RATES.map((rate) => (
          <Col key={rate} xs={24} xxl={8}>
            <Card
              loading={trends.loading && !data}
              title={
                <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
                  {t(`dashboard.${rate}`)}{' '}
                  <Tooltip title={t(`dashboard.${rate}.help`)}>
                    <QuestionCircleOutlined aria-label={t(`dashboard.${rate}.help`)} />
                  </Tooltip>
                </Typography.Title>
              }
            >
              {groups.length === 0 ? (
                <Empty description={t('dashboard.empty')} />
              ) : (
                <BarChart
                  percent
                  testId={`chart-${rate}`}
                  label={t('dashboard.chartLabel', { rate: t(`dashboard.${rate}`), summary: groups.map((g) => `${nameOf(g.name, g.id)} ${percent(g.totals[rate], t('dashboard.noData'))}`).join('；') })}
                  noData={t('dashboard.noData')}
                  bars={groups.map((g) => ({ name: nameOf(g.name, g.id), value: g.totals[rate].value }))}
                  onBarClick={(index) => {
                    const group = groups[index];
                    if (group) navigate(drillPath({ figure: RATE_FIGURES[rate].denominator, groupBy, groupId: group.id, ...period }));
                  }}
                />
              )}
            </Card>
          </Col>
        ))}
      </Row>
      {data && data.intervals.length > 1 && <DashboardTrend trends={data} />}
      {data && <DashboardTable trends={data} period={period} />}
    </Space>
  );
}
