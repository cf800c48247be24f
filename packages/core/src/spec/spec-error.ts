/** Every problem in a spec at once: a JSON pointer, what is wrong, the value found. */
export interface SpecProblem {
  pointer: string;
  message: string;
  found?: unknown;
}

export class SpecError extends Error {
  constructor(
    readonly file: string,
    readonly problems: SpecProblem[],
  ) {
    super(formatProblems(file, problems));
    this.name = 'SpecError';
  }
}

export function formatProblems(file: string, problems: SpecProblem[]): string {
  const lines = problems.map((problem) => {
    const found = problem.found === undefined ? '' : ` (found ${preview(problem.found)})`;
    return `  ${problem.pointer || '/'}: ${problem.message}${found}`;
  });
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return `${file}: ${count}\n${lines.join('\n')}`;
}

function preview(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
