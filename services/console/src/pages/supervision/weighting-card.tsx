import { Card, Descriptions, Table, Typography } from 'antd';
import { api } from '../../api/client';
import type { QuarterlyScores, ScoreGroupBy, WeightingSetData, Weightings } from '../../api/supervision-types';
import { useLoad } from '../../api/use-load';
import { ErrorAlert } from '../../components/error-alert';
import { isMessageKey, useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { useWhen } from './names';
import { WeightingForm } from './weighting-form';

/** 考核权重: the weighting the quarter's scores were computed with, every weighting the office set, and (the office) a new one. */
export function WeightingCard({ quarter, groupBy, inForce }: { quarter: string; groupBy: ScoreGroupBy; inForce: QuarterlyScores['weighting'] | undefined }) {
  const { t } = useI18n();
  const { token, principal } = useSignedIn();
  const when = useWhen();
  const weightings = useLoad((signal) => api<Weightings>('GET', '/api/query/weightings', { token, signal }), token);
  const label = (key: string) => {
    const name = `weighting.${groupBy}.${key}`;
    return isMessageKey(name) ? t(name) : key;
  };
  const parts = inForce ? Object.entries(inForce).filter(([key]) => key !== 'weightingId' && key !== 'effectiveFrom') : [];
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('weighting.title')}</Typography.Title>} data-testid="weighting-card">
      {inForce && (
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} title={inForce.effectiveFrom ? t('weighting.inForce', { quarter, from: inForce.effectiveFrom }) : t('weighting.inForceDefault', { quarter })} data-testid="weighting-in-force">
          {parts.map(([key, value]) => (
            <Descriptions.Item key={key} label={label(key)}>
              {String(value)}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      {weightings.error !== null && <ErrorAlert error={weightings.error} onRetry={weightings.reload} />}
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
        {t('weighting.history')}
      </Typography.Title>
      <Table<WeightingSetData>
        data-testid="weighting-history"
        rowKey="weightingId"
        size="small"
        pagination={false}
        dataSource={[...(weightings.data?.history ?? [])].reverse()}
        locale={{ emptyText: t('weighting.noHistory') }}
        columns={[
          { title: t('weighting.effectiveFrom'), dataIndex: 'effectiveFrom' },
          { title: t('weighting.setAt'), key: 'setAt', render: (_, w) => when(w.setAt) },
          { title: t('weighting.reason'), dataIndex: 'reason' },
          { title: t('weighting.unitParts'), key: 'unit', render: (_, w) => `${w.unit.responseRate} / ${w.unit.resolutionRate} / ${w.unit.satisfactionRate} / ${w.unit.stationRating}` },
          { title: t('weighting.stationParts'), key: 'station', render: (_, w) => `${w.station.responseRate} / ${w.station.resolutionRate} / ${w.station.satisfactionRate} / ${w.station.whistleRating}` },
          { title: t('weighting.listsShort'), key: 'lists', render: (_, w) => t('weighting.listsText', { red: w.lists.redMinimum, black: w.lists.blackBelow, findings: w.lists.blackOverdueFindings }) },
        ]}
      />
      {principal.role === 'office' && weightings.data && <WeightingForm current={weightings.data.current} onSet={weightings.reload} />}
    </Card>
  );
}
