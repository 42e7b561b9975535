import type { EngineApi } from '../../src/api/index.ts';
import { runDocker } from '../../src/cli/index.ts';
import { createEngine, testDeps } from '../../src/engine/index.ts';

export interface DockerResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs our `docker` CLI against an engine (a fresh deterministic one by default). */
export async function docker(argv: string[], api: EngineApi = createEngine(testDeps())): Promise<DockerResult> {
  let stdout = '';
  let stderr = '';
  const exitCode = await runDocker(argv, {
    api,
    stdout: { write: (s) => void (stdout += s) },
    stderr: { write: (s) => void (stderr += s) },
  });
  return { stdout, stderr, exitCode };
}
