export { escalationWriter } from './escalation.writer';
