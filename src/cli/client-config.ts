/**
 * The docker client's config.json (`~/.docker/config.json`): where `docker
 * login` stores credentials (base64 `user:password`, not encryption) and
 * where pull and push read the ones they send as X-Registry-Auth. On a host
 * with files (Node) it is a real file; in the tab, where the client has no
 * files, it is kept in memory for the engine it talks to (lost on reload).
 */
import type { AuthConfig } from '../api/images.ts';
import { credentialKey, credentialsFor, formatConfigFile, parseConfigFile } from '../engine/registry/cli-text.ts';
import type { DockerConfigFile } from '../engine/registry/cli-text.ts';
import type { CliContext } from './io.ts';

// The CLI's tsconfig has no DOM or Node types; every host provides these.
declare class TextDecoder {
  decode(input: Uint8Array): string;
}
declare class TextEncoder {
  encode(input: string): Uint8Array;
}

/** The simulated host's path, as `docker login` names it in its warning (the `--config` default). */
export const SIMULATED_CONFIG_FILE = '/home/learner/.docker/config.json';

const inMemory = new WeakMap<object, DockerConfigFile>();

function onDisk(ctx: CliContext): string | undefined {
  return ctx.files && ctx.configFile ? ctx.configFile : undefined;
}

/** The path docker prints for the config file. */
export function configFilePath(ctx: CliContext): string {
  return onDisk(ctx) ?? SIMULATED_CONFIG_FILE;
}

export function loadConfig(ctx: CliContext): DockerConfigFile {
  const path = onDisk(ctx);
  if (!path) return inMemory.get(ctx.api) ?? {};
  let text: string;
  try {
    text = new TextDecoder().decode(ctx.files!.readFile(path));
  } catch {
    return {};
  }
  return parseConfigFile(text);
}

export function saveConfig(ctx: CliContext, config: DockerConfigFile): void {
  const path = onDisk(ctx);
  if (!path) inMemory.set(ctx.api, config);
  else ctx.files!.writeFile(path, new TextEncoder().encode(formatConfigFile(config)));
}

/**
 * The registry host of an image reference, as the docker CLI splits it
 * (reference.splitDockerDomain): the first path component when it has a
 * `.` or `:` or is `localhost`, else Docker Hub.
 */
export function registryOf(ref: string): string {
  const slash = ref.indexOf('/');
  if (slash < 0) return 'docker.io';
  const first = ref.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : 'docker.io';
}

/** What the client sends as X-Registry-Auth for `ref`: the stored credentials for its registry, if any. */
export function registryAuthFor(ctx: CliContext, ref: string): AuthConfig | undefined {
  const host = registryOf(ref);
  const creds = credentialsFor(loadConfig(ctx), host);
  return creds ? { username: creds.username, password: creds.password, serveraddress: credentialKey(host) } : undefined;
}
