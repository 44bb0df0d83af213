// `npm start` will host every service in one process on the embedded default. The services land
// with the next piece of work (the running system behind the public API); until then this says
// so plainly instead of pretending to serve.
process.stderr.write(
  [
    'The running system (every service in one process on http://localhost:3000) is not built yet:',
    'this checkout holds the domain, the catalogue and the event store.',
    'Try `npm test` (every rule and the event-store contract) and `npm run bench`.',
    '',
  ].join('\n'),
);
process.exitCode = 1;
