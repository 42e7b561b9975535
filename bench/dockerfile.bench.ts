/**
 * Dockerfile frontend speed: median time to parse a 500-line Dockerfile
 * (goal ≤ 5 ms), plus instruction conversion and the full lint.
 */
import { lintDockerfile, parseDockerfile, parseInstructions } from '../src/engine/dockerfile/index.ts';
import { median, timeRuns, type BenchResult } from './types.ts';

/** A realistic multi-stage Dockerfile of exactly `lines` lines. */
export function sampleDockerfile(lines = 500): string {
  const out: string[] = ['# syntax=docker/dockerfile:1', 'ARG NODE_VERSION=20', ''];
  let stage = 0;
  while (out.length < lines - 12) {
    out.push(
      `FROM node:\${NODE_VERSION}-alpine AS stage${stage}`,
      `# stage ${stage}: install and build`,
      'WORKDIR /app',
      'COPY package.json package-lock.json ./',
      'RUN --mount=type=cache,target=/root/.npm \\',
      '    npm ci --omit=dev && \\',
      '    npm cache verify',
      `ENV NODE_ENV=production PORT=${3000 + stage} LABEL_${stage}="a b c"`,
      'COPY --chown=node:node . .',
      'RUN <<EOF',
      'set -eu',
      `echo building ${stage}`,
      'EOF',
      `LABEL org.opencontainers.image.title="app ${stage}"`,
      'EXPOSE 3000/tcp',
      'HEALTHCHECK --interval=30s --timeout=3s CMD ["wget", "-qO-", "http://localhost:3000/health"]',
      'USER node',
      '',
    );
    stage++;
  }
  while (out.length < lines - 1) out.push(`RUN echo line ${out.length}`);
  out.push('CMD ["node", "server.js"]');
  return out.join('\n') + '\n';
}

export default async function (): Promise<BenchResult[]> {
  const text = sampleDockerfile(500);
  const parse = median(await timeRuns(200, () => parseDockerfile(text), 20));
  const convert = median(await timeRuns(200, () => parseInstructions(parseDockerfile(text)), 20));
  const lint = median(await timeRuns(50, () => lintDockerfile(text), 5));
  return [
    { name: 'dockerfile.parse.500-lines', value: Number(parse.toFixed(3)), unit: 'ms', note: 'median; goal ≤ 5 ms' },
    { name: 'dockerfile.parse+instructions.500-lines', value: Number(convert.toFixed(3)), unit: 'ms', note: 'median' },
    { name: 'dockerfile.lint.500-lines', value: Number(lint.toFixed(3)), unit: 'ms', note: 'median, all rules' },
  ];
}
