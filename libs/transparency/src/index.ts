export * from './merkle';
export * from './checkpoint';
export * from './dossier-proof';
export * from './verify-dossier';
