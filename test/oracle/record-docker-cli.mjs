#!/usr/bin/env node
// Records the real docker CLI's output for argv that need no daemon (help, usage
// errors) into test/fixtures/docker-cli/cases.json. Run: node test/oracle/record-docker-cli.mjs
// The recorded CLI version is stored with the cases; tests compare our CLI to them.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cases = [
  ['--help'],
  [],
  ['foo'],
  ['version', '--bogus'],
  ['version', '--help'],
  ['info', '--help'],
  ['version', 'extra'],
  // Image commands (issue #6): help, aliases and usage errors.
  ['images', '--help'],
  ['image', 'ls', '--help'],
  ['image', 'list', '--help'],
  ['images', 'a', 'b'],
  ['images', '-x'],
  ['history', '--help'],
  ['image', 'history', '--help'],
  ['history'],
  ['history', '-H=maybe', 'busybox'],
  ['image', 'inspect', '--help'],
  ['image', 'inspect'],
  ['inspect', '--help'],
  ['tag', '--help'],
  ['image', 'tag', '--help'],
  ['tag', 'onlyone'],
  ['rmi', '--help'],
  ['image', 'rm', '--help'],
  ['image', 'remove', '--help'],
  ['rmi'],
  ['image', 'prune', '--help'],
  ['image', 'prune', 'extra'],
  ['save', '--help'],
  ['image', 'save', '--help'],
  ['save'],
  ['save', '-o'],
  ['load', '--help'],
  ['image', 'load', '--help'],
  ['load', 'extra'],
  ['image'],
  ['image', '--help'],
  ['image', 'bogus'],
  ['image', 'bogus', 'more'],
  ['image', '-x'],
  // Container commands (issue #7): help and usage errors.
  ['run', '--help'],
  ['run'],
  ['run', '--bogus', 'busybox'],
  ['run', '-d'],
  ['create', '--help'],
  ['create'],
  ['start', '--help'],
  ['start'],
  ['ps', '--help'],
  ['ps', 'extra'],
  ['ps', '-n', 'x'],
  ['container', 'ls', '--help'],
  ['logs', '--help'],
  ['logs'],
  ['logs', 'a', 'b'],
  ['stop', '--help'],
  ['stop'],
  ['restart', '--help'],
  ['kill', '--help'],
  ['kill'],
  ['rm', '--help'],
  ['rm'],
  ['exec', '--help'],
  ['exec', 'web'],
  ['wait', '--help'],
  ['wait'],
  ['diff', '--help'],
  ['diff', 'a', 'b'],
  ['rename', '--help'],
  ['rename', 'a'],
  ['top', '--help'],
  ['top'],
  ['attach', '--help'],
  ['attach'],
  ['container', 'inspect', '--help'],
  ['container', 'inspect'],
  ['pause', '--help'],
  ['pause'],
  ['unpause', '--help'],
  ['port', '--help'],
  ['port'],
  ['port', 'a', 'b', 'c'],
  ['commit', '--help'],
  ['commit'],
  ['container', 'prune', '--help'],
  ['container', 'prune', 'extra'],
  // Registry commands (issue #8).
  ['pull', '--help'],
  ['image', 'pull', '--help'],
  ['pull'],
  ['pull', 'a', 'b'],
  ['push', '--help'],
  ['image', 'push', '--help'],
  ['push'],
  ['search', '--help'],
  ['search'],
  ['search', '--limit', 'x', 'busybox'],
  ['login', '--help'],
  ['login', 'a', 'b'],
  ['logout', '--help'],
  ['logout', 'a', 'b'],
];
// No config dir and an unreachable socket: no plugins, no daemon.

// HOME is the simulated host user's, so default paths in help match Layerlab's.
const env = { PATH: process.env.PATH, HOME: '/home/learner', DOCKER_HOST: 'unix:///nonexistent.sock', TZ: 'UTC' };
const version = spawnSync('docker', ['--version'], { env, encoding: 'utf8' }).stdout.trim();
const out = cases.map((argv) => {
  const r = spawnSync('docker', argv, { env, encoding: 'utf8' });
  return { argv, stdout: r.stdout, stderr: r.stderr, exitCode: r.status };
});
writeFileSync(join(here, '../fixtures/docker-cli/cases.json'), `${JSON.stringify({ recordedWith: version, cases: out }, null, 2)}\n`);
console.log(`recorded ${out.length} cases with ${version}`);
