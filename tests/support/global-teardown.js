// After every suite: the local servers this run started (the suites bring them up on first use)
// are stopped again; those that already ran before the run are left running.
const { SERVERS, stopStartedSince } = require('./global-setup');

module.exports = async function globalTeardown() {
  stopStartedSince(new Set((process.env.FLW_SERVERS_BEFORE_TESTS ?? SERVERS.join(',')).split(',').filter(Boolean)), 'this test run');
};
