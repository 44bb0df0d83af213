import { useState } from 'react';
import { Card, Segmented, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import dayjs from 'dayjs';
import type { Trends } from '../../api/office-types';
import { TrendChart } from './dashboard-charts';
import { useI18n } from '../../i18n/i18n';
import { drillPath } from './drill';
import { RATE_FIGURES, RATES, percent, type RateName } from './rates';

/** One rate over the period's days, weeks or months: the whole town and each group; a point leads to its cases. */
export function DashboardTrend({ trends }: { trends: Trends }) {
  const { t, nameOf } = useI18n();
  const navigate = useNavigate();
  const [rate, setRate] = useState<RateName>('resolutionRate');
  const format = trends.bucket === 'month' ? 'YYYY-MM' : 'MM-DD';
  const labels = trends.intervals.map((i) => dayjs(i.from).format(format));
  const lines = [
    { name: t('dashboard.overall'), values: trends.overall.series.map((s) => s[rate].value), groupId: undefined },
    ...trends.groups.map((g) => ({ name: nameOf(g.name, g.id), values: g.series.map((s) => s[rate].value), groupId: g.id })),
  ];
  const summary = trends.overall.series.map((s, i) => `${labels[i]} ${percent(s[rate], t('dashboard.noData'))}`).join('；');
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('dashboard.trend.title')}
        </Typography.Title>
      }
      extra={<Segmented<RateName> aria-label={t('dashboard.trend.rate')} value={rate} onChange={setRate} options={RATES.map((r) => ({ value: r, label: t(`dashboard.${r}`) }))} />}
    >
      <TrendChart
        testId="chart-trend"
        label={t('dashboard.trend.chartLabel', { rate: t(`dashboard.${rate}`), bucket: t(`dashboard.bucket.${trends.bucket}`), summary })}
        noData={t('dashboard.noData')}
        labels={labels}
        lines={lines}
        onPointClick={(line, interval) => {
          const span = trends.intervals[interval];
          const groupId = lines[line]?.groupId;
          if (!span) return;
          navigate(drillPath({ figure: RATE_FIGURES[rate].denominator, from: span.from, to: span.to, ...(groupId ? { groupBy: trends.groupBy, groupId } : {}) }));
        }}
      />
    </Card>
  );
}
