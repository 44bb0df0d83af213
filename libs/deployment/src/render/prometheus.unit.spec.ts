import { ConfigError } from '@whistle/config';
import { loadHttpSettings, metricsAccessOf } from '../settings';
import { DEFAULT_PORTS, DEPLOYED_SERVICES } from '../topology';
import { deploymentPlan } from './deployment-plan';
import { PROMETHEUS_FILE, PROMETHEUS_TOKEN_FILE } from './prometheus';
import { renderDeploymentFiles } from './deployment-files';

describe('METRICS_TOKEN and the Prometheus scrape config', () => {
  const token = 'a'.repeat(16) + '0123456789abcdef';

  it('opens /metrics in development, closes it where tokens come from an issuer, and asks for the token when one is set', () => {
    expect(metricsAccessOf(loadHttpSettings(3000, {}))).toEqual({ mode: 'open' });
    expect(metricsAccessOf({ METRICS_TOKEN: undefined, JWT_ISSUER: 'https://id.example.org/realms/town' })).toEqual({ mode: 'closed' });
    expect(metricsAccessOf(loadHttpSettings(3000, { METRICS_TOKEN: token }))).toEqual({ mode: 'token', token });
    expect(metricsAccessOf({ METRICS_TOKEN: token, JWT_ISSUER: 'https://id.example.org/realms/town' })).toEqual({ mode: 'token', token });
  });

  it('refuses a token too short to guess at or with characters a bearer token cannot carry', () => {
    for (const bad of ['short', `${token} ${token}`, 'ä'.repeat(40)]) {
      expect(() => loadHttpSettings(3000, { METRICS_TOKEN: bad })).toThrow(ConfigError);
    }
  });

  it('scrapes every deployed service on its own port with the token from a file, which no rendered file holds', () => {
    const plan = deploymentPlan();
    const text = renderDeploymentFiles(plan)[PROMETHEUS_FILE] ?? '';
    for (const service of DEPLOYED_SERVICES) {
      expect(text).toContain(`  - job_name: ${service}\n    metrics_path: /metrics\n    authorization:\n      type: Bearer\n      credentials_file: ${PROMETHEUS_TOKEN_FILE}\n`);
      expect(text).toContain(`          - ${service}:${DEFAULT_PORTS[service]}\n`);
    }
    expect(text.match(/job_name:/g)).toHaveLength(DEPLOYED_SERVICES.length);
    expect(plan.shared).toContainEqual(expect.objectContaining({ name: 'METRICS_TOKEN', optional: true }));
  });
});
