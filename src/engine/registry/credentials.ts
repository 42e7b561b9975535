/**
 * `docker login` / `docker logout` over the client's config document
 * (`~/.docker/config.json`), as the docker CLI stores credentials without a
 * credential helper: `auths[<server>].auth = base64("user:password")`. That
 * is an encoding, not encryption: anyone who can read the file has the
 * password (lesson 12 decodes one). Pure functions: a new document in, a new
 * document out; the host reads and writes the file.
 */
import { base64Decode, base64Encode, decodeUtf8, encodeUtf8 } from './bytes.ts';
import type { Credentials } from './client.ts';

export interface AuthEntry {
  readonly auth?: string;
  readonly [key: string]: unknown;
}

/** The parts of config.json we read and write; everything else is kept as it was. */
export interface DockerConfigFile {
  readonly auths?: Readonly<Record<string, AuthEntry>>;
  readonly [key: string]: unknown;
}

/** Docker Hub's credential key (the v1 index address, kept for compatibility). */
export const DOCKER_HUB_AUTH_KEY = 'https://index.docker.io/v1/';

const HUB_ALIASES = new Set(['', 'docker.io', 'index.docker.io', 'registry-1.docker.io', DOCKER_HUB_AUTH_KEY]);

/** The `auths` key for a registry as typed (`docker login`, `docker login localhost:5000`). */
export function credentialKey(server = ''): string {
  const s = server.trim();
  if (HUB_ALIASES.has(s)) return DOCKER_HUB_AUTH_KEY;
  return s.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
}

/** `docker login`: stores `user:password` for the server. */
export function login(config: DockerConfigFile, server: string, username: string, password: string): DockerConfigFile {
  const key = credentialKey(server);
  const auth = base64Encode(encodeUtf8(`${username}:${password}`));
  return { ...config, auths: { ...config.auths, [key]: { ...config.auths?.[key], auth } } };
}

/** `docker logout`: removes the server's entry; `removed` is false when there was none. */
export function logout(config: DockerConfigFile, server: string): { config: DockerConfigFile; removed: boolean; key: string } {
  const key = credentialKey(server);
  if (!config.auths || !(key in config.auths)) return { config, removed: false, key };
  const auths = { ...config.auths };
  delete auths[key];
  return { config: { ...config, auths }, removed: true, key };
}

/** Credentials stored for a registry host (what push and pull send), if any. */
export function credentialsFor(config: DockerConfigFile, host: string): Credentials | undefined {
  const entry = config.auths?.[credentialKey(host)];
  if (!entry?.auth) return undefined;
  const raw = base64Decode(entry.auth);
  if (!raw) return undefined;
  const text = decodeUtf8(raw);
  const colon = text.indexOf(':');
  return colon < 0 ? undefined : { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** Reads config.json text (an empty or missing file is an empty document). */
export function parseConfigFile(text: string): DockerConfigFile {
  if (text.trim() === '') return {};
  const doc = JSON.parse(text) as unknown;
  return typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as DockerConfigFile) : {};
}

/** Writes config.json as the CLI does (Go's `json.MarshalIndent(cfg, "", "\t")`). */
export function formatConfigFile(config: DockerConfigFile): string {
  return JSON.stringify(config, null, '\t');
}

/** What `docker login` prints on success when credentials land in the file (`path` is the config file); checked against the real CLI. */
export function loginMessages(path: string): { stdout: string[]; stderr: string[] } {
  return {
    stderr: [
      '',
      `WARNING! Your credentials are stored unencrypted in '${path}'.`,
      'Configure a credential helper to remove this warning. See',
      'https://docs.docker.com/go/credential-store/',
      '',
    ],
    stdout: ['Login Succeeded'],
  };
}

/** What `docker logout` prints, logged in or not (docker 28 no longer says "Not logged in"; checked against the real CLI). */
export function logoutMessage(key: string): string {
  return `Removing login credentials for ${key}`;
}
