import type { CatalogueProblem } from './catalogue-problem';

/** The catalogue file cannot be read, is not JSON, or is not a valid catalogue; services refuse to start. */
export class CatalogueError extends Error {
  override readonly name = 'CatalogueError';
  constructor(
    readonly file: string,
    readonly problems: readonly CatalogueProblem[],
    message: string,
  ) {
    super(message);
  }
}
