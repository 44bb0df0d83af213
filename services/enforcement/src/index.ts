export { enforcementWriter } from './enforcement.writer';
