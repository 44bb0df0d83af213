// Before any suite: the tools the suites use besides the servers (nginx, kcat, Schemathesis) are installed,
// and which local servers already run is noted, so the teardown stops only what the run started.
const { execFileSync, spawnSync } = require('node:child_process');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');
// FerretDB before its PostgreSQL backend, so the teardown stops them in that order.
const SERVERS = ['kafka', 'ferretdb', 'postgres'];

const script = (name, command, stdio) => spawnSync('bash', [join(ROOT, 'deploy', 'local', `${name}.sh`), command], { cwd: ROOT, stdio });

function running() {
  return SERVERS.filter((server) => script(server, 'status', 'ignore').status === 0);
}

module.exports = async function globalSetup() {
  execFileSync('bash', [join(ROOT, 'deploy', 'local', 'tools.sh'), 'ensure'], { cwd: ROOT, stdio: 'inherit' });
  process.env.FLW_SERVERS_BEFORE_TESTS = running().join(',');
};

/** Stops the servers running now that were not in `before`, the set running when `who` began. */
function stopStartedSince(before, who) {
  for (const server of running()) {
    if (before.has(server)) continue;
    const stopped = script(server, 'down', ['ignore', 'inherit', 'inherit']);
    if (stopped.status !== 0) process.stderr.write(`the ${server} server ${who} started did not stop: deploy/local/${server}.sh down\n`);
  }
}

module.exports.running = running;
module.exports.stopStartedSince = stopStartedSince;
module.exports.script = script;
module.exports.SERVERS = SERVERS;
