import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/api/errors.ts';
import { ellipsis, truncateId } from '../../src/cli/format/display.ts';
import {
  DEFAULT_HISTORY_TABLE_FORMAT,
  historyContext,
  historyHeaders,
  QUIET_HISTORY_FORMAT,
} from '../../src/cli/format/history-context.ts';
import type { HistoryEntry } from '../../src/cli/format/history-context.ts';
import { renderFormat, templateText } from '../../src/cli/format/table.ts';
import { rfc3339Utc } from '../../src/cli/format/time.ts';
import { conformanceDir, haveConformance } from '../helpers/shared.ts';

// A fixed "now" for the rows; ages are relative to it, as upstream's are to time.Now().
const nowMs = Date.UTC(2026, 10, 22, 12, 0, 0);
const nowSec = nowMs / 1000;

function renderHistory(entries: HistoryEntry[], opts: { trunc: boolean; human?: boolean; quiet?: boolean }): string {
  const human = opts.human ?? true;
  const rows = entries.map((h) => historyContext(h, { nowMs, trunc: opts.trunc, human }));
  return renderFormat(opts.quiet ? QUIET_HISTORY_FORMAT : DEFAULT_HISTORY_TABLE_FORMAT, rows, {
    headers: historyHeaders(human),
  });
}

describe.runIf(haveConformance())('cli-format-cases.json', () => {
  const data = JSON.parse(readFileSync(join(conformanceDir, 'cli-format-cases.json'), 'utf8')) as {
    truncateID: { cases: { id: string; expected: string }[] };
    ellipsis: { cases: { source: string; width: number; expected: string }[] };
    historyTable: {
      items: { ID: string; createdOffset: number | string | null; CreatedBy: string; Size: number; Comment: string }[];
      expectedTrunc: string;
      expectedNoTrunc: string;
    };
    historyCommandGoldens: { goldens: Record<'simple' | 'quiet-no-trunc' | 'platform', string> };
  };

  it.each(data.truncateID.cases.map((c) => [c.id, c.expected] as const))('TruncateID(%j) = %j', (id, expected) => {
    expect(truncateId(id)).toBe(expected);
    expect(truncateId(`sha256:${id}`)).toBe(expected);
  });

  it.each(data.ellipsis.cases.map((c) => [c.source, c.width, c.expected] as const))(
    'Ellipsis(%j, %i) = %j',
    (source, width, expected) => {
      expect(ellipsis(source, width)).toBe(expected);
    },
  );

  describe('history table', () => {
    const { items } = data.historyTable;
    const entries: HistoryEntry[] = items.map((i) => {
      let created: number;
      if (i.createdOffset === null) created = 0;
      else if (typeof i.createdOffset === 'number') created = nowSec - i.createdOffset;
      else {
        // "17 calendar years (time.Now().AddDate(-17,0,0))"
        const d = new Date(nowMs);
        d.setUTCFullYear(d.getUTCFullYear() - 17);
        created = d.getTime() / 1000;
      }
      return { Id: i.ID, Created: created, CreatedBy: i.CreatedBy, Size: i.Size, Comment: i.Comment };
    });

    it('truncated', () => {
      expect(renderHistory(entries, { trunc: true })).toBe(data.historyTable.expectedTrunc);
    });
    it('not truncated', () => {
      expect(renderHistory(entries, { trunc: false })).toBe(data.historyTable.expectedNoTrunc);
    });
  });

  describe('docker history goldens', () => {
    const g = data.historyCommandGoldens.goldens;
    const entry = (comment: string): HistoryEntry => ({
      Id: '1234567890123456789',
      Created: nowSec,
      CreatedBy: '',
      Size: 0,
      Comment: comment,
    });
    it('simple', () => {
      expect(renderHistory([entry('none')], { trunc: true })).toBe(g.simple);
    });
    it('quiet-no-trunc', () => {
      expect(renderHistory([entry('')], { trunc: false, quiet: true })).toBe(g['quiet-no-trunc']);
    });
    it('platform', () => {
      expect(renderHistory([entry('')], { trunc: true })).toBe(g.platform);
    });
  });
});

describe('renderFormat', () => {
  const rows = [
    { ID: 'a1', Name: 'web', Tags: ['x', 'y'] },
    { ID: 'b22222222222222', Name: 'db', Tags: [] },
  ];
  const headers = { ID: 'CONTAINER ID', Name: 'NAMES', Tags: 'TAGS' };

  it('turns literal \\t into columns, headers from the same template, padding 3 and minwidth 10', () => {
    expect(renderFormat('table {{.ID}}\\t{{.Name}}', rows, { headers })).toBe(
      'CONTAINER ID      NAMES\na1                web\nb22222222222222   db\n',
    );
  });

  it('leaves headers alone under docker functions', () => {
    expect(renderFormat('table {{upper .Name}}\\t{{join .Tags ","}}', rows, { headers })).toBe(
      'NAMES     TAGS\nWEB       x,y\nDB        \n',
    );
  });

  it('prints the header of an empty table', () => {
    expect(renderFormat('table {{.ID}}\t{{.Name}}', [], { headers })).toBe('CONTAINER ID   NAMES\n');
  });

  it('a header for an unknown column is <no value>, as docker prints it', () => {
    expect(renderFormat('table {{.Nope}}', [], { headers })).toBe('<no value>\n');
  });

  it('plain templates print one line per item, json format one JSON document per item', () => {
    expect(renderFormat('{{.Name}}: {{len .Tags}}', rows)).toBe('web: 2\ndb: 0\n');
    expect(renderFormat('json', rows.slice(0, 1))).toBe('{"ID":"a1","Name":"web","Tags":["x","y"]}\n');
    expect(templateText('table  {{.A}}\\n ')).toBe('{{.A}}\n');
  });

  it('reports template errors as the docker CLI does', () => {
    const err = (() => {
      try {
        renderFormat('{{nope .Name}}', rows);
      } catch (e) {
        return e as EngineError;
      }
      throw new Error('expected failure');
    })();
    expect(err).toBeInstanceOf(EngineError);
    expect(err.code).toBe('InvalidParameter');
    expect(err.message).toBe('template parsing error: template: :1: function "nope" not defined');
    expect(() => renderFormat('{{.Name.X}}', rows)).toThrow(
      'template parsing error: template: :1:2: executing "" at <.Name.X>: can\'t evaluate field X in type string',
    );
  });

  it('RFC 3339 timestamps in UTC', () => {
    expect(rfc3339Utc(0)).toBe('1970-01-01T00:00:00Z');
    expect(rfc3339Utc(951782400)).toBe('2000-02-29T00:00:00Z');
    expect(rfc3339Utc(nowSec)).toBe('2026-11-22T12:00:00Z');
    expect(rfc3339Utc(-1)).toBe('1969-12-31T23:59:59Z');
  });
});
