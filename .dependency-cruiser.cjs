/**
 * The dependency rules of ARCHITECTURE.md, enforced by `npm test`.
 * Each module may import itself, src/lib, src/api and npm packages, plus the
 * modules listed for it. The engine's injected deps (deps.ts) are open to all
 * of the engine. Deliberate additions to the table are commented.
 */
const ENGINE_BASE = ['^src/api/', '^src/lib/', '^src/engine/deps\\.ts$'];

/** module folder → the src/ paths it may import (besides itself and the base). */
const ALLOWED = {
  'src/lib/': [],
  'src/api/': ['^src/lib/'],
  'src/engine/oci/': ENGINE_BASE,
  'src/engine/fs/': ENGINE_BASE,
  'src/engine/events/': ENGINE_BASE,
  'src/engine/content/': [...ENGINE_BASE, '^src/engine/oci/'],
  // snapshots are keyed by chain id (oci) besides the table's fs, content, events.
  'src/engine/snapshots/': [...ENGINE_BASE, '^src/engine/(fs|content|events|oci)/'],
  'src/engine/images/': [...ENGINE_BASE, '^src/engine/(oci|content|snapshots|fs)/'],
  'src/engine/dockerfile/': ['^src/api/', '^src/lib/'],
  'src/engine/userspace/': [...ENGINE_BASE, '^src/engine/(fs|events)/'],
  'src/engine/runtime/': [...ENGINE_BASE, '^src/engine/(snapshots|images|userspace|events|fs|oci)/'],
  'src/engine/builder/': [...ENGINE_BASE, '^src/engine/(dockerfile|runtime|images|snapshots|content|oci|events|fs|userspace)/'],
  'src/engine/registry/': [...ENGINE_BASE, '^src/engine/(oci|content)/'],
  // cli renders pull/push progress, search tables and config.json as the docker CLI does, with the registry's own formatters (one barrel).
  'src/cli/': ['^src/api/', '^src/lib/', '^src/engine/registry/cli-text\\.ts$'],
  'src/client/': ['^src/api/', '^src/lib/'],
  // the simulated Docker host's engine side (issue 13): reads runtime, images and snapshots state, runs userspace.
  'src/engine/host/': [...ENGINE_BASE, '^src/engine/(fs|events|oci|snapshots|images|runtime|userspace)/', '^src/engine/host\\.ts$'],
  // "engine + host + the docker CLI as a program on it", shared by the worker and the Node host.
  'src/host-shell/': ['^src/engine/', '^src/api/', '^src/cli/', '^src/lib/'],
  'src/worker/': ['^src/engine/', '^src/api/', '^src/cli/', '^src/lib/', '^src/host-shell/'],
  'src/node/': ['^src/engine/', '^src/api/', '^src/cli/', '^src/lib/', '^src/host-shell/'],
  'src/app/': ['^src/client/', '^src/api/', '^src/lib/'],
};

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const moduleRules = Object.entries(ALLOWED).map(([from, allowed]) => ({
  name: `layering:${from.replace(/^src\//, '').replace(/\/$/, '')}`,
  comment: `${from} may import only: itself, ${allowed.join(', ') || 'nothing else in src/'}`,
  severity: 'error',
  from: { path: `^${escape(from)}` },
  to: { path: '^src/', pathNot: [`^${escape(from)}`, ...allowed] },
}));

// Files directly in src/engine (engine.ts, index.ts, state.ts, …) compose the engine: they may import all of it.
const engineRoot = {
  name: 'layering:engine-root',
  severity: 'error',
  from: { path: '^src/engine/[^/]+\\.ts$' },
  to: { path: '^src/', pathNot: ['^src/engine/', '^src/api/', '^src/lib/'] },
};

module.exports = {
  forbidden: [
    ...moduleRules,
    engineRoot,
    {
      name: 'pure-code-has-no-node-builtins',
      comment: 'engine, api, lib, cli, client, app and worker run in the browser: no node: modules',
      severity: 'error',
      from: { path: '^src/(engine|api|lib|cli|client|app|worker|host-shell)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'only-client-touches-comlink',
      comment: 'the app reaches the worker through src/client only',
      severity: 'error',
      from: { path: '^src/(app|engine|cli|api|lib)/' },
      to: { path: 'node_modules/comlink/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.svelte'] },
    exclude: { path: '\\.d\\.ts$' },
  },
};
