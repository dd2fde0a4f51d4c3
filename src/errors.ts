/** A problem with what the user gave us (a file, a flag): exit code 2, Japanese message. */
export class InputError extends Error {
  readonly problems: readonly string[]

  constructor(summary: string, problems: readonly string[] = []) {
    super(problems.length > 0 ? `${summary}\n${problems.map((p) => `  ${p}`).join('\n')}` : summary)
    this.name = 'InputError'
    this.problems = problems
  }
}
