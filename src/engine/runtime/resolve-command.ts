/**
 * What a container runs: the one CMD/ENTRYPOINT rule, computed the way the
 * docker CLI and dockerd compute it, with every decision recorded as an
 * ExplainStep for the visualisation.
 *
 * The pipeline (docker/cli opts.go → moby daemon/commit.go merge() →
 * daemon/create.go mergeAndVerifyConfig → daemon/container.go
 * getEntrypointAndArgs):
 *
 * 1. CLI: `--entrypoint X` becomes `[X]` (one word, never split); an empty
 *    `--entrypoint ""` is sent as `[""]`. Arguments after the image become Cmd.
 * 2. Daemon merge: the image's Cmd is inherited only when the user gave neither
 *    an entrypoint nor arguments; the image's Entrypoint only when the user gave
 *    no entrypoint.
 * 3. Verify: `[""]` is reset to no entrypoint; nothing left to run is the error
 *    `no command specified`.
 * 4. PID 1's argv is Entrypoint ++ Cmd.
 */
import type { ExplainStep } from '../../api/explain.ts';
import { explainStep } from '../../api/explain.ts';
import { describePid1 } from './pid1.ts';
import type { Pid1 } from './pid1.ts';

export type { Pid1 } from './pid1.ts';

/** The image config fields that decide the command (spec spelling). */
export interface ImageCommandConfig {
  readonly Entrypoint?: readonly string[] | null;
  readonly Cmd?: readonly string[] | null;
}

/** What `docker run [--entrypoint X] IMAGE [args…]` adds. */
export interface RunCommandOptions {
  /** `--entrypoint` value; `undefined`/`null` = flag not given, `""` = given empty. */
  readonly entrypoint?: string | null;
  /** Arguments after the image name. */
  readonly args?: readonly string[];
}

export interface ResolvedCommand {
  /** PID 1's argv (Entrypoint ++ Cmd), or `null` when the container cannot be created. */
  readonly argv: string[] | null;
  /** dockerd's error text when container create fails (`no command specified`). */
  readonly error?: string;
  /** The container config after the daemon's merge (what `docker inspect` shows). */
  readonly config: { readonly Entrypoint: string[] | null; readonly Cmd: string[] | null };
  /** What runs as PID 1 (`Path`/`Args` in `docker inspect`), `null` on error. */
  readonly pid1: Pid1 | null;
  /** Whether `docker stop`'s SIGTERM reaches the application itself. */
  readonly signalsReachApp: boolean;
  /** Why signals do or do not reach the application. */
  readonly signalsReason: ExplainStep | null;
  /** Every decision, in order. */
  readonly steps: ExplainStep[];
}

/** dockerd's message when neither Entrypoint nor Cmd is left (daemon/create.go). */
export const NO_COMMAND_SPECIFIED = 'no command specified';

function show(v: readonly string[] | null): string {
  return v === null ? 'none' : JSON.stringify(v);
}

function nonEmpty(v: readonly string[] | null | undefined): v is readonly string[] {
  return v !== null && v !== undefined && v.length > 0;
}

/**
 * Resolve the argv of a container's main process from the image config and the
 * `docker run` options. Pure: same inputs, same result and steps.
 */
export function resolveCommand(config: ImageCommandConfig, run: RunCommandOptions): ResolvedCommand {
  const steps: ExplainStep[] = [];
  const imageEntrypoint = config.Entrypoint ?? null;
  const imageCmd = config.Cmd ?? null;
  const args = run.args ?? [];

  steps.push(
    explainStep('image.config', `The image sets Entrypoint ${show(imageEntrypoint)} and Cmd ${show(imageCmd)}.`, {
      Entrypoint: imageEntrypoint,
      Cmd: imageCmd,
    }),
  );

  // 1. What the CLI sends.
  const flagGiven = run.entrypoint !== undefined && run.entrypoint !== null;
  let entrypoint: string[] | null = null;
  if (flagGiven) {
    entrypoint = [run.entrypoint as string];
    steps.push(
      run.entrypoint === ''
        ? explainStep('cli.entrypoint-flag-empty', '--entrypoint "" asks for no entrypoint; the CLI sends [""].', {
            entrypoint: [''],
          })
        : explainStep(
            'cli.entrypoint-flag',
            `--entrypoint ${JSON.stringify(run.entrypoint)} becomes the entrypoint as one word (it is not split on spaces).`,
            { entrypoint },
          ),
    );
  }
  let cmd: string[] | null = null;
  if (args.length > 0) {
    cmd = [...args];
    steps.push(
      explainStep('cli.args', `The arguments after the image name, ${JSON.stringify(cmd)}, replace the image's Cmd.`, {
        args: cmd,
      }),
    );
  }

  // 2. The daemon's merge with the image config.
  if (!nonEmpty(entrypoint)) {
    if (cmd === null) {
      cmd = imageCmd === null ? null : [...imageCmd];
      if (imageCmd !== null) {
        steps.push(
          explainStep('merge.inherit-cmd', `No arguments were given, so the image's Cmd ${show(imageCmd)} is used.`, {
            Cmd: imageCmd,
          }),
        );
      }
    }
    if (entrypoint === null) {
      entrypoint = imageEntrypoint === null ? null : [...imageEntrypoint];
      if (imageEntrypoint !== null) {
        steps.push(
          explainStep('merge.inherit-entrypoint', `The image's Entrypoint ${show(imageEntrypoint)} is used.`, {
            Entrypoint: imageEntrypoint,
          }),
        );
      }
    }
  } else if (args.length === 0 && nonEmpty(imageCmd)) {
    steps.push(
      explainStep(
        'merge.entrypoint-flag-drops-cmd',
        `Because --entrypoint was given, the image's Cmd ${show(imageCmd)} is not used.`,
        { Cmd: imageCmd },
      ),
    );
  }

  // 3. Verify: [""] means "no entrypoint"; something must be left to run.
  if (entrypoint !== null && entrypoint.length === 1 && entrypoint[0] === '') {
    entrypoint = null;
    steps.push(explainStep('verify.reset-empty-entrypoint', 'The daemon turns the entrypoint [""] into no entrypoint.'));
  }
  if (!nonEmpty(entrypoint) && !nonEmpty(cmd)) {
    steps.push(
      explainStep(
        'verify.no-command',
        `Neither an entrypoint nor a command is left, so the daemon refuses to create the container: ${NO_COMMAND_SPECIFIED}.`,
        { error: NO_COMMAND_SPECIFIED },
      ),
    );
    return {
      argv: null,
      error: NO_COMMAND_SPECIFIED,
      config: { Entrypoint: entrypoint, Cmd: cmd },
      pid1: null,
      signalsReachApp: false,
      signalsReason: null,
      steps,
    };
  }

  // 4. PID 1's argv.
  const argv = [...(entrypoint ?? []), ...(cmd ?? [])];
  steps.push(
    explainStep(
      'argv.join',
      nonEmpty(entrypoint) && nonEmpty(cmd)
        ? `PID 1 runs Entrypoint followed by Cmd: ${JSON.stringify(argv)}.`
        : `PID 1 runs ${JSON.stringify(argv)}.`,
      { Entrypoint: entrypoint, Cmd: cmd, argv },
    ),
  );

  const { pid1, steps: pid1Steps, signalsReachApp, signalsReason } = describePid1(argv, {
    entrypointLength: entrypoint?.length ?? 0,
  });
  steps.push(...pid1Steps, signalsReason);
  return { argv, config: { Entrypoint: entrypoint, Cmd: cmd }, pid1, signalsReachApp, signalsReason, steps };
}
