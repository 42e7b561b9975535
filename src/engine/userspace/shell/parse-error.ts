/**
 * A syntax error, with ash's message text (`syntax error: unexpected "fi"`)
 * and where it was found. The shell prints `sh: ` + message (or
 * `script: line N: ` + message for a script file) and exits with status 2.
 */
export class ShellSyntaxError extends Error {
  override readonly name = 'ShellSyntaxError';
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}
