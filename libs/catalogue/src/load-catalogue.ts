import { resolve } from 'node:path';
import { sourceDirOf } from '@whistle/config';
import type { Catalogue } from '@whistle/contracts';
import { CatalogueError } from './catalogue-error';
import { formatProblem, type CatalogueProblem } from './catalogue-problem';
import { readJsonFile } from './read-json-file';
import { validateCatalogue } from './validate-catalogue';

/** The bundled catalogue, found beside this module so that it loads from any working directory. */
export const defaultCatalogueFile = resolve(sourceDirOf(__dirname), '../data/default-catalogue.json');

/**
 * Reads, parses and validates a catalogue file: the bundled default, or `file` (the `CATALOGUE_FILE`
 * setting). An empty `file` counts as not given, as compose files pass unset variables as empty.
 * Throws a `CatalogueError` listing every problem.
 */
export function loadCatalogue(file?: string): Catalogue {
  const path = file ? resolve(file) : defaultCatalogueFile;
  const source = !file ? `the default catalogue ${path}` : `CATALOGUE_FILE=${file}${path === file ? '' : ` (${path})`}`;
  const fail = (problems: readonly CatalogueProblem[]): never => {
    const lines = problems.map((problem) => `  ${formatProblem(problem)}`).join('\n');
    throw new CatalogueError(path, problems, `${source} is not a valid catalogue:\n${lines}`);
  };

  const read = readJsonFile(path);
  if ('problem' in read) return fail([{ path: '', message: read.problem }]);
  const { value } = read;

  const result = validateCatalogue(value);
  return result.ok ? result.catalogue : fail(result.problems);
}
