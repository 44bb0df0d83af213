export { adjudicationWriter } from './adjudication.writer';
