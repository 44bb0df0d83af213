import { SystemProcess } from './support/system-process';
import { CaseSteps } from './support/case-steps';
import { describeCasePaths } from './support/case-paths';

/** The case paths against the system started as a separate process (`npm start`), on the default catalogue. */
jest.setTimeout(120_000);

let system: SystemProcess;
let steps: CaseSteps;

beforeAll(async () => {
  system = await SystemProcess.start();
  steps = new CaseSteps(system.baseUrl);
});
afterAll(async () => system?.dispose());

describeCasePaths(() => steps);
