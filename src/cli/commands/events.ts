/**
 * `docker events` / `docker system events`: the daemon's event messages,
 * one line each as docker/cli prettyPrintEvent writes them
 * (`2026-01-01T00:00:00.000000000Z container start <id> (image=…, name=…)`)
 * or through `--format`. `--since` replays what the daemon retained;
 * `--until` ends the stream; without it the stream stays open until Ctrl-C
 * (in the tab: the keyboard's ^C, or end of input).
 */
import type { EventMessage } from '../../api/index.ts';
import type { CommandSpec } from '../command.ts';
import { flagString } from '../flags.ts';
import { GO_MARSHAL_JSON, GO_TYPE } from '../format/go-template.ts';
import { renderFormat } from '../format/table.ts';
import { rfc3339Utc } from '../format/time.ts';
import { FORMAT_FLAG } from './shared-flags.ts';
import { sinceUntilFromFlags } from './container/timestamp.ts';
import { filtersFromFlags } from './image/flags.ts';

/** jsonmessage.RFC3339NanoFixed in UTC. */
function fixedNano(timeNano: number): string {
  const ms = Math.round(timeNano / 1e6);
  const secs = Math.floor(ms / 1000);
  return rfc3339Utc(secs).replace(/Z$/, `.${String((ms - secs * 1000) * 1e6).padStart(9, '0')}Z`);
}

function pretty(m: EventMessage): string {
  const head = m.timeNano ? `${fixedNano(m.timeNano)} ` : m.time ? `${fixedNano(m.time * 1e9)} ` : '';
  const keys = Object.keys(m.Actor.Attributes).sort();
  const attrs = keys.length > 0 ? ` (${keys.map((k) => `${k}=${m.Actor.Attributes[k]}`).join(', ')})` : '';
  return `${head}${m.Type} ${m.Action} ${m.Actor.ID}${attrs}\n`;
}

/** The message as Go's events.Message for templates (`.Actor.ID`, `.TimeNano`), JSON names for `json`. */
function goMessage(m: EventMessage): object {
  return {
    Status: m.status ?? '',
    ID: m.id ?? '',
    From: m.from ?? '',
    Type: m.Type,
    Action: m.Action,
    Actor: m.Actor,
    Scope: m.scope,
    Time: m.time,
    TimeNano: m.timeNano,
    [GO_TYPE]: 'events.Message',
    [GO_MARSHAL_JSON]: () => JSON.stringify(m),
  };
}

function eventsCommand(name: string): CommandSpec {
  return {
    name,
    use: '[OPTIONS]',
    short: 'Get real time events from the server',
    aliases: ['docker system events', 'docker events'],
    args: { kind: 'none' },
    flags: [
      { name: 'filter', shorthand: 'f', kind: 'filter', usage: 'Filter output based on conditions provided' },
      { ...FORMAT_FLAG, shorthand: undefined },
      { name: 'since', kind: 'string', usage: 'Show all events created since timestamp' },
      { name: 'until', kind: 'string', usage: 'Stream events until this timestamp' },
    ],
    async run(ctx, parsed) {
      const filters = filtersFromFlags(ctx, parsed);
      if (!filters) return 1;
      const times = await sinceUntilFromFlags(ctx, parsed);
      if (!times) return 1;
      const format = flagString(parsed, 'format');
      let finish: () => void = () => {};
      const finished = new Promise<void>((resolve) => (finish = resolve));
      const sub = await ctx.api.systemEvents(
        { ...times, filters },
        (batch, end) => {
          if (batch.length > 0) ctx.stdout.write(format ? renderFormat(format, batch.map(goMessage)) : batch.map(pretty).join(''));
          if (end) finish();
        },
      );
      const stopKeys = ctx.stdin?.subscribe((text) => {
        if (text === null || text.includes('\x03')) finish();
      });
      await finished;
      stopKeys?.();
      sub.unsubscribe();
      return 0;
    },
  };
}

export const eventsTopCommand = eventsCommand('events');
export const systemEventsCommand = eventsCommand('system events');
