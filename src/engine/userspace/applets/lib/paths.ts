/** basename(3) as the applets use it: trailing slashes ignored, "/" stays "/". */
export function baseName(p: string): string {
  const t = p.replace(/\/+$/, '');
  if (t === '') return p.startsWith('/') ? '/' : '';
  return t.slice(t.lastIndexOf('/') + 1);
}

/** dirname(3): "." for a bare name, "/" for top-level entries. */
export function dirName(p: string): string {
  const t = p.replace(/\/+$/, '');
  if (t === '') return p.startsWith('/') ? '/' : '.';
  const i = t.lastIndexOf('/');
  if (i < 0) return '.';
  const d = t.slice(0, i).replace(/\/+$/, '');
  return d === '' ? '/' : d;
}

/** Joins a directory and a name without doubling the slash. */
export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}
