import { useMemo, useRef } from 'react';
import { useEChart } from './use-echart';

/** Counts as horizontal bars, each clickable (`onBarClick` gets its index), with a text alternative. */
export function CountBarChart({ bars, label, testId, onBarClick }: { bars: readonly { name: string; value: number }[]; label: string; testId: string; onBarClick?: (index: number) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const option = useMemo(
    () => ({
      aria: { enabled: false },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: bars.map((b) => b.name).reverse(), axisLabel: { width: 150, overflow: 'truncate' } },
      series: [{ type: 'bar', data: bars.map((b) => b.value).reverse(), barMaxWidth: 20, cursor: onBarClick ? 'pointer' : 'default', label: { show: true, position: 'right' } }],
    }),
    [bars, onBarClick],
  );
  useEChart(container, option, onBarClick && (({ dataIndex }) => onBarClick(bars.length - 1 - dataIndex)));
  return <div ref={container} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height: Math.max(160, bars.length * 32 + 40) }} />;
}
