import { createServer, type Server } from 'node:http';
import { ManagedProcess, freePorts } from './managed-process';

/**
 * A distributed run once routed the audit's path to the query service: both were given one port,
 * the audit died at its listen, and the query's 200 passed for the audit's readiness.
 */
describe('the ports a launcher hands out and the process that answers on them', () => {
  it('hands out ports that are all different', async () => {
    const ports = await freePorts(40);
    expect(new Set(ports).size).toBe(40);
  });

  it('refuses to start a process whose port another process already answers on, instead of taking that one’s 200 for its readiness', async () => {
    const [port] = await freePorts(1);
    const impostor: Server = createServer((_, response) => response.writeHead(200).end('{"status":"ready"}'));
    await new Promise<void>((resolve) => impostor.listen(port, '127.0.0.1', resolve));
    const process = new ManagedProcess({ name: 'audit', command: 'sleep 30', cwd: '/', env: {}, readyUrl: `http://127.0.0.1:${port}/api/ready`, readyWithinMs: 5_000 });
    try {
      await expect(process.start()).rejects.toThrow(`audit cannot start: something already answers at http://127.0.0.1:${port}/api/ready, another process holds its port`);
      expect(process.running).toBe(false);
    } finally {
      await process.kill();
      await new Promise((resolve) => impostor.close(resolve));
    }
  });
});
