/**
 * The build-time half of the CMD/ENTRYPOINT rule: how the CMD, ENTRYPOINT and
 * SHELL instructions of one build stage set the image config.
 *
 * - Exec form (a JSON array) is stored as written; shell form is stored as
 *   SHELL (default `["/bin/sh", "-c"]`) plus the command line as ONE string.
 * - ENTRYPOINT resets Cmd to unset unless a CMD instruction came earlier in
 *   the same stage, so a base image's `CMD ["bash"]` does not end up as
 *   arguments of a new entrypoint. A CMD in a previous stage does not count.
 *
 * Sources: BuildKit dockerfile2llb/convert.go (dispatchCmd, dispatchEntrypoint,
 * withShell, dispatchShell); classic builder moby daemon/builder/dockerfile
 * dispatchers.go (cmdSet only for a non-empty CMD) and internals.go
 * (withCmdComment for history).
 */
import type { ExplainStep } from '../../api/explain.ts';
import { explainStep } from '../../api/explain.ts';
import { goQuoteList } from '../../lib/go-quote.ts';

/** The shell a Linux image uses for shell form when no SHELL instruction set one. */
export const DEFAULT_LINUX_SHELL: readonly string[] = Object.freeze(['/bin/sh', '-c']);

/** Which builder's bookkeeping to follow; they differ in `cmdSet` and history text. */
export type BuilderKind = 'buildkit' | 'classic';

/** The command-related image config while a stage is being built (spec spelling), plus `cmdSet`. */
export interface StageCommandState {
  readonly Entrypoint: readonly string[] | null;
  readonly Cmd: readonly string[] | null;
  /** `null` = no SHELL instruction anywhere in the image's history: the default shell applies. */
  readonly Shell: readonly string[] | null;
  /** Whether a CMD instruction appeared earlier in THIS stage. */
  readonly cmdSet: boolean;
}

/**
 * A CMD, ENTRYPOINT or SHELL instruction after parsing. `prependShell` is true
 * for shell form (BuildKit's ShellDependantCmdLine.PrependShell); then `args`
 * holds the command line (its words are joined with one space). SHELL is
 * always exec form.
 */
export type CommandInstruction =
  | { readonly keyword: 'CMD' | 'ENTRYPOINT'; readonly args: readonly string[]; readonly prependShell: boolean }
  | { readonly keyword: 'SHELL'; readonly args: readonly string[] };

export interface CommandInstructionResult {
  readonly state: StageCommandState;
  /** The history entry's `created_by` (the entry has `empty_layer: true`). */
  readonly createdBy: string;
  readonly steps: ExplainStep[];
}

/**
 * Start a stage from its base image's config (`FROM`): Entrypoint, Cmd and
 * Shell are inherited, `cmdSet` starts false.
 */
export function beginStage(base: {
  readonly Entrypoint?: readonly string[] | null;
  readonly Cmd?: readonly string[] | null;
  readonly Shell?: readonly string[] | null;
}): StageCommandState {
  return {
    Entrypoint: base.Entrypoint ?? null,
    Cmd: base.Cmd ?? null,
    Shell: base.Shell && base.Shell.length > 0 ? base.Shell : null,
    cmdSet: false,
  };
}

/** The shell that shell form uses in this state. */
export function effectiveShell(state: StageCommandState): readonly string[] {
  return state.Shell ?? DEFAULT_LINUX_SHELL;
}

/** Apply one CMD/ENTRYPOINT/SHELL instruction; returns a new state. */
export function applyCommandInstruction(
  state: StageCommandState,
  ins: CommandInstruction,
  builder: BuilderKind = 'buildkit',
): CommandInstructionResult {
  const steps: ExplainStep[] = [];

  if (ins.keyword === 'SHELL') {
    const shell = [...ins.args];
    steps.push(
      explainStep('build.shell', `SHELL sets the shell for later shell-form instructions to ${JSON.stringify(shell)}.`, {
        Shell: shell,
      }),
    );
    const next = { ...state, Shell: shell };
    return { state: next, createdBy: historyText(next, `SHELL [${shell.join(' ')}]`, builder), steps };
  }

  let value: string[];
  if (ins.prependShell) {
    const shell = effectiveShell(state);
    const line = ins.args.join(' ');
    value = [...shell, line];
    steps.push(
      explainStep(
        'build.shell-form',
        `${ins.keyword} is in shell form, so it is stored as the shell ${JSON.stringify(shell)} followed by ` +
          `the command line: ${JSON.stringify(value)}.`,
        { keyword: ins.keyword, Shell: shell, value },
      ),
    );
  } else {
    value = [...ins.args];
    steps.push(
      explainStep('build.exec-form', `${ins.keyword} is in exec form and is stored as written: ${JSON.stringify(value)}.`, {
        keyword: ins.keyword,
        value,
      }),
    );
  }

  let next: StageCommandState;
  if (ins.keyword === 'CMD') {
    // The classic builder only counts a CMD that has arguments.
    const counts = builder === 'buildkit' || value.length > 0;
    next = { ...state, Cmd: value, cmdSet: state.cmdSet || counts };
  } else if (state.cmdSet) {
    next = { ...state, Entrypoint: entrypointValue(value) };
    steps.push(
      explainStep('build.entrypoint-keeps-cmd', `A CMD earlier in this stage is kept: ${JSON.stringify(state.Cmd)}.`, {
        Cmd: state.Cmd,
      }),
    );
  } else {
    next = { ...state, Entrypoint: entrypointValue(value), Cmd: null };
    if (state.Cmd !== null) {
      steps.push(
        explainStep(
          'build.entrypoint-resets-cmd',
          `ENTRYPOINT resets the inherited Cmd ${JSON.stringify(state.Cmd)}, because this stage has no CMD before it.`,
          { Cmd: state.Cmd },
        ),
      );
    }
  }
  return { state: next, createdBy: historyText(next, `${ins.keyword} ${goQuoteList(value)}`, builder), steps };
}

/** `ENTRYPOINT []` unsets the entrypoint (BuildKit parses it with emptyAsNil). */
function entrypointValue(value: string[]): string[] | null {
  return value.length === 0 ? null : value;
}

/**
 * History `created_by` for a metadata-only instruction. BuildKit records the
 * comment itself; the classic builder records the no-op command it "ran":
 * the shell, `#(nop) ` and the comment joined by spaces (hence two spaces).
 */
export function historyText(state: StageCommandState, comment: string, builder: BuilderKind): string {
  return builder === 'buildkit' ? comment : [...effectiveShell(state), '#(nop) ', comment].join(' ');
}
