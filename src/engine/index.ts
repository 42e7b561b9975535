/**
 * The engine's public entry points (stable names: tests, tools and hosts rely
 * on them; see ARCHITECTURE.md "Public entry points").
 */
export { createEngine, type CreateEngineOptions } from './engine.ts';
export { openState, sealState } from './state.ts';
export { realDeps, testDeps, ManualClock, SeededRng, type EngineDeps, type Clock, type Rng } from './deps.ts';

// Dockerfile frontend: text → AST → dump / instructions / lint.
export { parseDockerfile, dumpDockerfile, lintDockerfile, parseInstructions, DockerfileParseError } from './dockerfile/index.ts';
export type { DockerfileAst } from './dockerfile/index.ts';
export { expandWord, expandWords, expandWithMatches } from './dockerfile/shell-words.ts';
export { dockerignoreMatcher, parseDockerignore } from './dockerfile/dockerignore.ts';

// CMD/ENTRYPOINT: the one rule, with its reasoning.
export {
  resolveCommand,
  NO_COMMAND_SPECIFIED,
  type ImageCommandConfig,
  type RunCommandOptions,
  type ResolvedCommand,
  type Pid1,
} from './runtime/resolve-command.ts';
