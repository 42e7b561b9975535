/**
 * Who PID 1 is, and whether `docker stop`'s SIGTERM reaches the application.
 *
 * The teaching point of the Dockerfile reference: in shell form the command is
 * run by `/bin/sh -c`, so PID 1 is the shell, the application is its child,
 * and the SIGTERM that `docker stop` sends to PID 1 never reaches the
 * application; after the stop timeout everything is SIGKILLed. Exec form, or a
 * shell command starting with `exec`, makes the application PID 1 itself.
 */
import type { ExplainStep } from '../../api/explain.ts';
import { explainStep } from '../../api/explain.ts';

/** PID 1 as `docker inspect` shows it (`Path`, `Args`), plus the shell reading, if any. */
export interface Pid1 {
  readonly path: string;
  readonly args: string[];
  /** Set when PID 1 is a shell running a command string (`sh -c "…"`). */
  readonly shell: {
    /** The command string the shell runs. */
    readonly script: string;
    /** Words after the command string: the shell's `$0`, `$1`, … */
    readonly positional: string[];
  } | null;
}

export interface Pid1Description {
  readonly pid1: Pid1;
  readonly steps: ExplainStep[];
  readonly signalsReachApp: boolean;
  readonly signalsReason: ExplainStep;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);
// Minimal inits that forward signals to their child (docker run --init uses tini as docker-init).
const INITS = new Set(['tini', 'docker-init', 'dumb-init']);

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Index of the command string in `sh [options] -c STRING …`, or -1 when argv
 * is not a shell given a command string (e.g. `sh script.sh`, plain `sh`).
 */
function commandStringIndex(argv: readonly string[]): number {
  if (!SHELLS.has(basename(argv[0]!))) return -1;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (/^-[A-Za-z]*c[A-Za-z]*$/.test(a)) return i + 1 < argv.length ? i + 1 : -1;
    if (a === '-o' || a === '+o') i++; // option with a value: -o pipefail
    else if (!/^[-+][A-Za-z]+$/.test(a)) return -1;
  }
  return -1;
}

/**
 * Describe PID 1 for a resolved argv. `entrypointLength` says how many leading
 * words came from the Entrypoint, so words appended from Cmd can be told apart.
 */
export function describePid1(argv: readonly string[], opts: { entrypointLength: number }): Pid1Description {
  const steps: ExplainStep[] = [];
  const path = argv[0]!;
  const scriptAt = commandStringIndex(argv);

  if (scriptAt < 0) {
    const pid1: Pid1 = { path, args: argv.slice(1), shell: null };
    if (INITS.has(basename(path))) {
      return {
        pid1,
        steps,
        signalsReachApp: true,
        signalsReason: explainStep(
          'signals.init-forwards',
          `PID 1 is ${path}, a minimal init: it passes SIGTERM on to the application and reaps zombie processes.`,
          { pid1: path },
        ),
      };
    }
    return {
      pid1,
      steps,
      signalsReachApp: true,
      signalsReason: explainStep(
        'signals.app-is-pid1',
        `PID 1 is ${path} itself (exec form), so docker stop's SIGTERM goes straight to it. ` +
          'As PID 1 it must handle SIGTERM itself: the kernel does not apply the default action to PID 1.',
        { pid1: path },
      ),
    };
  }

  const script = argv[scriptAt]!;
  const positional = argv.slice(scriptAt + 1);
  const pid1: Pid1 = { path, args: argv.slice(1), shell: { script, positional } };
  steps.push(
    explainStep('pid1.shell', `PID 1 is the shell ${path}, which runs the command string ${JSON.stringify(script)}.`, {
      shell: path,
      script,
    }),
  );
  // Cmd words appended after a shell-form Entrypoint's command string.
  const cmdWords = scriptAt < opts.entrypointLength ? argv.slice(opts.entrypointLength) : [];
  if (cmdWords.length > 0) {
    steps.push(
      explainStep(
        'argv.shell-entrypoint-ignores-cmd',
        `The Entrypoint is in shell form, so the Cmd words ${JSON.stringify(cmdWords)} only become the shell's ` +
          '$0, $1, … and the command string does not use them.',
        { cmdWords },
      ),
    );
  }

  if (/^\s*exec\s/.test(script)) {
    return {
      pid1,
      steps,
      signalsReachApp: true,
      signalsReason: explainStep(
        'signals.exec-replaces-shell',
        'The command string starts with exec, so the shell replaces itself with the application, ' +
          'which becomes PID 1 and receives docker stop\'s SIGTERM.',
        { shell: path, script },
      ),
    };
  }
  // Simplification: bash (and dash ≥ 0.5.11) exec a lone simple command given
  // with -c instead of forking it; we follow the Dockerfile reference and treat
  // every shell-form command as a child of the shell.
  return {
    pid1,
    steps,
    signalsReachApp: false,
    signalsReason: explainStep(
      'signals.shell-wraps-app',
      `Shell form: ${path} -c runs the application as its child. docker stop sends SIGTERM to PID 1, the shell, ` +
        'which does not pass it on; after the stop timeout the container is killed with SIGKILL.',
      { shell: path, script },
    ),
  };
}
