import { fromWire, isEngineErrorWire, toWire } from './errors.ts';

/**
 * The shape of a Comlink transfer handler, declared here so src/api stays free
 * of the comlink import (both sides pass `Comlink.transferHandlers` in).
 */
export interface TransferHandlerLike {
  canHandle(value: unknown): boolean;
  serialize(value: never): [unknown, Transferable[]];
  deserialize(value: never): unknown;
}

type Transferable = unknown;

/**
 * Replace Comlink's default "throw" handler, which keeps only name, message
 * and stack, with one that carries an EngineError's `code` and `data` across
 * the worker boundary. Call it on BOTH sides before the first call. Comlink's
 * own `canHandle` is kept: it recognises the internal "thrown" marker.
 */
export function installEngineErrorTransfer(handlers: Map<string, TransferHandlerLike>): void {
  const original = handlers.get('throw');
  if (!original) throw new Error('comlink has no "throw" transfer handler to replace');
  if ((original as { engineErrors?: boolean }).engineErrors) return;
  const handler = {
    engineErrors: true,
    canHandle: (value: unknown) => original.canHandle(value),
    serialize: ({ value }: { value: unknown }): [unknown, Transferable[]] => [toWire(value), []],
    deserialize: (wire: unknown): never => {
      if (isEngineErrorWire(wire)) throw fromWire(wire);
      throw wire;
    },
  };
  handlers.set('throw', handler as unknown as TransferHandlerLike);
}
