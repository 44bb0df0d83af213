export * from './settings';
export * from './load-config';
export { sourceDirOf } from './source-dir';
