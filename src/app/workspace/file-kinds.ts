/** Which editor language a workspace file opens in. Dockerfiles get the engine's lint. */
export function isDockerfile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return /^Dockerfile(\..+)?$/i.test(name) || /\.dockerfile$/i.test(name) || /^Containerfile$/i.test(name);
}

export function languageOf(path: string): 'dockerfile' | 'shell' | 'plaintext' {
  if (isDockerfile(path)) return 'dockerfile';
  if (/\.(sh|bash)$/.test(path)) return 'shell';
  return 'plaintext';
}
