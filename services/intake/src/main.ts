import 'reflect-metadata';
import { runWriterProcess } from '@whistle/deployment';
import { intakeWriter } from './intake.writer';

/** The intake service (受理) alone, in the distributed mode: `npm run start:intake`. */
runWriterProcess(intakeWriter);
