import { useMemo, useRef } from 'react';
import { useEChart } from './use-echart';

export interface TrendLine {
  readonly name: string;
  /** shares from 0 to 1, null where nothing was counted */
  readonly values: readonly (number | null)[];
}

/** Shares over time, a line per group (ECharts); `onPointClick` gets the line's and the interval's index. */
export function TrendChart({ labels, lines, label, noData, testId, onPointClick }: { labels: readonly string[]; lines: readonly TrendLine[]; label: string; noData: string; testId: string; onPointClick?: (line: number, interval: number) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const option = useMemo(
    () => ({
      aria: { enabled: false },
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      legend: { type: 'scroll', top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : noData) },
      xAxis: { type: 'category', data: [...labels], boundaryGap: false },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: lines.map((line) => ({
        type: 'line',
        name: line.name,
        connectNulls: false,
        symbolSize: 8,
        cursor: onPointClick ? 'pointer' : 'default',
        data: line.values.map((v) => (v === null ? null : Math.round(v * 1000) / 10)),
      })),
    }),
    [labels, lines, noData, onPointClick],
  );
  useEChart(container, option, onPointClick && (({ seriesIndex, dataIndex }) => onPointClick(seriesIndex, dataIndex)));
  return <div ref={container} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height: 300 }} />;
}
