import { Link } from 'react-router-dom';
import type { Cause, Drill, Figure } from '../../api/office-types';
import type { StatsGroupBy } from '../../api/types';
import { useI18n, type Translate } from '../../i18n/i18n';

/** The address of the cases behind a figure (the drill-down page). */
export function drillPath(drill: Drill): string {
  const query = new URLSearchParams(Object.entries(drill).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
  return `/dashboard/cases?${query}`;
}

/** A figure's name; a unit's resolution figures count tasks and outcomes, not cases. */
export function figureName(t: Translate, figure: Figure, groupBy: StatsGroupBy | undefined, cause?: Cause): string {
  if (figure === 'raised') return t('figure.raised', { cause: cause ? t(`cause.${cause}`) : '' });
  if (groupBy === 'unit' && figure === 'handled') return t('figure.handled.unit');
  if (groupBy === 'unit' && figure === 'resolved') return t('figure.resolved.unit');
  return t(`figure.${figure}`);
}

/** A count that leads to the cases behind it. */
export function FigureLink({ drill, count }: { drill: Drill; count: number }) {
  const { t } = useI18n();
  return (
    <Link to={drillPath(drill)} aria-label={t('dashboard.figureLink', { figure: figureName(t, drill.figure, drill.groupBy, drill.cause), count })} data-testid={`figure-${drill.figure}${drill.cause ? `-${drill.cause}` : ''}${drill.groupId ? `-${drill.groupId}` : ''}`}>
      {count}
    </Link>
  );
}
