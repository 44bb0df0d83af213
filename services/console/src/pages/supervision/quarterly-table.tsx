import { Space, Table } from 'antd';
import { Link } from 'react-router-dom';
import type { Drill } from '../../api/office-types';
import type { QuarterlyScores, ScoreGroup, ScoreGroupBy } from '../../api/supervision-types';
import { useI18n } from '../../i18n/i18n';
import { FigureLink } from '../office/drill';
import { OVERDUE_FIGURES, RATE_FIGURES, RATES, percent } from '../office/rates';

/** The evaluations behind a unit's or station's rating in a quarter. */
export function ratingPath(groupBy: ScoreGroupBy, id: string, quarter: string): string {
  return `/evaluations?${new URLSearchParams({ [groupBy === 'unit' ? 'unitId' : 'stationId']: id, quarter, awaiting: 'all' })}`;
}

/** Each group's score, rank and parts; every count leads to the cases behind it (the dashboard's drill-down for the quarter), the rating to its evaluations. */
export function QuarterlyTable({ scores, nameOf }: { scores: QuarterlyScores; nameOf: (id: string) => string }) {
  const { t } = useI18n();
  const { groupBy, quarter, from, to } = scores;
  const of = (g: ScoreGroup): Omit<Drill, 'figure'> => ({ groupBy, groupId: g.id, from, to });
  return (
    <Table<ScoreGroup>
      data-testid="quarterly-table"
      rowKey="id"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={[...scores.groups].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity))}
      locale={{ emptyText: t('quarterly.empty') }}
      columns={[
        { title: t('quarterly.col.rank'), key: 'rank', render: (_, g) => <span data-testid={`rank-${g.id}`}>{g.rank ?? '—'}</span> },
        { title: t('quarterly.col.name'), key: 'name', render: (_, g) => nameOf(g.id) },
        { title: t('quarterly.col.score'), key: 'score', render: (_, g) => <strong data-testid={`score-${g.id}`}>{g.score === null ? t('quarterly.noScore') : g.score.toFixed(2)}</strong> },
        { title: t('dashboard.table.cases'), key: 'cases', render: (_, g) => <FigureLink drill={{ figure: 'cases', ...of(g) }} count={g.cases} /> },
        ...RATES.map((rate) => ({
          title: t(`dashboard.${rate}`),
          key: rate,
          render: (_: unknown, g: ScoreGroup) => (
            <span data-testid={`${rate}-${g.id}`}>
              {percent(g.parts[rate], t('dashboard.noData'))} (<FigureLink drill={{ figure: RATE_FIGURES[rate].numerator, ...of(g) }} count={g.parts[rate].numerator} />/
              <FigureLink drill={{ figure: RATE_FIGURES[rate].denominator, ...of(g) }} count={g.parts[rate].denominator} />)
            </span>
          ),
        })),
        {
          title: t(`quarterly.col.rating.${groupBy}`),
          key: 'rating',
          render: (_, g) => (
            <span data-testid={`rating-${g.id}`}>
              {g.parts.rating.value === null ? t('dashboard.noData') : g.parts.rating.value.toFixed(2)} (
              <Link to={ratingPath(groupBy, g.id, quarter)} aria-label={t('quarterly.ratingLink', { name: nameOf(g.id), count: g.parts.rating.count })} data-testid={`rating-link-${g.id}`}>
                {t('quarterly.ratings', { count: g.parts.rating.count })}
              </Link>
              )
            </span>
          ),
        },
        {
          title: t('dashboard.table.overdue'),
          key: 'overdue',
          render: (_, g) => (
            <Space size={4} split="·" wrap>
              {OVERDUE_FIGURES.flatMap((figure) => {
                const count = g.overdue[figure];
                return typeof count === 'number' ? [<span key={figure}>{t(`figure.${figure}`)} <FigureLink drill={{ figure, ...of(g) }} count={count} /></span>] : [];
              })}
            </Space>
          ),
        },
        ...(groupBy === 'unit' ? [{ title: t('dashboard.table.declineEscalations'), key: 'declines', render: (_: unknown, g: ScoreGroup) => <FigureLink drill={{ figure: 'declineEscalations', ...of(g) }} count={g.declineEscalations} /> }] : []),
        { title: t('quarterly.col.penalty'), key: 'penalty', render: (_, g) => (g.penalty > 0 ? `−${g.penalty}` : '0') },
      ]}
    />
  );
}
