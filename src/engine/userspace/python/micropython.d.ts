/** The part of @micropython/micropython-webassembly-pyscript 1.27 that python.ts uses (the package ships no types). */
declare module '@micropython/micropython-webassembly-pyscript' {
  export interface MicroPython {
    /** Emscripten's FS object (typed where it is used: union-fs.ts EmscriptenFS). */
    readonly FS: unknown;
    readonly globals: { get(key: string): unknown; set(key: string, value: unknown): void };
    runPython(code: string): unknown;
  }
  export function loadMicroPython(options: {
    heapsize?: number;
    pystack?: number;
    linebuffer?: boolean;
    stdin?: () => number | null;
    stdout?: (data: Uint8Array | string) => void;
    stderr?: (data: Uint8Array | string) => void;
  }): Promise<MicroPython>;
}
