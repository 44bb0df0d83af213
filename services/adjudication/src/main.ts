import 'reflect-metadata';
import { runWriterProcess } from '@whistle/deployment';
import { adjudicationWriter } from './adjudication.writer';

/** The adjudication service (联席会议) alone, in the distributed mode: `npm run start:adjudication`. */
runWriterProcess(adjudicationWriter);
