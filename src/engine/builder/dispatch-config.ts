/**
 * The instructions that change only the image config (ENV, ARG, LABEL,
 * EXPOSE, VOLUME, USER, STOPSIGNAL, HEALTHCHECK, SHELL, CMD, ENTRYPOINT,
 * ONBUILD, MAINTAINER): BuildKit makes no vertex for them, the classic
 * builder a `#(nop)` step. Each returns the config patch and its history text.
 */
import type { ImageContainerConfig } from '../../api/index.ts';
import type { StageInstruction } from '../dockerfile/index.ts';
import { applyCommandInstruction, historyText } from '../runtime/command-config.ts';
import type { StageCommandState } from '../runtime/command-config.ts';
import type { StageScope } from '../dockerfile/build-args.ts';
import { goQuoteList } from '../../lib/go-quote.ts';
import type { StageState } from './stage.ts';

export interface ConfigChange {
  readonly patch: Partial<ImageContainerConfig>;
  /** History `created_by` (BuildKit text, or the classic `#(nop)` command). */
  readonly createdBy: string;
  /** The text the classic builder compares and prints (`ENV A=b`). */
  readonly comment: string;
  readonly scope?: StageScope;
  readonly cmd?: StageCommandState;
  readonly author?: string;
}

export type ConfigInstruction = Exclude<StageInstruction, { kind: 'RUN' | 'COPY' | 'ADD' | 'WORKDIR' }>;

export function isConfigInstruction(ins: StageInstruction): ins is ConfigInstruction {
  return ins.kind !== 'RUN' && ins.kind !== 'COPY' && ins.kind !== 'ADD' && ins.kind !== 'WORKDIR';
}

const goDuration = (ns: number): string => {
  if (ns === 0) return '0s';
  const s = ns / 1e9;
  if (Number.isInteger(s)) {
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const sec = s % 60;
    return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${sec}s`;
  }
  return `${s}s`;
};

export function dispatchConfig(state: StageState, ins: ConfigInstruction): ConfigChange {
  const cfg = state.image.config.config;
  const scope = state.scope;
  const x = (w: string) => scope.expand(w);
  const done = (patch: Partial<ImageContainerConfig>, comment: string, extra: Partial<ConfigChange> = {}): ConfigChange => ({
    patch,
    comment,
    createdBy: historyText(state.cmd, comment, state.builder),
    ...extra,
  });
  switch (ins.kind) {
    case 'ENV': {
      const pairs = ins.env.map((kv) => ({ name: x(kv.key), value: kv.value }));
      const next = scope.withEnv(pairs);
      const shown = pairs.map((p) => `${p.name}=${envValue(next, p.name)}`).join(' ');
      return done({ Env: [...next.imageEnv] }, `ENV ${shown}`, { scope: next });
    }
    case 'ARG': {
      let next = scope;
      const texts: string[] = [];
      for (const a of ins.args) {
        const r = next.withArg({ name: a.key, default: a.value });
        next = r.scope;
        texts.push(r.history.slice('ARG '.length));
      }
      return done({}, `ARG ${texts.join(' ')}`, { scope: next });
    }
    case 'LABEL': {
      const labels = { ...(cfg.Labels ?? {}) };
      const shown: string[] = [];
      for (const kv of ins.labels) {
        const k = x(kv.key);
        const v = x(kv.value);
        labels[k] = v;
        shown.push(`${k}=${v}`);
      }
      return done({ Labels: labels }, `LABEL ${shown.join(' ')}`);
    }
    case 'EXPOSE': {
      const ports = { ...(cfg.ExposedPorts ?? {}) };
      const added: string[] = [];
      for (const raw of ins.ports) {
        for (const p of x(raw).split(/\s+/).filter(Boolean)) {
          const key = p.includes('/') ? p.toLowerCase() : `${p}/tcp`;
          ports[key] = {};
          added.push(key);
        }
      }
      return done({ ExposedPorts: ports }, `EXPOSE ${state.builder === 'buildkit' ? `[${added.sort().join(' ')}]` : `map[${added.sort().map((p) => `${p}:{}`).join(' ')}]`}`);
    }
    case 'VOLUME': {
      const vols = { ...(cfg.Volumes ?? {}) };
      const added = ins.volumes.map(x).filter(Boolean);
      for (const v of added) vols[v] = {};
      return done({ Volumes: vols }, `VOLUME [${added.join(' ')}]`);
    }
    case 'USER': {
      const user = x(ins.user);
      return done({ User: user }, `USER ${user}`);
    }
    case 'STOPSIGNAL': {
      const sig = x(ins.signal);
      return done({ StopSignal: sig }, `STOPSIGNAL ${sig}`);
    }
    case 'HEALTHCHECK': {
      const h = ins.health;
      if (h.Test.length === 1 && h.Test[0] === 'NONE') return done({ Healthcheck: { Test: ['NONE'] } }, 'HEALTHCHECK &{["NONE"] "0s" "0s" "0s" "0s" \'\\x00\'}');
      const health = {
        Test: [...h.Test],
        ...(h.Interval ? { Interval: h.Interval } : {}),
        ...(h.Timeout ? { Timeout: h.Timeout } : {}),
        ...(h.StartPeriod ? { StartPeriod: h.StartPeriod } : {}),
        ...(h.StartInterval ? { StartInterval: h.StartInterval } : {}),
        ...(h.Retries ? { Retries: h.Retries } : {}),
      };
      const text = `HEALTHCHECK &{[${h.Test.join(' ')}] ${goDuration(h.Interval)} ${goDuration(h.Timeout)} ${goDuration(h.StartPeriod)} ${goDuration(h.StartInterval)} ${h.Retries}}`;
      return done({ Healthcheck: health }, text);
    }
    case 'SHELL':
    case 'CMD':
    case 'ENTRYPOINT': {
      const command =
        ins.kind === 'SHELL'
          ? ({ keyword: 'SHELL', args: ins.shell } as const)
          : ({ keyword: ins.kind, args: ins.cmdLine ?? [], prependShell: ins.prependShell } as const);
      const r = applyCommandInstruction(state.cmd, command, state.builder);
      const next = r.state;
      const patch: Partial<ImageContainerConfig> =
        ins.kind === 'SHELL'
          ? { Shell: next.Shell ?? undefined }
          : { Entrypoint: next.Entrypoint ?? undefined, Cmd: next.Cmd ?? undefined };
      const comment = ins.kind === 'SHELL' ? `SHELL [${ins.shell.join(' ')}]` : `${ins.kind} ${goQuoteList(next[ins.kind === 'CMD' ? 'Cmd' : 'Entrypoint'] ?? [])}`;
      return { patch, comment, createdBy: r.createdBy, cmd: next };
    }
    case 'ONBUILD': {
      const triggers = [...(cfg.OnBuild ?? []), ins.expression];
      return done({ OnBuild: triggers }, `ONBUILD ${ins.expression}`);
    }
    case 'MAINTAINER': {
      const author = x(ins.maintainer);
      return done({}, `MAINTAINER ${author}`, { author });
    }
    default: {
      const never: never = ins;
      throw new Error(`unhandled instruction ${(never as { kind: string }).kind}`);
    }
  }
}

/** A variable's value in the scope's image env (ENV's history shows the expanded values). */
function envValue(scope: StageScope, name: string): string {
  const hit = scope.imageEnv.find((e) => e.startsWith(`${name}=`));
  return hit ? hit.slice(name.length + 1) : '';
}

