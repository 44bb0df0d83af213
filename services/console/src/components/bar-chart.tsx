import { useMemo, useRef } from 'react';
import { useEChart } from './use-echart';

export interface Bar {
  readonly name: string;
  /** With `percent`, a share from 0 to 1, or null when there is nothing to count; else a count. */
  readonly value: number | null;
}

/**
 * Horizontal bars (Apache ECharts), the first on top, with a text alternative for screen readers:
 * shares in percent (`percent`, `noData` where there is nothing to count) or counts. `onBarClick`
 * gets the index of the bar clicked, in the order of `bars`.
 */
export function BarChart({ bars, percent = false, label, noData = '', testId, onBarClick }: { bars: readonly Bar[]; percent?: boolean; label: string; noData?: string; testId: string; onBarClick?: (index: number) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const option = useMemo(() => {
    const shown = (v: unknown) => (typeof v === 'number' ? (percent ? `${v}%` : String(v)) : noData);
    return {
      aria: { enabled: false },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: shown },
      xAxis: percent ? { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } } : { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: bars.map((b) => b.name).reverse(), axisLabel: { width: 140, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          data: bars.map((b) => (b.value === null || !percent ? b.value : Math.round(b.value * 1000) / 10)).reverse(),
          barMaxWidth: 22,
          cursor: onBarClick ? 'pointer' : 'default',
          label: { show: true, position: 'right', formatter: ({ value }: { value: unknown }) => shown(value) },
        },
      ],
    };
  }, [bars, percent, noData, onBarClick]);
  // The bars are drawn bottom-up, so the clicked one's index counts from the end.
  useEChart(container, option, onBarClick && (({ dataIndex }) => onBarClick(bars.length - 1 - dataIndex)));
  return <div ref={container} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height: Math.max(160, bars.length * 36 + 40) }} />;
}
