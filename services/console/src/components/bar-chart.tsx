import { useEffect, useRef } from 'react';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { init, use as registerChartParts, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only the parts the console draws, so the dashboard's chunk stays small; SVG renders crisply on phones.
registerChartParts([BarChart, GridComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export interface Bar {
  readonly name: string;
  /** A share from 0 to 1, or null when there is nothing to count. */
  readonly value: number | null;
}

/** A horizontal bar chart of shares in percent (Apache ECharts), with a text alternative for screen readers. */
export function PercentBarChart({ bars, label, noData, testId }: { bars: readonly Bar[]; label: string; noData: string; testId: string }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    if (!container.current) return undefined;
    const instance = init(container.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(container.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const names = bars.map((b) => b.name).reverse();
    const values = bars.map((b) => (b.value === null ? null : Math.round(b.value * 1000) / 10)).reverse();
    chart.current?.setOption({
      aria: { enabled: false },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : noData) },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: names, axisLabel: { width: 140, overflow: 'truncate' } },
      series: [{ type: 'bar', data: values, barMaxWidth: 22, label: { show: true, position: 'right', formatter: ({ value }: { value: unknown }) => (typeof value === 'number' ? `${value}%` : noData) } }],
    });
  }, [bars, noData]);

  return <div ref={container} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height: Math.max(160, bars.length * 36 + 40) }} />;
}
