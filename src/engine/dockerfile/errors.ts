/**
 * DockerfileParseError: every way a Dockerfile can be rejected before the
 * build runs (grammar, directives, heredocs, instruction arguments and flags).
 */

/**
 * A Dockerfile rejected by the parser or by instruction conversion. `message`
 * is what `docker build` prints (`dockerfile parse error on line 3: unknown
 * instruction: CPY (did you mean COPY?)`); `reason` is the bare upstream
 * message; `line`/`column` are 1-based (column 1 when BuildKit only knows the
 * line); `endLine` is the last line of the offending instruction.
 */
export class DockerfileParseError extends Error {
  override readonly name = 'DockerfileParseError';
  readonly reason: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;

  constructor(reason: string, line: number, column = 1, endLine = line) {
    super(`dockerfile parse error on line ${line}: ${reason}`);
    this.reason = reason;
    this.line = line;
    this.column = column;
    this.endLine = endLine;
  }
}

/**
 * A failure that does not know its location yet (thrown by line parsers and
 * instruction parsers); the parser or `toInstruction` turns it into a
 * DockerfileParseError with the instruction's lines.
 */
export class InstructionError extends Error {
  override readonly name = 'InstructionError';
}
