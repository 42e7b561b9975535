import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.ts';
import { workerApi } from '../../src/worker/host.ts';

/** The terminal's completion and the editor's lint, as the worker serves them. */
describe('worker completions', () => {
  const api = workerApi(createEngine());
  const values = async (line: string, cursor = line.length) => (await api.completions(line, cursor)).candidates.map((c) => c.value);

  it('completes the program, commands and management subcommands from the CLI catalogue', async () => {
    expect(await values('doc')).toEqual(['docker']);
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
