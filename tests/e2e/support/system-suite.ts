import { CaseSteps } from './case-steps';
import { SystemProcess } from './system-process';

export interface SystemSuite {
  /** The system the suite started with `npm start`'s command, on a data directory of its own. */
  readonly system: () => SystemProcess;
  /** The case's steps as the users take them, against that system. */
  readonly steps: () => CaseSteps;
}

/** A suite's system, registered with jest: started before its tests, stopped and removed after them. */
export function systemSuite(): SystemSuite {
  let system: SystemProcess | undefined;
  let steps: CaseSteps | undefined;
  beforeAll(async () => {
    system = await SystemProcess.start();
    steps = new CaseSteps(system.baseUrl);
  });
  afterAll(async () => system?.dispose());
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the suite’s system has not started: use it inside a test');
    return value;
  };
  return { system: () => started(system), steps: () => started(steps) };
}
