/**
 * docker/cli's `docker history` command goldens (cli-format-cases.json,
 * historyCommandGoldens), produced end to end by our `docker history`
 * command over an Engine API that returns the goldens' inputs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineApi, HistoryResponseItem } from '../../src/api/index.ts';
import { docker } from '../helpers/run-docker.ts';
import { conformanceDir, haveConformance } from '../helpers/shared.ts';

const enabled = haveConformance();
const NOW_MS = Date.UTC(2026, 0, 1);

/** Only the two calls `docker history` makes; anything else would be a bug in the command. */
function historyApi(items: HistoryResponseItem[]): EngineApi {
  const api = {
    imageHistory: async () => items,
    now: async () => NOW_MS,
  };
  return new Proxy(api, {
    get: (target, key) => (key in target ? target[key as keyof typeof target] : () => Promise.reject(new Error(`unexpected API call ${String(key)}`))),
  }) as unknown as EngineApi;
}

const item = (comment: string): HistoryResponseItem => ({
  Comment: comment,
  Created: NOW_MS / 1000,
  CreatedBy: '',
  Id: '1234567890123456789',
  Size: 0,
  Tags: null,
});

describe.runIf(enabled)('docker history command goldens', () => {
  const goldens = enabled
    ? (JSON.parse(readFileSync(join(conformanceDir, 'cli-format-cases.json'), 'utf8')) as { historyCommandGoldens: { goldens: Record<string, string> } })
        .historyCommandGoldens.goldens
    : {};

  it('simple', async () => {
    const r = await docker(['history', 'image:tag'], historyApi([item('none')]));
    expect(r).toEqual({ stdout: goldens.simple, stderr: '', exitCode: 0 });
  });

  it('quiet-no-trunc', async () => {
    const r = await docker(['history', '--quiet', '--no-trunc', 'image:tag'], historyApi([item('')]));
    expect(r.stdout).toBe(goldens['quiet-no-trunc']);
  });

  it('platform', async () => {
    const r = await docker(['history', '--platform', 'linux/amd64', 'image:tag'], historyApi([item('')]));
    expect(r.stdout).toBe(goldens.platform);
  });
});
