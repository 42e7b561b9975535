/** Layerlab's teaching rules and the linter's contract (never throws, explanations in two languages). */
import { describe, expect, it } from 'vitest';
import { lintDockerfile, lintRules } from '../../src/engine/dockerfile/index.ts';

const rulesOf = (text: string): string[] => lintDockerfile(text).map((d) => `${d.range.start.line}:${d.rule}`);

describe('teaching rules', () => {
  it('apt-get update alone, and install without -y', () => {
    const r = rulesOf('FROM debian:12\nRUN apt-get update\nRUN apt-get install curl\nUSER app\n');
    expect(r).toContain('2:AptGetUpdateAlone');
    expect(r).toContain('3:AptGetInstallNoYes');
    expect(rulesOf('FROM debian:12\nRUN apt-get update && apt-get install -y curl\nUSER app\n')).toEqual([]);
    expect(rulesOf('FROM debian:12\nRUN apt-get update && apt-get -y --no-install-recommends install curl\nUSER app\n')).toEqual([]);
  });
  it('ADD where COPY suffices, but not for URLs or archives', () => {
    expect(rulesOf('FROM alpine:3\nADD app.py /app/\nUSER 1000\n')).toEqual(['2:AddWhereCopySuffices']);
    expect(rulesOf('FROM alpine:3\nADD https://example.com/x.sh /x\nADD rootfs.tar.gz /\nUSER 1000\n')).toEqual([]);
  });
  it('COPY . . before installing dependencies', () => {
    const d = lintDockerfile('FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER node\nCMD ["node", "s.js"]\n');
    expect(d.map((x) => x.rule)).toEqual(['CopyAllBeforeInstall']);
    expect(d[0]!.message).toContain('line 4');
    expect(rulesOf('FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nUSER node\nCMD ["node", "s.js"]\n')).toEqual([]);
  });
  it('no USER, or USER root, in the final stage', () => {
    expect(rulesOf('FROM alpine:3 AS b\nUSER app\nFROM alpine:3\nCMD ["sh"]\n')).toEqual(['3:NoUser']);
    expect(rulesOf('FROM alpine:3\nUSER root\n')).toEqual(['1:NoUser']);
    expect(rulesOf('FROM alpine:3 AS b\nUSER app\nFROM b\n')).toEqual([]);
  });
  it('several CMD/ENTRYPOINT: only the last counts; shell form gets JSONArgsRecommended', () => {
    expect(rulesOf('FROM alpine:3\nUSER a\nCMD ["a"]\nCMD ["b"]\nENTRYPOINT x\n')).toEqual([
      '3:MultipleInstructionsDisallowed',
      '5:JSONArgsRecommended',
    ]);
  });
  it('SHELL only exempts the CMD/ENTRYPOINT that come after it', () => {
    expect(rulesOf('FROM alpine:3\nUSER a\nCMD run\nSHELL ["/bin/bash", "-c"]\nENTRYPOINT run\n')).toEqual([
      '3:JSONArgsRecommended',
    ]);
  });
  it('MAINTAINER, relative WORKDIR, untagged or latest base image', () => {
    expect(rulesOf('FROM ubuntu\nMAINTAINER me\nWORKDIR app\nUSER 1\n')).toEqual(['1:BaseImageLatest', '2:MaintainerDeprecated', '3:WorkdirRelativePath']);
    expect(rulesOf('FROM ubuntu:latest\nUSER 1\n')).toEqual(['1:BaseImageLatest']);
    expect(rulesOf('FROM registry:5000/team/img:1.2\nUSER 1\n')).toEqual([]);
  });
});

describe('lintDockerfile contract', () => {
  it('returns parse errors as error diagnostics instead of throwing', () => {
    const d = lintDockerfile('FROM alpine:3\nRUN <<EOF\n');
    expect(d).toEqual([
      expect.objectContaining({ rule: 'DockerfileParseError', severity: 'error', message: 'dockerfile parse error on line 2: unterminated heredoc' }),
    ]);
    expect(lintDockerfile('')[0]!.message).toContain('file with no instructions');
  });
  it('keeps checking after a bad instruction', () => {
    const d = lintDockerfile('FROM alpine:3\nMAINTAINER me\nCOPPY a b\nUSER 1\n');
    expect(d.map((x) => `${x.range.start.line}:${x.rule}:${x.severity}`)).toEqual([
      '2:MaintainerDeprecated:warning',
      '3:DockerfileParseError:error',
    ]);
  });
  it('UndefinedVar uses the base image env when the caller knows it', () => {
    const text = 'FROM node:20\nUSER node\nWORKDIR /app/$NODE_VERSION\nCOPY $NODE_VERSIN /x\n';
    const known = (ref: string) => (ref === 'node:20' ? ['PATH=/usr/bin', 'NODE_VERSION=20.1.0'] : null);
    expect(lintDockerfile(text, { imageEnv: known, teaching: false }).map((d) => `${d.range.start.line}:${d.message}`)).toEqual([
      "4:Usage of undefined variable '$NODE_VERSIN' (did you mean $NODE_VERSION?)",
    ]);
    expect(lintDockerfile(text, { teaching: false }).map((d) => d.range.start.line)).toEqual([3, 4]);
  });
  it('honours check=error=true and per-instruction check comments', () => {
    expect(lintDockerfile('# check=error=true\nFROM alpine:3\nMAINTAINER x\nUSER 1\n')[0]!.severity).toBe('error');
    expect(rulesOf('FROM alpine:3\n# check=skip=MaintainerDeprecated\nMAINTAINER x\nUSER 1\n')).toEqual([]);
  });
  it('every rule explains itself in English and Simplified Chinese', () => {
    for (const r of lintRules.values()) {
      expect(r.explanation.en.length, r.name).toBeGreaterThan(40);
      expect(r.explanation['zh-CN'], r.name).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(lintDockerfile('FROM alpine:3\nMAINTAINER x\nUSER 1\n')[0]!.explanation?.['zh-CN']).toContain('LABEL');
  });
});
