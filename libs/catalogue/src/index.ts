export * from './catalogue-problem';
export * from './catalogue-error';
export * from './validate-catalogue';
export * from './load-catalogue';
export * from './catalogue-index';
export * from './office-calendar';
export * from './load-working-calendar';
