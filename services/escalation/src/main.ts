import 'reflect-metadata';
import { runWriterProcess } from '@whistle/deployment';
import { escalationWriter } from './escalation.writer';

/** The escalation service (吹哨/升级) alone, in the distributed mode: `npm run start:escalation`. */
runWriterProcess(escalationWriter);
