/**
 * `RUN --mount=type=cache,target=/root/.cache,…`: the mount specification
 * (BuildKit `commands_runmount.go`). Values holding `$` are kept raw and
 * checked when the builder expands them, as BuildKit defers them; `from`
 * may not use variables at all.
 * Simplification: a bind/cache/tmpfs mount without target is rejected here
 * rather than when the build runs.
 */
import { InstructionError } from '../errors.ts';
import { goQuote } from '../go-text.ts';
import { withSuggestion } from '../suggest.ts';

export type MountType = 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh';

export interface RunMount {
  readonly type: MountType;
  readonly from: string;
  readonly source: string;
  readonly target: string;
  readonly readOnly: boolean;
  /** Cache/secret/ssh id. */
  readonly id: string;
  /** Cache sharing mode. */
  readonly sharing: 'shared' | 'private' | 'locked';
  readonly mode: number | null;
  readonly uid: number | null;
  readonly gid: number | null;
  readonly required: boolean;
  /** tmpfs size in bytes (0 = unlimited). */
  readonly sizeLimit: number;
  /** Secret exposed as this environment variable. */
  readonly env: string;
}

const types: readonly MountType[] = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
const keys = ['type', 'from', 'source', 'target', 'readonly', 'id', 'sharing', 'required', 'mode', 'uid', 'gid', 'src', 'dst', 'destination', 'ro', 'rw', 'readwrite', 'size', 'env'];

/** Go encoding/csv on one record: commas separate fields, double quotes group. */
function csvFields(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"') {
      if (q && s[i + 1] === '"') {
        cur += '"';
        i++;
      } else q = !q;
    } else if (c === ',' && !q) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (q) throw new InstructionError('failed to parse csv mounts: extraneous or missing " in quoted-field');
  out.push(cur);
  return out;
}

/** Go strconv.ParseBool. */
function parseBool(key: string, v: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  throw new InstructionError(`invalid value for ${key}: ${v}`);
}

function parseUint(key: string, v: string, radix: 8 | 10): number {
  const ok = radix === 8 ? /^[0-7]+$/.test(v) : /^[0-9]+$/.test(v);
  const n = Number.parseInt(v, radix);
  if (!ok || n > 0xffffffff) throw new InstructionError(`invalid value ${v} for ${key}`);
  return n;
}

const sizeUnits: Readonly<Record<string, number>> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };

/** Parses one `--mount` value; throws InstructionError with BuildKit's messages. */
export function parseRunMount(spec: string): RunMount {
  let type: MountType = 'bind';
  let roAuto = true;
  const m = {
    from: '', source: '', target: '', readOnly: true, id: '', sharing: '' as '' | RunMount['sharing'],
    mode: null as number | null, uid: null as number | null, gid: null as number | null,
    required: false, sizeLimit: 0, env: '',
  };
  for (const field of csvFields(spec)) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    if (eq < 0) {
      if (key === 'readonly' || key === 'ro' || key === 'readwrite' || key === 'rw') {
        m.readOnly = key === 'readonly' || key === 'ro';
        roAuto = false;
        continue;
      }
      if (key === 'required') {
        if (type !== 'secret' && type !== 'ssh') throw new InstructionError(`unexpected key '${key}' for mount type '${type}'`);
        m.required = true;
        continue;
      }
      throw new InstructionError(`invalid field '${field}' must be a key=value pair`);
    }
    const value = field.slice(eq + 1);
    if (key === 'from' && /\$./.test(value)) throw new InstructionError(`'${key}' doesn't support variable expansion, define alias stage instead`);
    const deferred = value.includes('$');
    switch (key) {
      case 'type': {
        const t = value.toLowerCase();
        if (deferred) break;
        if (!(types as readonly string[]).includes(t)) throw new InstructionError(withSuggestion(`unsupported mount type ${goQuote(value)}`, value, types, true));
        type = t as MountType;
        break;
      }
      case 'from': m.from = value; break;
      case 'source': case 'src': m.source = value; break;
      case 'target': case 'dst': case 'destination': m.target = value; break;
      case 'readonly': case 'ro':
        if (!deferred) m.readOnly = parseBool(key, value);
        roAuto = false;
        break;
      case 'readwrite': case 'rw':
        if (!deferred) m.readOnly = !parseBool(key, value);
        roAuto = false;
        break;
      case 'required':
        if (type !== 'secret' && type !== 'ssh') throw new InstructionError(`unexpected key '${key}' for mount type '${type}'`);
        if (!deferred) m.required = parseBool(key, value);
        break;
      case 'id': m.id = value; break;
      case 'sharing': {
        const v = value.toLowerCase();
        if (deferred) break;
        if (v !== 'shared' && v !== 'private' && v !== 'locked') throw new InstructionError(`unsupported sharing value ${goQuote(value)}`);
        m.sharing = v;
        break;
      }
      case 'mode': if (!deferred) m.mode = parseUint(key, value, 8); break;
      case 'uid': if (!deferred) m.uid = parseUint(key, value, 10); break;
      case 'gid': if (!deferred) m.gid = parseUint(key, value, 10); break;
      case 'size': {
        if (deferred) break;
        const sm = /^(\d+(?:\.\d+)?)[\t ]*([a-zA-Z]*)$/.exec(value.trim());
        const unit = sm ? sizeUnits[sm[2]!.toLowerCase()] : undefined;
        if (!sm || unit === undefined) throw new InstructionError(`invalid value ${value} for size`);
        m.sizeLimit = Math.floor(Number(sm[1]) * unit);
        break;
      }
      case 'env': m.env = value; break;
      default:
        throw new InstructionError(withSuggestion(`unexpected key '${key}' in '${field}'`, key, keys, true));
    }
  }
  const fileInfoAllowed = type === 'secret' || type === 'ssh' || type === 'cache';
  for (const [name, v] of [['mode', m.mode], ['uid', m.uid], ['gid', m.gid]] as const) {
    if (v !== null && !fileInfoAllowed) throw new InstructionError(`${name} not allowed for ${goQuote(type)} type mounts`);
  }
  if (roAuto) m.readOnly = !(type === 'cache' || type === 'tmpfs');
  if (m.sharing !== '' && type !== 'cache') throw new InstructionError(`invalid cache sharing set for ${type} mount`);
  if (type === 'secret') {
    if (m.from !== '') throw new InstructionError('secret mount should not have a from');
    if (m.source === '' && m.target === '' && m.id === '' && m.env === '') throw new InstructionError('invalid secret mount. one of source, target required');
    if (m.source !== '' && m.id !== '') throw new InstructionError("both source and id can't be set");
  }
  if ((type === 'bind' || type === 'cache' || type === 'tmpfs') && m.target === '') {
    throw new InstructionError(`mount type ${type} requires a target`);
  }
  const id = m.id !== '' ? m.id : type === 'cache' ? m.target : type === 'secret' ? (m.source || m.target.slice(m.target.lastIndexOf('/') + 1)) : type === 'ssh' ? 'default' : '';
  const target = type === 'secret' && m.target === '' && m.env === '' ? `/run/secrets/${id}` : m.target;
  return { type, ...m, id, target, sharing: m.sharing === '' ? 'shared' : m.sharing };
}
