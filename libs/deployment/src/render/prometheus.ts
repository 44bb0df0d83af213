import type { DeploymentPlan } from './deployment-plan';
import { yamlText } from './yaml-text';

export const PROMETHEUS_FILE = 'deploy/prometheus/prometheus.yml';
/** Where the scrape config expects the METRICS_TOKEN the services are given, as a file Prometheus reads. */
export const PROMETHEUS_TOKEN_FILE = '/etc/prometheus/metrics-token';

/**
 * A Prometheus scrape config for the deployed services: each on its own port by its service name
 * (compose and the namespace's Services alike), since the proxy serves no /metrics, with the
 * bearer token from a file, so the token is in no rendered file.
 */
export function renderPrometheusConfig(plan: DeploymentPlan, notice: string): string {
  return yamlText([
    {
    comment: [
      notice,
      `Each service answers /metrics with Authorization: Bearer <METRICS_TOKEN>; put that token in ${PROMETHEUS_TOKEN_FILE}`,
      '(compose: a secret or a bind mount; Kubernetes: the whistle-jwt Secret key METRICS_TOKEN mounted there).',
      'Without METRICS_TOKEN the services serve /metrics to nobody where JWT_ISSUER is set.',
    ].join('\n'),
    body: {
      global: { scrape_interval: '15s' },
      scrape_configs: plan.services.map((s) => ({
        job_name: s.service,
        metrics_path: '/metrics',
        authorization: { type: 'Bearer', credentials_file: PROMETHEUS_TOKEN_FILE },
        static_configs: [{ targets: [`${s.service}:${s.port}`], labels: { component: s.component } }],
      })),
      },
    },
  ]);
}
