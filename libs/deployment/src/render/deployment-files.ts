import { identityProviderMapLine, PROXY_IDENTITY_PROVIDER_ENV, PROXY_IDENTITY_PROVIDER_TEMPLATE, renderNginxConf } from '../nginx-conf';
import { PROXY_CONSOLE_ROOT } from '../topology';
import { NGINX_CONF_FILE, renderCompose } from './compose';
import { deploymentPlan, proxyUpstreams, type DeploymentPlan } from './deployment-plan';
import { GENERATED_NOTICE } from './generated';
import { renderK8sManifests } from './k8s-manifests';
import { PROMETHEUS_FILE, renderPrometheusConfig } from './prometheus';

export const COMPOSE_FILE = 'docker-compose.yml';
export const K8S_DIR = 'deploy/k8s';

/**
 * Every rendered deployment file, by its path in the repository: the proxy's nginx.conf and its
 * identity provider's template,
 * docker-compose.yml, the Kubernetes manifests and Prometheus's scrape config. `npm run render:deploy` writes them;
 * tests/deployment checks the committed ones are exactly these.
 */
export function renderDeploymentFiles(plan: DeploymentPlan = deploymentPlan()): Readonly<Record<string, string>> {
  const notice = GENERATED_NOTICE.split('\n').map((line) => `# ${line}\n`).join('');
  const nginxConf = notice + renderNginxConf({ listen: plan.proxyPort, upstreams: proxyUpstreams(plan), consoleRoot: PROXY_CONSOLE_ROOT });
  const manifests = Object.entries(renderK8sManifests(plan, nginxConf)).map(([path, text]) => [`${K8S_DIR}/${path}`, text]);
  return {
    [NGINX_CONF_FILE]: nginxConf,
    [PROXY_IDENTITY_PROVIDER_TEMPLATE]: `${notice}# The proxy image's entrypoint writes identity-provider.map from this with ${PROXY_IDENTITY_PROVIDER_ENV} (the issuer's URL),\n# whose origin nginx adds to the console's connect-src (deploy/Dockerfile).\n${identityProviderMapLine()}\n`,
    [COMPOSE_FILE]: renderCompose(plan),
    ...Object.fromEntries(manifests),
    [PROMETHEUS_FILE]: renderPrometheusConfig(plan, GENERATED_NOTICE),
  };
}
