/**
 * `RUN --mount=type=cache,target=/root/.cache,…`: the mount specification.
 * Simplification: BuildKit also expands variables in the spec and checks
 * entitlements at build time; here we validate the shape (type, keys, target).
 */
import { InstructionError } from '../errors.ts';
import { goQuote } from '../go-text.ts';

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

const types = new Set<string>(['bind', 'cache', 'tmpfs', 'secret', 'ssh']);

/** Go encoding/csv-ish split on commas, honouring double quotes. */
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
  if (q) throw new InstructionError(`parse error on line 1, column ${s.length + 1}: extraneous or missing " in quoted-field`);
  out.push(cur);
  return out;
}

function parseBool(key: string, v: string): boolean {
  const l = v.toLowerCase();
  if (l === '' || l === 'true' || l === '1') return true;
  if (l === 'false' || l === '0') return false;
  throw new InstructionError(`invalid value for ${key}: ${v}`);
}

function parseUint(key: string, v: string, radix: number): number {
  const n = radix === 8 ? Number.parseInt(v, 8) : Number(v);
  if (!/^[0-9]+$/.test(v) || !Number.isSafeInteger(n)) throw new InstructionError(`invalid value for ${key}: ${v}`);
  return n;
}

const sizeUnits: Readonly<Record<string, number>> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };

/** Parses one `--mount` value. */
export function parseRunMount(spec: string): RunMount {
  let type: MountType = 'bind';
  const m = {
    from: '', source: '', target: '', readOnly: true, id: '', sharing: 'shared' as RunMount['sharing'],
    mode: null as number | null, uid: null as number | null, gid: null as number | null,
    required: false, sizeLimit: 0, env: '', roSet: false,
  };
  for (const field of csvFields(spec)) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? '' : field.slice(eq + 1);
    switch (key) {
      case 'type':
        if (!types.has(value.toLowerCase())) throw new InstructionError(`unsupported mount type ${goQuote(value)}`);
        type = value.toLowerCase() as MountType;
        break;
      case 'from': m.from = value; break;
      case 'source': case 'src': m.source = value; break;
      case 'target': case 'dst': case 'destination': m.target = value; break;
      case 'readonly': case 'ro': m.readOnly = parseBool(key, value); m.roSet = true; break;
      case 'readwrite': case 'rw': m.readOnly = !parseBool(key, value); m.roSet = true; break;
      case 'id': m.id = value; break;
      case 'sharing': {
        const v = value.toLowerCase();
        if (v !== 'shared' && v !== 'private' && v !== 'locked') throw new InstructionError(`unsupported sharing value ${goQuote(value)}`);
        m.sharing = v;
        break;
      }
      case 'mode': m.mode = parseUint(key, value, 8); break;
      case 'uid': m.uid = parseUint(key, value, 10); break;
      case 'gid': m.gid = parseUint(key, value, 10); break;
      case 'required': m.required = parseBool(key, value); break;
      case 'size': {
        const sm = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
        const unit = sm ? sizeUnits[sm[2]!.toLowerCase()] : undefined;
        if (!sm || unit === undefined) throw new InstructionError(`invalid value for size: ${value}`);
        m.sizeLimit = Math.floor(Number(sm[1]) * unit);
        break;
      }
      case 'env': m.env = value; break;
      default:
        throw new InstructionError(`unexpected key '${key}' in '${field}'`);
    }
  }
  if (!m.roSet && (type === 'cache' || type === 'tmpfs')) m.readOnly = false;
  if ((type === 'bind' || type === 'cache' || type === 'tmpfs') && m.target === '') {
    throw new InstructionError(`mount type ${type} requires a target`);
  }
  if (type === 'cache' && m.id === '') m.id = m.target;
  if (type === 'secret' && m.id === '' && m.target !== '') m.id = m.target.slice(m.target.lastIndexOf('/') + 1);
  if (type === 'secret' && m.target === '' && m.env === '') m.target = `/run/secrets/${m.id}`;
  if (type === 'ssh' && m.id === '') m.id = 'default';
  const { roSet: _roSet, ...rest } = m;
  return { type, ...rest };
}
