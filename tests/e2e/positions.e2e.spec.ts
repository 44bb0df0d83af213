import { describePositions } from './support/positions';
import { SystemProcess } from './support/system-process';

/** Positions, waits and the live stream against the system started as a separate process (`npm start`). */
jest.setTimeout(60_000);

let system: SystemProcess;

beforeAll(async () => {
  system = await SystemProcess.start();
}, 120_000);
afterAll(async () => system?.dispose());

describePositions(() => system.baseUrl);
