import { useEffect, useRef, type RefObject } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use as registerChartParts, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only the parts the dashboard draws, so its chunk stays small; SVG renders crisply on phones.
registerChartParts([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

/** What ECharts tells of a click on a bar or a point. */
export interface ChartClick {
  readonly seriesIndex: number;
  readonly dataIndex: number;
}

/**
 * An ECharts instance in `container`, resized with it, given `option` whenever it changes, and
 * calling the latest `onClick` when a bar or point is clicked.
 */
export function useEChart(container: RefObject<HTMLDivElement | null>, option: Record<string, unknown>, onClick?: (click: ChartClick) => void): void {
  const chart = useRef<EChartsType | null>(null);
  const clicked = useRef(onClick);
  useEffect(() => {
    clicked.current = onClick;
  });

  useEffect(() => {
    if (!container.current) return undefined;
    const instance = init(container.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => clicked.current?.({ seriesIndex: params.seriesIndex ?? 0, dataIndex: params.dataIndex }));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(container.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [container]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
}
