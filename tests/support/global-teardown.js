// After every suite: the local servers this run started (the suites bring them up on first use)
// are stopped again; those that already ran before the run are left running.
const { SERVERS, running, script } = require('./global-setup');

module.exports = async function globalTeardown() {
  const before = new Set((process.env.FLW_SERVERS_BEFORE_TESTS ?? SERVERS.join(',')).split(',').filter(Boolean));
  for (const server of running()) {
    if (before.has(server)) continue;
    const stopped = script(server, 'down', ['ignore', 'inherit', 'inherit']);
    if (stopped.status !== 0) process.stderr.write(`the ${server} server this test run started did not stop: deploy/local/${server}.sh down\n`);
  }
};
