import type mongoose from 'mongoose';

/**
 * mongoose (with the MongoDB driver under it), loaded when a store on MongoDB first opens, so that
 * the embedded server, whose read models are in SQLite, never loads it: it cost about 30 MB
 * resident. Node keeps the module once loaded.
 */
export function mongooseDriver(): typeof mongoose {
  return require('mongoose') as typeof mongoose;
}
