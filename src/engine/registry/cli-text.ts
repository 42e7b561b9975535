/**
 * What the docker CLI itself does with registries, for src/cli: render
 * dockerd's progress stream (jsonmessage), print search results, and keep
 * credentials in the client's config.json. Pure text and data functions;
 * the one door from src/cli into the registry (see .dependency-cruiser.cjs).
 */
export { pullOutput, pushOutput } from './output.ts';
export { formatProgress } from './progress.ts';
export type { ProgressMessage } from './progress.ts';
export { searchCells } from './search.ts';
export type { SearchEntry } from './search.ts';
export {
  credentialKey,
  credentialsFor,
  formatConfigFile,
  login,
  loginMessages,
  logout,
  logoutMessage,
  parseConfigFile,
} from './credentials.ts';
export type { DockerConfigFile } from './credentials.ts';
