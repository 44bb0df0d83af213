import 'reflect-metadata';
import { runWriterProcess } from '@whistle/deployment';
import { supervisionWriter } from './supervision.writer';

/** The supervision service (监督考核) alone, in the distributed mode: `npm run start:supervision`. */
runWriterProcess(supervisionWriter);
