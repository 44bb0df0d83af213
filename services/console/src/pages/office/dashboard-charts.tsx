import { Suspense, useEffect, useState, type ComponentProps, type ComponentType } from 'react';
import { Spin } from 'antd';
import type { BarChart as Bars } from '../../components/bar-chart';
import type { TrendChart as Trend } from '../../components/trend-chart';
import { lazyComponent } from '../../lazy-component';

/*
 * The dashboard's charts (ECharts: half a megabyte, and drawing takes a while) come after its
 * figures: their code is fetched once the figures are on the screen, and each chart is drawn as
 * it comes, in a box of its own height meanwhile. The figures do not wait for them.
 */
function deferred<P extends object>(load: () => Promise<ComponentType<P>>, height: (props: P) => number): ComponentType<P> {
  const chart = lazyComponent(load);
  return function DeferredChart(props: P) {
    const [ready, setReady] = useState(false);
    useEffect(() => {
      let current = true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      // After the next frame is painted: requestAnimationFrame runs before the paint, the timeout after it.
      const frame = requestAnimationFrame(() => {
        timer = setTimeout(() => {
          // A chunk that did not come is asked for again as the chart renders, where its error shows.
          void chart.preload().finally(() => current && setReady(true));
        });
      });
      return () => {
        current = false;
        cancelAnimationFrame(frame);
        clearTimeout(timer);
      };
    }, []);
    const box = (
      <div style={{ height: height(props), display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Spin />
      </div>
    );
    return ready ? (
      <Suspense fallback={box}>
        <chart.Component {...props} />
      </Suspense>
    ) : (
      box
    );
  };
}

// The same heights as the charts', so nothing moves when one is drawn.
export const BarChart = deferred<ComponentProps<typeof Bars>>(
  () => import('../../components/bar-chart').then((m) => m.BarChart),
  ({ bars }) => Math.max(160, bars.length * 36 + 40),
);
export const TrendChart = deferred<ComponentProps<typeof Trend>>(
  () => import('../../components/trend-chart').then((m) => m.TrendChart),
  () => 300,
);
