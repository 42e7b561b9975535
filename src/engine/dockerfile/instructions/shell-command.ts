/**
 * The command line shared by RUN, CMD and ENTRYPOINT (BuildKit
 * `ShellDependantCmdLine`): exec form is used as given; shell form is one
 * string that the builder prefixes with the stage's SHELL.
 */
import type { ParseRequest } from './request.ts';
import { handleJsonArgs } from './request.ts';

/** A heredoc body handed to the shell (RUN) as a file. */
export interface ShellInlineFile {
  readonly name: string;
  /** Raw body; when `chomp`, leading tabs are stripped at use. */
  readonly data: string;
  readonly chomp: boolean;
}

export interface ShellCommandLine {
  readonly cmdLine: readonly string[];
  /** True in shell form: run through `SHELL` (`/bin/sh -c` by default). */
  readonly prependShell: boolean;
  readonly files: readonly ShellInlineFile[];
}

export function shellCommandLine(req: ParseRequest): ShellCommandLine {
  return {
    cmdLine: handleJsonArgs(req.args, req.json),
    prependShell: !req.json,
    files: req.heredocs.map((h) => ({ name: h.name, data: h.content, chomp: h.chomp })),
  };
}
