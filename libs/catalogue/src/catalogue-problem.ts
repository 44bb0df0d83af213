/** One thing wrong with a catalogue, at a JSON path such as `categories[3].unitIds[1]`. */
export interface CatalogueProblem {
  readonly path: string;
  readonly message: string;
}

export function formatProblem(problem: CatalogueProblem): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}
