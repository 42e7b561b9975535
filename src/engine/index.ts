/**
 * The engine's public entry points (stable names: tests, tools and hosts rely
 * on them; see ARCHITECTURE.md "Public entry points").
 */
export { createEngine, type CreateEngineOptions } from './engine.ts';
export { openState, sealState } from './state.ts';
export { realDeps, testDeps, ManualClock, SeededRng, type EngineDeps, type Clock, type Rng } from './deps.ts';
