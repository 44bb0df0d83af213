import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../launcher/distributed-system';
import { renderNginxConf } from '../nginx-conf';
import { DEFAULT_PORTS, DEPLOYED_SERVICES, PROXY_PORT, type DeployedService } from '../topology';

/**
 * `npm run render:nginx`: writes deploy/nginx/nginx.conf from the route table, with the compose
 * service names (also the Kubernetes Service names) as upstreams. Copy the result into the
 * ConfigMap of deploy/k8s/30-proxy.yaml; tests/deployment fails until both match the code.
 */
const upstreams = Object.fromEntries(DEPLOYED_SERVICES.map((s) => [s, `${s}:${DEFAULT_PORTS[s]}`])) as Record<DeployedService, string>;
const file = join(REPO_ROOT, 'deploy', 'nginx', 'nginx.conf');
writeFileSync(file, renderNginxConf({ listen: PROXY_PORT, upstreams }));
process.stdout.write(`wrote ${file}\n`);
