/**
 * The Node process's stdin as the CLI's keyboard (CliInput): what
 * `docker build -`, `docker login --password-stdin` and `docker run -i` read
 * when `layerlab docker` is given a pipe. Nothing is read until a command asks.
 */
import type { CliInput } from '../cli/io.ts';

export const processStdin: CliInput = {
  subscribe(fn) {
    const onData = (chunk: Buffer) => fn(chunk.toString('utf8'));
    const onEnd = () => fn(null);
    process.stdin.on('data', onData);
    process.stdin.on('end', onEnd);
    return () => {
      process.stdin.off('data', onData);
      process.stdin.off('end', onEnd);
      process.stdin.pause();
    };
  },
};
