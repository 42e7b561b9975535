/**
 * The complete text of `docker pull` and `docker push`, as docker 28 prints
 * it: the CLI's own lines (`Using default tag: latest`, the final reference)
 * around dockerd's progress stream.
 */
import { parseDockerRef, parseNormalizedNamed, referenceName, referenceString } from '../oci/reference.ts';
import { formatProgress } from './progress.ts';
import type { ProgressMessage } from './progress.ts';

/** `docker pull <input>` output lines; `quiet` (`-q`) prints the reference alone. */
export function pullOutput(input: string, messages: readonly ProgressMessage[], options: { tty?: boolean; quiet?: boolean; allTags?: boolean } = {}): string[] {
  // With --all-tags the reference is the repository: no default tag, and the last line names it bare.
  const final = options.allTags ? referenceName(parseNormalizedNamed(input)) : referenceString(parseDockerRef(input));
  if (options.quiet) return [final];
  return [...(options.allTags ? [] : defaultTagLine(input)), ...formatProgress(messages, options), final];
}

/** `docker push <input>` output lines. */
export function pushOutput(input: string, messages: readonly ProgressMessage[], options: { tty?: boolean; quiet?: boolean } = {}): string[] {
  if (options.quiet) return [referenceString(parseDockerRef(input))];
  return [...defaultTagLine(input), ...formatProgress(messages, options)];
}

function defaultTagLine(input: string): string[] {
  const ref = parseNormalizedNamed(input);
  return ref.tag === undefined && ref.digest === undefined ? ['Using default tag: latest'] : [];
}
