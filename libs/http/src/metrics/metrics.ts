import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export interface MetricConfig<Label extends string> {
  readonly name: string;
  readonly help: string;
  readonly labelNames?: readonly Label[];
}

export interface HistogramConfig<Label extends string> extends MetricConfig<Label> {
  /** Seconds; prom-client's defaults when left out. */
  readonly buckets?: readonly number[];
}

/**
 * One Prometheus registry per app (not prom-client's global one, so apps in one process or one
 * test run never collide): process metrics, the HTTP request histogram, and what services add.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.httpRequestDuration = this.histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    });
  }

  /** A counter by this name; the one already registered if a module asks twice. */
  counter<Label extends string = never>(config: MetricConfig<Label>): Counter<Label> {
    const existing = this.registry.getSingleMetric(config.name);
    if (existing instanceof Counter) return existing as Counter<Label>;
    if (existing !== undefined) throw new Error(`metric ${config.name} is registered already, and is not a counter`);
    return new Counter({ ...config, labelNames: config.labelNames ?? [], registers: [this.registry] });
  }

  /** A histogram by this name; the one already registered if a module asks twice. */
  histogram<Label extends string = never>(config: HistogramConfig<Label>): Histogram<Label> {
    const existing = this.registry.getSingleMetric(config.name);
    if (existing instanceof Histogram) return existing as Histogram<Label>;
    if (existing !== undefined) throw new Error(`metric ${config.name} is registered already, and is not a histogram`);
    return new Histogram({
      name: config.name,
      help: config.help,
      labelNames: config.labelNames ?? [],
      ...(config.buckets === undefined ? {} : { buckets: [...config.buckets] }),
      registers: [this.registry],
    });
  }
}
