import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.ts';
import { workerApi } from '../../src/worker/host.ts';
import { createHostEngine } from '../../src/host-shell/host-engine.ts';
import { completeDockerLine } from '../../src/cli/index.ts';

/** The terminal's completion and the editor's lint, as the worker serves them. */
describe('worker completions', () => {
  const api = workerApi(createHostEngine({}));
  const values = async (line: string, cursor = line.length) => (await api.completions(line, cursor)).candidates.map((c) => c.value);

  it('completes the program, commands and management subcommands from the CLI catalogue', async () => {
    expect(await values('doc')).toEqual(['docker', 'docker-init', 'dockerd']);
    expect(await values('docker ver')).toEqual(['version']);
    expect(await values('docker system i')).toEqual(['info']);
    expect((await values('docker ')).length).toBeGreaterThan(40);
    expect(await values('kubectl ')).toEqual([]);
  });

  it("completes a command's flags from its CommandSpec, with the replaced range", async () => {
    const result = await api.completions('docker version --fo', 19);
    expect(result.from).toBe(15);
    expect(result.to).toBe(19);
    expect(result.candidates.map((c) => c.value)).toEqual(['--format']);
    expect(await values('docker --de')).toEqual(['--debug']);
  });

  it('offers nothing for a flag value, and completes the word under the cursor mid-line', async () => {
    expect(await values('docker version --format ')).toEqual([]);
    expect(await values('docker -H tcp://x ver')).toEqual(['version']);
    const mid = await api.completions('docker ver --format json', 10);
    expect(mid).toMatchObject({ from: 7, to: 10 });
  });

  it('rejects a cursor outside the line instead of guessing', async () => {
    expect((await api.completions('docker', 99)).candidates).toEqual([]);
  });

  it('lintDockerfile returns the engine diagnostics with teaching explanations and adds no request events', async () => {
    const diags = await api.lintDockerfile('FROM busybox\nCMD echo hi\n');
    const rules = diags.map((d) => d.rule);
    expect(rules).toContain('JSONArgsRecommended');
    const json = diags.find((d) => d.rule === 'JSONArgsRecommended')!;
    expect(json.explanation?.['zh-CN']).toBeTruthy();
    expect(json.range.start.line).toBe(2);
    const methods = (await api.events({})).map((e) => (e.data as { method?: string }).method);
    expect(methods).not.toContain('lintDockerfile');
    await api.ping();
    expect((await api.events({})).map((e) => (e.data as { method?: string }).method)).toContain('ping');
  });
});

describe('completion of image and container names', () => {
  const names = async (kind: 'image' | 'container') => (kind === 'image' ? ['busybox:1.36', 'alpine:3.20', 'busybox:1.36'] : ['web', 'db']);
  const values = async (line: string) => (await completeDockerLine(line, line.length, names)).candidates.map((c) => c.value);

  it('reads which argument is an IMAGE or a CONTAINER from the command usage', async () => {
    expect(await values('docker run --rm bu')).toEqual(['busybox:1.36']);
    expect(await values('docker run -e A=1 ')).toEqual(['alpine:3.20', 'busybox:1.36']);
    expect(await values('docker rm -f w')).toEqual(['web']);
    expect(await values('docker rm web ')).toEqual(['db', 'web']);
    expect(await values('docker container rm d')).toEqual(['db']);
  });

  it('does not complete the command after `run IMAGE`, nor a flag value', async () => {
    expect(await values('docker run alpine:3.20 ')).toEqual([]);
    expect(await values('docker run --name ')).toEqual([]);
  });

  it('the worker answers names from the engine: repo tags (no <none>) and container names (no leading /)', async () => {
    const engine = createEngine();
    const stub = {
      ...engine,
      imageList: async () => [{ RepoTags: ['busybox:1.36', 'busybox:latest'] }, { RepoTags: ['<none>:<none>'] }],
      containerList: async () => [{ Names: ['/web'] }, { Names: ['/db'] }],
    } as unknown as typeof engine;
    const api = workerApi({ ...createHostEngine({}), api: stub });
    expect((await api.completions('docker rmi bu', 13)).candidates.map((c) => c.value)).toEqual(['busybox:1.36', 'busybox:latest']);
    expect((await api.completions('docker rmi ', 11)).candidates.map((c) => c.value)).not.toContain('<none>:<none>');
    expect((await api.completions('docker stop ', 12)).candidates.map((c) => c.value)).toEqual(['db', 'web']);
  });
});
