import type { EngineEvent, ExplainStep } from '../../api/index.ts';

/** A container's command resolution, from its `/container/created` event. */
export interface CmdRun {
  readonly seq: number;
  readonly id: string;
  readonly name: string;
  readonly image: string;
  readonly argv: readonly string[] | null;
  readonly steps: readonly ExplainStep[];
  readonly imageEntrypoint: readonly string[] | null;
  readonly imageCmd: readonly string[] | null;
  /** `--entrypoint` as sent (`[""]` for an empty flag), null when not given. */
  readonly entrypointFlag: readonly string[] | null;
  /** Arguments after the image name, null when none. */
  readonly args: readonly string[] | null;
  /** The merged config: what PID 1's argv is made of. */
  readonly finalEntrypoint: readonly string[] | null;
  readonly finalCmd: readonly string[] | null;
  readonly pid1: { readonly path: string; readonly args: readonly string[]; readonly shell: { readonly script: string } | null } | null;
  readonly signalsReachApp: boolean | null;
}

type Words = readonly string[] | null;
const words = (v: unknown): Words => (Array.isArray(v) ? (v as string[]) : null);

/** Every container creation in the log, newest last. Facts only come from the event's steps' details. */
export function cmdRuns(events: readonly EngineEvent[]): CmdRun[] {
  const out: CmdRun[] = [];
  for (const e of events) {
    if (e.topic !== '/container/created') continue;
    const d = e.data as { id: string; name: string; image: string; argv: string[] | null; steps?: ExplainStep[]; pid1?: CmdRun['pid1']; signalsReachApp?: boolean };
    const steps = d.steps ?? [];
    const find = (rule: string) => steps.find((s) => s.rule === rule)?.detail;
    const image = find('image.config');
    const join = find('argv.join');
    out.push({
      seq: e.seq,
      id: d.id,
      name: d.name,
      image: d.image,
      argv: d.argv,
      steps,
      imageEntrypoint: words(image?.Entrypoint),
      imageCmd: words(image?.Cmd),
      entrypointFlag: words((find('cli.entrypoint-flag') ?? find('cli.entrypoint-flag-empty'))?.entrypoint),
      args: words(find('cli.args')?.args),
      finalEntrypoint: words(join?.Entrypoint),
      finalCmd: words(join?.Cmd),
      pid1: d.pid1 ?? null,
      signalsReachApp: d.signalsReachApp ?? null,
    });
  }
  return out;
}
