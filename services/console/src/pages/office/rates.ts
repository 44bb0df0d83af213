import type { Figure } from '../../api/office-types';
import type { Rate } from '../../api/types';

export const RATES = ['responseRate', 'resolutionRate', 'satisfactionRate'] as const;
export type RateName = (typeof RATES)[number];

/** The figures a rate divides: the cases behind its numerator and its denominator. */
export const RATE_FIGURES: Readonly<Record<RateName, { readonly numerator: Figure; readonly denominator: Figure }>> = {
  responseRate: { numerator: 'respondedOnTime', denominator: 'responseDue' },
  resolutionRate: { numerator: 'resolved', denominator: 'handled' },
  satisfactionRate: { numerator: 'satisfied', denominator: 'calledBack' },
};

/** "87.5%", or the words for nothing to count. */
export function percent(rate: Rate, noData: string): string {
  return rate.value === null ? noData : `${Math.round(rate.value * 1000) / 10}%`;
}

export type OverdueFigure = 'reportInsMissed' | 'tasksOverdue' | 'activitiesOverdue' | 'tablingsOverdue';
export const OVERDUE_FIGURES: readonly OverdueFigure[] = ['reportInsMissed', 'tasksOverdue', 'activitiesOverdue', 'tablingsOverdue'];
