import { Card, Col, Descriptions, Empty, Row, Statistic, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { CAUSES, type Drill, type Trends } from '../../api/office-types';
import { BarChart } from './dashboard-charts';
import { useI18n } from '../../i18n/i18n';
import { drillPath, FigureLink } from './drill';
import { OVERDUE_FIGURES, RATE_FIGURES, RATES, percent } from './rates';

const heading = (text: string) => (
  <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
    {text}
  </Typography.Title>
);

/** The whole town's figures for the period: the three rates, what went overdue, open level-4 cases and why cases were raised. */
export function DashboardSummary({ trends, period }: { trends: Trends; period: Pick<Drill, 'from' | 'to'> }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const totals = trends.overall.totals;
  const raised = CAUSES.map((cause) => ({ cause, count: totals.raised?.[cause] ?? 0 }));
  const level4 = Object.entries(trends.atLevel4.byAdjudication).sort(([a], [b]) => (a < b ? -1 : 1));
  return (
    <Row gutter={[16, 16]}>
      {RATES.map((rate) => (
        <Col key={rate} xs={24} sm={8}>
          <Card data-testid={`kpi-${rate}`}>
            <Statistic title={`${t('dashboard.overall')} · ${t(`dashboard.${rate}`)}`} value={percent(totals[rate], t('dashboard.noData'))} />
            <Typography.Text type="secondary">
              <FigureLink drill={{ figure: RATE_FIGURES[rate].numerator, ...period }} count={totals[rate].numerator} />
              {' / '}
              <FigureLink drill={{ figure: RATE_FIGURES[rate].denominator, ...period }} count={totals[rate].denominator} />
            </Typography.Text>
          </Card>
        </Col>
      ))}
      <Col xs={24} md={8}>
        <Card title={heading(t('dashboard.overdue.title'))} style={{ height: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            {OVERDUE_FIGURES.map((figure) => (
              <Descriptions.Item key={figure} label={t(`figure.${figure}`)}>
                <FigureLink drill={{ figure, ...period }} count={totals.overdue[figure] ?? 0} />
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={t('figure.declineEscalations')}>
              <FigureLink drill={{ figure: 'declineEscalations', ...period }} count={totals.declineEscalations} />
            </Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card title={heading(t('dashboard.level4.title'))} style={{ height: '100%' }} data-testid="level4">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('drill.everyGroup')}>
              <FigureLink drill={{ figure: 'atLevel4' }} count={trends.atLevel4.total} />
            </Descriptions.Item>
            {level4.map(([status, count]) => (
                <Descriptions.Item key={status} label={t(`dashboard.level4.${status === 'awaiting_tabling' || status === 'tabled' || status === 'resolved' ? status : 'none'}`)}>
                  <FigureLink drill={{ figure: 'atLevel4', adjudication: status }} count={count} />
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card title={heading(t('dashboard.escalations.title'))} style={{ height: '100%' }}>
          {raised.every((r) => r.count === 0) ? (
            <Empty description={t('dashboard.escalations.none')} />
          ) : (
            <BarChart
              testId="chart-escalations"
              label={t('dashboard.escalations.chartLabel', { summary: raised.map((r) => `${t(`cause.${r.cause}`)} ${r.count}`).join('；') })}
              bars={raised.map((r) => ({ name: t(`cause.${r.cause}`), value: r.count }))}
              onBarClick={(index) => {
                const cause = raised[index]?.cause;
                if (cause) navigate(drillPath({ figure: 'raised', cause, ...period }));
              }}
            />
          )}
          <Descriptions column={1} size="small" bordered>
            {raised.map(({ cause, count }) => (
              <Descriptions.Item key={cause} label={t(`cause.${cause}`)}>
                <FigureLink drill={{ figure: 'raised', cause, ...period }} count={count} />
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      </Col>
    </Row>
  );
}
