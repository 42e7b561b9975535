export { runDocker, rootHelp, type RunDockerOptions } from './docker.ts';
export { splitCommandLine } from './command-line.ts';
export type { CliContext, CliOutput } from './io.ts';
export { completeDockerLine } from './complete.ts';
