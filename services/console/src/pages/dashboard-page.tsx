import { Card, Col, DatePicker, Empty, Row, Segmented, Space, Table, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../api/client';
import type { Rate, Stats, StatsGroup, StatsGroupBy } from '../api/types';
import { useLoad } from '../api/use-load';
import { PercentBarChart } from '../components/bar-chart';
import { ErrorAlert } from '../components/error-alert';
import { useI18n } from '../i18n/i18n';
import { useSignedIn } from '../session/session';

const RATES = ['responseRate', 'resolutionRate', 'satisfactionRate'] as const;
type RateName = (typeof RATES)[number];

/** 三率: the response, resolution and satisfaction rates by station, unit or community, aggregated by the server. */
export default function DashboardPage() {
  const { t, nameOf, locale } = useI18n();
  const { token } = useSignedIn();
  const [groupBy, setGroupBy] = useState<StatsGroupBy>('station');
  const [period, setPeriod] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const from = period?.[0]?.startOf('day').toISOString();
  const to = period?.[1]?.endOf('day').toISOString();
  const stats = useLoad((signal) => api<Stats>('GET', '/api/query/stats', { token, signal, query: { groupBy, from, to } }), `${token}|${groupBy}|${from}|${to}`);
  const groups = stats.data?.groups ?? [];
  const percent = (rate: Rate) => (rate.value === null ? t('dashboard.noData') : `${Math.round(rate.value * 1000) / 10}%`);
  const summary = (rate: RateName) => groups.map((g) => `${nameOf(g.name, g.id)} ${percent(g[rate])}`).join('；');

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
          <Segmented<StatsGroupBy>
            aria-label={t('dashboard.groupBy')}
            value={groupBy}
            onChange={setGroupBy}
            options={(['station', 'unit', 'community'] as const).map((g) => ({ value: g, label: t(`dashboard.groupBy.${g}`) }))}
          />
          <DatePicker.RangePicker aria-label={t('dashboard.period')} value={period} onChange={(range) => setPeriod(range)} allowEmpty={[true, true]} />
          {stats.data && <Typography.Text type="secondary">{t('dashboard.asOf', { time: new Date(stats.data.asOf).toLocaleString(locale) })}</Typography.Text>}
        </Space>
      </Card>
      {stats.error !== null && <ErrorAlert error={stats.error} onRetry={stats.reload} />}
      <Row gutter={[16, 16]}>
        {RATES.map((rate) => (
          <Col key={rate} xs={24} xl={8}>
            <Card
              loading={stats.loading && !stats.data}
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
                <PercentBarChart
                  testId={`chart-${rate}`}
                  label={t('dashboard.chartLabel', { rate: t(`dashboard.${rate}`), summary: summary(rate) })}
                  noData={t('dashboard.noData')}
                  bars={groups.map((g) => ({ name: nameOf(g.name, g.id), value: g[rate].value }))}
                />
              )}
            </Card>
          </Col>
        ))}
      </Row>
      <Card>
        <Table<StatsGroup>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={[...groups]}
          columns={[
            { title: t('dashboard.table.name'), key: 'name', render: (_, g) => nameOf(g.name, g.id) },
            { title: t('dashboard.table.cases'), dataIndex: 'cases' },
            ...RATES.map((rate) => ({
              title: t(`dashboard.${rate}`),
              key: rate,
              render: (_: unknown, g: StatsGroup) => `${percent(g[rate])} (${g[rate].numerator}/${g[rate].denominator})`,
            })),
            { title: t('dashboard.table.overdue'), key: 'overdue', render: (_, g) => g.overdue.reportInsMissed + g.overdue.tasksOverdue },
          ]}
        />
      </Card>
    </Space>
  );
}
