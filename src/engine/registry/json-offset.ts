/**
 * Where a JSON document stops being JSON, counted as Go's encoding/json
 * counts it (`SyntaxError.Offset`: bytes read when the error was found, so
 * the offending byte's index + 1, or the length at a premature end).
 * Distribution reports it as `MANIFEST_INVALID` `{"Offset":n}`; JSON.parse
 * does not say where it failed, so the registry asks this scanner.
 */

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

class Stop {
  constructor(readonly offset: number) {}
}

/** The Go offset of the first syntax error, or undefined when `bytes` is one valid JSON value. */
export function jsonErrorOffset(bytes: Uint8Array): number | undefined {
  let i = 0;
  const fail = (at: number): never => {
    throw new Stop(at >= bytes.length ? bytes.length : at + 1);
  };
  const ws = () => {
    while (i < bytes.length && WS.has(bytes[i]!)) i++;
  };
  const expect = (c: number) => {
    if (bytes[i] !== c) fail(i);
    i++;
  };
  const literal = (word: string) => {
    for (let k = 0; k < word.length; k++) expect(word.charCodeAt(k));
  };
  const digits = () => {
    const start = i;
    while (i < bytes.length && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) i++;
    if (i === start) fail(i);
  };
  const number = () => {
    if (bytes[i] === 0x2d) i++;
    if (bytes[i] === 0x30) i++;
    else if (bytes[i] !== undefined && bytes[i]! >= 0x31 && bytes[i]! <= 0x39) digits();
    else fail(i);
    if (bytes[i] === 0x2e) {
      i++;
      digits();
    }
    if (bytes[i] === 0x65 || bytes[i] === 0x45) {
      i++;
      if (bytes[i] === 0x2b || bytes[i] === 0x2d) i++;
      digits();
    }
  };
  const string = () => {
    expect(0x22);
    for (;;) {
      const c = bytes[i];
      if (c === undefined) fail(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c! < 0x20) fail(i);
      if (c === 0x5c) {
        i++;
        const e = bytes[i];
        if (e === 0x75) {
          i++;
          for (let k = 0; k < 4; k++, i++) if (!/[0-9a-fA-F]/.test(String.fromCharCode(bytes[i] ?? 0x20))) fail(i);
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(String.fromCharCode(e))) fail(i);
      }
      i++;
    }
  };
  const value = (): void => {
    ws();
    const c = bytes[i];
    if (c === 0x7b) {
      i++;
      ws();
      if (bytes[i] === 0x7d) {
        i++;
        return;
      }
      for (;;) {
        ws();
        string();
        ws();
        expect(0x3a);
        value();
        ws();
        if (bytes[i] === 0x2c) i++;
        else return expect(0x7d);
      }
    }
    if (c === 0x5b) {
      i++;
      ws();
      if (bytes[i] === 0x5d) {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (bytes[i] === 0x2c) i++;
        else return expect(0x5d);
      }
    }
    if (c === 0x22) return string();
    if (c === 0x74) return literal('true');
    if (c === 0x66) return literal('false');
    if (c === 0x6e) return literal('null');
    if (c === 0x2d || (c !== undefined && c >= 0x30 && c <= 0x39)) return number();
    fail(i);
  };
  try {
    value();
    ws();
    if (i < bytes.length) fail(i);
    return undefined;
  } catch (e) {
    if (e instanceof Stop) return e.offset;
    throw e;
  }
}
