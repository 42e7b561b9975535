import type { EngineEvent, VizFsOperation } from '../../api/index.ts';
import type { VizKey } from './viz-text.ts';

/**
 * The copy-on-write view's steps: a container's `/sim/fs/…` events (each
 * carries its snapshot key, the container id) grouped into one step per file
 * operation. The engine publishes a copy-up, whiteout or opaque mark before
 * the operation that caused it, so those facts attach to the next operation.
 */
export interface CowStep {
  readonly seq: number;
  readonly topic: string;
  readonly operation: VizFsOperation;
  /** Which caption tells this step. */
  readonly caption: VizKey;
}

interface FsData {
  readonly key?: string;
  readonly op?: string;
  readonly path?: string;
  readonly dest?: string;
  readonly layer?: 'upper' | number | null;
  readonly bytes?: number;
  readonly fromLayer?: number;
  readonly type?: string;
}

const OPERATION_TOPICS = new Set(['/sim/fs/written', '/sim/fs/created', '/sim/fs/removed', '/sim/fs/renamed', '/sim/fs/changed']);

/** Container ids with file-system facts, in the order they first appear. */
export function cowKeys(events: readonly EngineEvent[]): string[] {
  const seen = new Set<string>();
  for (const e of events) {
    if (!e.topic.startsWith('/sim/fs/')) continue;
    const key = (e.data as FsData).key;
    if (key) seen.add(key);
  }
  return [...seen];
}

function captionOf(topic: string, op: VizFsOperation): VizKey {
  if (topic === '/sim/fs/removed') return op.whiteout ? 'capRemoveWhiteout' : 'capRemoveUpper';
  if (op.opaque) return 'capOpaque';
  if (topic === '/sim/fs/renamed') return 'capRename';
  if (topic === '/sim/fs/changed') return 'capChange';
  if (op.copiedUp) return 'capCopyUp';
  if (topic === '/sim/fs/created' || op.layer === null) return 'capCreate';
  return 'capWrite';
}

/** One step per file operation of container `key`; `lowerCount` is its image's number of layers. */
export function cowSteps(events: readonly EngineEvent[], key: string, lowerCount: number): CowStep[] {
  const steps: CowStep[] = [];
  let copiedUp: VizFsOperation['copiedUp'];
  let whiteout: string | undefined;
  let opaque: string | undefined;
  for (const e of events) {
    if (!e.topic.startsWith('/sim/fs/')) continue;
    const d = e.data as FsData;
    if (d.key !== key) continue;
    if (e.topic === '/sim/fs/copied-up') {
      // Parents are copied up before the file: the last copy-up names the entry the operation needed.
      copiedUp = { path: d.path ?? '', fromLayer: d.fromLayer ?? 0, bytes: d.bytes ?? 0, type: d.type ?? 'file' };
      continue;
    }
    if (e.topic === '/sim/fs/whiteout-created') {
      whiteout = d.path;
      continue;
    }
    if (e.topic === '/sim/fs/opaque-created') {
      opaque = d.path;
      continue;
    }
    if (!OPERATION_TOPICS.has(e.topic)) continue;
    const layer = copiedUp && copiedUp.path === d.path ? copiedUp.fromLayer : e.topic === '/sim/fs/created' ? null : (d.layer ?? null);
    const operation: VizFsOperation = {
      op: d.op ?? '',
      path: d.path ?? '',
      ...(d.dest !== undefined ? { dest: d.dest } : {}),
      layer,
      ...(copiedUp && copiedUp.type === 'file' ? { copiedUp } : {}),
      ...(whiteout ? { whiteout } : {}),
      ...(opaque ? { opaque } : {}),
      ...(d.bytes !== undefined && e.topic === '/sim/fs/written' ? { bytes: d.bytes } : {}),
      lowerCount,
    };
    steps.push({ seq: e.seq, topic: e.topic, operation, caption: captionOf(e.topic, operation) });
    copiedUp = undefined;
    whiteout = undefined;
    opaque = undefined;
  }
  return steps;
}

/** How a union lookup went through the stack, top first: `upper`, then lower layers from the top. */
export function lookupPath(op: VizFsOperation): { readonly layer: 'upper' | number; readonly state: 'found' | 'miss' | 'below' }[] {
  const rows: { layer: 'upper' | number; state: 'found' | 'miss' | 'below' }[] = [];
  let found = false;
  for (const layer of ['upper' as const, ...Array.from({ length: op.lowerCount }, (_, i) => op.lowerCount - 1 - i)]) {
    if (found) rows.push({ layer, state: 'below' });
    else if (layer === op.layer) {
      found = true;
      rows.push({ layer, state: 'found' });
    } else rows.push({ layer, state: 'miss' });
  }
  return rows;
}
