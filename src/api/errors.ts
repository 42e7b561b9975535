/**
 * Engine errors: every failure the engine reports carries a code, a message a
 * learner can read (Docker's own wording where Docker has one) and structured
 * context in `data`. The codes are moby/containerd's errdefs classes, so the
 * Engine API server can map them to HTTP statuses exactly as dockerd does.
 */
export type ErrorCode =
  | 'NotFound' // 404
  | 'InvalidParameter' // 400
  | 'Conflict' // 409
  | 'Unauthorized' // 401
  | 'Forbidden' // 403
  | 'Unavailable' // 503
  | 'NotModified' // 304
  | 'NotImplemented' // 501
  | 'Cancelled' // 499 (client closed)
  | 'DataLoss' // 500, corrupt or unreadable state
  | 'ResourceExhausted' // quota hit (disk, pids)
  | 'System'; // 500

/** HTTP status dockerd answers for each errdefs class. */
export const httpStatusOf: Readonly<Record<ErrorCode, number>> = {
  NotFound: 404,
  InvalidParameter: 400,
  Conflict: 409,
  Unauthorized: 401,
  Forbidden: 403,
  Unavailable: 503,
  NotModified: 304,
  NotImplemented: 501,
  Cancelled: 499,
  DataLoss: 500,
  ResourceExhausted: 500,
  System: 500,
};

export type ErrorData = Readonly<Record<string, unknown>>;

export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly data: ErrorData = {},
  ) {
    super(message);
  }
}

/** The plain-data form of an EngineError, as it crosses the worker boundary. */
export interface EngineErrorWire {
  readonly $engineError: true;
  readonly code: ErrorCode;
  readonly message: string;
  readonly data: ErrorData;
  readonly stack?: string;
}

export function isEngineError(value: unknown): value is EngineError {
  return value instanceof EngineError || (value instanceof Error && value.name === 'EngineError' && 'code' in value);
}

export function isEngineErrorWire(value: unknown): value is EngineErrorWire {
  return typeof value === 'object' && value !== null && (value as { $engineError?: unknown }).$engineError === true;
}

/**
 * Serialise any thrown value. Non-engine errors become `System` errors that keep
 * their original name and message in `data`, so nothing is silently lost.
 */
export function toWire(err: unknown): EngineErrorWire {
  if (isEngineError(err)) {
    return { $engineError: true, code: err.code, message: err.message, data: err.data, stack: err.stack };
  }
  if (err instanceof Error) {
    return {
      $engineError: true,
      code: 'System',
      message: err.message,
      data: { originalName: err.name },
      stack: err.stack,
    };
  }
  return { $engineError: true, code: 'System', message: String(err), data: {} };
}

export function fromWire(wire: EngineErrorWire): EngineError {
  const err = new EngineError(wire.code, wire.message, wire.data);
  if (wire.stack) err.stack = wire.stack;
  return err;
}
