import { systemSuite } from './support/system-suite';
import { describeCasePaths } from './support/case-paths';

/** The case paths against the system started as a separate process (`npm start`), on the default catalogue. */
jest.setTimeout(120_000);

describeCasePaths(systemSuite().steps);
