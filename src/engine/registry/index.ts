/**
 * Registries: the OCI distribution API served inside the engine, the client
 * that pulls and pushes through it (or through real HTTP), and the simulated
 * Docker Hub's search index and login storage.
 */
export { DOCKER_HUB_POLICY, decide, identify } from './auth.ts';
export type { Access, AccessRule, Action, AuthPolicy, Decision, Identity } from './auth.ts';
export { RegistryClient } from './client.ts';
export type { Credentials, LayerPushOutcome, Progress, PullResult, PushResult, RegistryClientOptions } from './client.ts';
export {
  DOCKER_HUB_AUTH_KEY,
  credentialKey,
  credentialsFor,
  formatConfigFile,
  login,
  loginMessages,
  logout,
  logoutMessage,
  parseConfigFile,
} from './credentials.ts';
export type { AuthEntry, DockerConfigFile } from './credentials.ts';
export { REGISTRY_ERRORS, RegistryError, engineErrorFromResponse, errorText, parseErrorBody, registryError } from './errors.ts';
export type { RegistryErrorCode, RegistryErrorEntry } from './errors.ts';
export { RegistryHosts } from './hosts.ts';
export type { RegistryHostsState } from './hosts.ts';
export { header, parseQuery, splitTarget } from './http.ts';
export type { Headers, HostRequest, RegistryRequest, RegistryResponse, Transport } from './http.ts';
export { MemoryImageStore } from './local-store.ts';
export type { LocalImageStore, ManifestBlob, MountSources, PulledImage, TaggedImage } from './local-store.ts';
export { MANIFEST_ACCEPT, MediaType, parseManifest, selectPlatform } from './manifest.ts';
export type { Descriptor, ImageIndex, ImageManifest, ParsedManifest, Platform } from './manifest.ts';
export { pullOutput, pushOutput } from './output.ts';
export { formatProgress, humanSize, progressStream, shortId } from './progress.ts';
export type { ProgressDetail, ProgressMessage } from './progress.ts';
export { HUB_SEARCH_INDEX, searchCells, searchHub, withRepository } from './search.ts';
export type { SearchEntry, SearchOptions } from './search.ts';
export { RegistryServer } from './server.ts';
export type { RegistryServerOptions } from './server.ts';
export { RegistryStorage } from './storage.ts';
export type { RegistryStorageState, RepositoryState } from './storage.ts';
export { parseChallenge, tokenOf, tokenRequest } from './token-auth.ts';
export type { Challenge } from './token-auth.ts';
export { DOCKER_HUB_REGISTRY, httpTransport, inEngineTransport, schemeFor } from './transport.ts';
export type { FetchLike, RegistryHandler } from './transport.ts';
