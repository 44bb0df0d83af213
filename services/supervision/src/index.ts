export { supervisionWriter } from './supervision.writer';
