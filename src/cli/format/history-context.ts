/**
 * The row context of `docker history` (docker/cli
 * cli/command/image/formatter_history.go): what `{{.ID}}`, `{{.CreatedSince}}`
 * and friends print for one history entry.
 */
import { GO_TYPE } from './go-template.ts';
import { ellipsis, truncateId } from './display.ts';
import { humanDuration, humanSizeWithPrecision } from './units.ts';
import { rfc3339Utc } from './time.ts';

/** One entry as the Engine API's `GET /images/{name}/history` returns it. */
export interface HistoryEntry {
  readonly Id: string;
  /** Unix seconds; 0 or less = unknown. */
  readonly Created: number;
  readonly CreatedBy: string;
  readonly Size: number;
  readonly Comment: string;
}

export interface HistoryContextOptions {
  /** "Now" in Unix milliseconds, passed in: the CLI never reads the clock. */
  readonly nowMs: number;
  /** Truncate IDs and CREATED BY (no `--no-trunc`). */
  readonly trunc: boolean;
  /** Human sizes and ages (`--human`, default true). */
  readonly human: boolean;
}

export const DEFAULT_HISTORY_TABLE_FORMAT = 'table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';
export const QUIET_HISTORY_FORMAT = '{{.ID}}';

/** Column headers of the history table. */
export function historyHeaders(human: boolean): Readonly<Record<string, string>> {
  return {
    ID: 'IMAGE',
    CreatedSince: human ? 'CREATED' : 'CREATED AT',
    CreatedAt: 'CREATED AT',
    CreatedBy: 'CREATED BY',
    Size: 'SIZE',
    Comment: 'COMMENT',
  };
}

/** The template context of one history row (a Go struct: unknown fields are errors). */
export function historyContext(h: HistoryEntry, o: HistoryContextOptions): Record<string | symbol, unknown> {
  const createdAt = rfc3339Utc(h.Created);
  const createdBy = h.CreatedBy.replaceAll('\t', ' ');
  return {
    [GO_TYPE]: '*image.historyContext',
    ID: o.trunc ? truncateId(h.Id) : h.Id,
    CreatedAt: createdAt,
    CreatedSince: !o.human ? createdAt : h.Created <= 0 ? 'N/A' : `${humanDuration((o.nowMs - h.Created * 1000) * 1e6)} ago`,
    CreatedBy: o.trunc ? ellipsis(createdBy, 45) : createdBy,
    Size: o.human ? humanSizeWithPrecision(h.Size, 3) : String(h.Size),
    Comment: h.Comment,
  };
}
