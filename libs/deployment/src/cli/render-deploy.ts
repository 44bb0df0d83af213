import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../launcher/distributed-system';
import { renderDeploymentFiles } from '../render/deployment-files';

/**
 * `npm run render:deploy`: writes deploy/nginx/nginx.conf, docker-compose.yml and the Kubernetes
 * manifests under deploy/k8s from libs/deployment/src/topology.ts. `-- --check` writes nothing
 * and fails when a committed file differs from its rendering.
 */
const check = process.argv.includes('--check');
let stale = 0;
for (const [path, text] of Object.entries(renderDeploymentFiles())) {
  const file = join(REPO_ROOT, path);
  const same = existsSync(file) && readFileSync(file, 'utf8') === text;
  if (check) {
    if (!same) stale += 1;
    process.stdout.write(`${same ? 'up to date' : 'DIFFERS   '} ${path}\n`);
  } else {
    if (!same) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    process.stdout.write(`${same ? 'unchanged' : 'wrote    '} ${path}\n`);
  }
}
if (stale > 0) {
  process.stderr.write(`${stale} file(s) differ from their rendering: run npm run render:deploy\n`);
  process.exitCode = 1;
}
