import 'reflect-metadata';
import { runWriterProcess } from '@whistle/deployment';
import { enforcementWriter } from './enforcement.writer';

/** The enforcement service (执法) alone, in the distributed mode: `npm run start:enforcement`. */
runWriterProcess(enforcementWriter);
