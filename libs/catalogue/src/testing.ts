import { readFileSync } from 'node:fs';
import type { Catalogue } from '@whistle/contracts';
import { defaultCatalogueFile } from './load-catalogue';

type DeepMutable<T> = { -readonly [K in keyof T]: DeepMutable<T[K]> };
export type EditableCatalogue = DeepMutable<Catalogue>;

/** A fresh deep copy of the bundled catalogue for a test to corrupt as it likes. */
export function editableDefault(): EditableCatalogue {
  return JSON.parse(readFileSync(defaultCatalogueFile, 'utf8')) as EditableCatalogue;
}

/** Sets a key to a value its type does not allow, or removes it with `undefined`. */
export function force(target: object, key: string, value: unknown): void {
  if (value === undefined) Reflect.deleteProperty(target, key);
  else Reflect.set(target, key, value);
}
