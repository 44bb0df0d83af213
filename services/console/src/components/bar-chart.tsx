import { useMemo, useRef } from 'react';
import { useEChart } from './use-echart';

export interface Bar {
  readonly name: string;
  /** A share from 0 to 1, or null when there is nothing to count. */
  readonly value: number | null;
}

/**
 * A horizontal bar chart of shares in percent (Apache ECharts), with a text alternative for
 * screen readers; `onBarClick` gets the index of the bar clicked, in the order of `bars`.
 */
export function PercentBarChart({ bars, label, noData, testId, onBarClick }: { bars: readonly Bar[]; label: string; noData: string; testId: string; onBarClick?: (index: number) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const option = useMemo(() => {
    const names = bars.map((b) => b.name).reverse();
    const values = bars.map((b) => (b.value === null ? null : Math.round(b.value * 1000) / 10)).reverse();
    return {
      aria: { enabled: false },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : noData) },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: names, axisLabel: { width: 140, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          data: values,
          barMaxWidth: 22,
          cursor: onBarClick ? 'pointer' : 'default',
          label: { show: true, position: 'right', formatter: ({ value }: { value: unknown }) => (typeof value === 'number' ? `${value}%` : noData) },
        },
      ],
    };
  }, [bars, noData, onBarClick]);
  // The bars are drawn bottom-up, so the clicked one's index counts from the end.
  useEChart(container, option, onBarClick && (({ dataIndex }) => onBarClick(bars.length - 1 - dataIndex)));
  return <div ref={container} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height: Math.max(160, bars.length * 36 + 40) }} />;
}
