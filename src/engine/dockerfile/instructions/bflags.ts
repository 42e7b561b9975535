/**
 * Builder flags (`COPY --from=build`, `RUN --mount=…`): BuildKit
 * `instructions/bflag.go`. Each instruction declares the flags it accepts,
 * then `parse()` checks what the Dockerfile gave.
 */
import { InstructionError } from '../errors.ts';
import { withSuggestion } from '../suggest.ts';

type FlagType = 'bool' | 'string' | 'strings';

interface FlagState {
  readonly type: FlagType;
  value: string;
  values: string[];
}

/** The declared flags of one instruction and the values given to them. */
export class BFlags {
  private readonly flags = new Map<string, FlagState>();
  private readonly usedNames: string[] = [];

  constructor(private readonly args: readonly string[]) {}

  private add(name: string, type: FlagType, def: string): void {
    this.flags.set(name, { type, value: def, values: [] });
  }

  addBool(name: string, def = false): void {
    this.add(name, 'bool', def ? 'true' : 'false');
  }

  addString(name: string, def = ''): void {
    this.add(name, 'string', def);
  }

  addStrings(name: string): void {
    this.add(name, 'strings', '');
  }

  /** Checks the given flags against the declared ones; throws InstructionError like BuildKit. */
  parse(): void {
    for (const a of this.args) {
      if (a === '--') break;
      if (!a.startsWith('--')) throw new InstructionError(`arg should start with -- : ${a}`);
      const body = a.slice(2);
      const eq = body.indexOf('=');
      const name = eq < 0 ? body : body.slice(0, eq);
      const hasValue = eq >= 0;
      const value = hasValue ? body.slice(eq + 1) : '';
      const flag = this.flags.get(name);
      if (!flag) {
        const names = [...this.flags.keys()].map((k) => `--${k}`);
        throw new InstructionError(withSuggestion(`unknown flag: --${name}`, `--${name}`, names, true));
      }
      if (this.usedNames.includes(name) && flag.type !== 'strings') throw new InstructionError(`duplicate flag specified: ${name}`);
      if (!this.usedNames.includes(name)) this.usedNames.push(name);
      if (flag.type === 'bool') {
        if (hasValue && value === '') throw new InstructionError(`missing a value on flag: ${name}`);
        const v = value.toLowerCase();
        if (v === 'true' || v === '') flag.value = 'true';
        else if (v === 'false') flag.value = 'false';
        else throw new InstructionError(`expecting boolean value for flag ${name}, not: ${value}`);
      } else {
        if (!hasValue) throw new InstructionError(`missing a value on flag: ${name}`);
        if (flag.type === 'string') flag.value = value;
        else flag.values.push(value);
      }
    }
  }

  string(name: string): string {
    return this.flags.get(name)?.value ?? '';
  }

  bool(name: string): boolean {
    return this.flags.get(name)?.value === 'true';
  }

  strings(name: string): string[] {
    return [...(this.flags.get(name)?.values ?? [])];
  }

  /** Whether the Dockerfile set the flag (distinguishes `--unpack=false` from absent). */
  isUsed(name: string): boolean {
    return this.usedNames.includes(name);
  }

  /** Names of the flags the Dockerfile set, in order (BuildKit `FlagsUsed`). */
  used(): string[] {
    return [...this.usedNames];
  }
}
