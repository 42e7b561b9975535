export * from './errors.ts';
export * from './events.ts';
export * from './diagnostics.ts';
export * from './system.ts';
export * from './state.ts';
export * from './engine-api.ts';
export * from './worker-boundary.ts';
export * from './explain.ts';
