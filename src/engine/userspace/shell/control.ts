/**
 * Non-local control flow inside the interpreter, as exceptions: `break`,
 * `continue`, `return`, and leaving the shell (`exit`, `set -e`, fatal
 * expansion errors). ShellExit unwinds to the shell's top level, which runs
 * the EXIT trap.
 */
export class BreakLoop {
  constructor(public levels: number) {}
}

export class ContinueLoop {
  constructor(public levels: number) {}
}

export class ReturnFromFunction {
  constructor(readonly status: number) {}
}

export class ShellExit {
  constructor(readonly status: number) {}
}

/** An error the shell reports as `sh: <message>` and then exits with `status` (non-interactive). */
export class ShellFatal extends Error {
  override readonly name = 'ShellFatal';
  constructor(
    message: string,
    readonly status = 2,
  ) {
    super(message);
  }
}
