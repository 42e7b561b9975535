/**
 * The lessons as content: every frontmatter block valid against
 * lessons/schema.json, both languages present for every lesson and step,
 * solution files belonging to real steps, and Markdown that renders without
 * raw HTML. Also the pieces the runner is built from: safe Markdown, class
 * packs, progress reports and the check sentences in both languages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { splitBlocks } from '../../src/app/lessons/lesson-parse.ts';
import { LOCALES, type Check } from '../../src/app/lessons/lesson-model.ts';
import { renderInline, renderMarkdown } from '../../src/app/lessons/markdown.ts';
import { parseClassPack } from '../../src/app/lessons/class-pack.ts';
import { progressReport, readProgressReport, updateStep } from '../../src/app/lessons/progress.ts';
import { describeActual, describeCheck } from '../../src/app/lessons/check-text.ts';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { evaluateChecks } from '../../src/app/lessons/checks.ts';
import { LessonSession, lessonIds, lessonsDir, loadLesson, readLessonFiles } from '../helpers/lessons.ts';

const schema = JSON.parse(readFileSync(join(lessonsDir, 'schema.json'), 'utf8')) as { definitions: Record<string, unknown> };
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(schema, 'lesson');
const validator = (def: string) => ajv.getSchema(`lesson#/definitions/${def}`)!;

/** Where a lesson's files break the schema (every block, both languages), as readable lines. */
function schemaProblems(id: string, files: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  for (const locale of LOCALES) {
    const name = `lesson.${locale}.md`;
    if (files[name] === undefined) {
      problems.push(`${id}/${name} is missing`);
      continue;
    }
    const [meta, ...steps] = splitBlocks(files[name]!, `${id}/${name}`);
    const canonical = locale === 'en';
    const check = (def: string, data: unknown, where: string) => {
      const validate = validator(def);
      if (!validate(data)) problems.push(...validate.errors!.map((e) => `${where} ${e.instancePath} ${e.message}`));
    };
    check(canonical ? 'lessonMeta' : 'translatedLessonMeta', meta!.data, `${name}:${meta!.line}`);
    for (const b of steps) check(canonical ? 'step' : 'translatedStep', b.data, `${name}:${b.line}`);
    if (!meta!.body) problems.push(`${name}: no introduction`);
  }
  return problems;
}

describe('lesson content', () => {
  const ids = lessonIds();

  it('has at least 14 lessons, numbered in course order', () => {
    expect(ids.length).toBeGreaterThanOrEqual(14);
    expect(ids.map((id) => Number(id.slice(0, 2)))).toEqual(ids.map((_, i) => i + 1));
  });

  for (const id of ids) {
    it(`${id}: every block matches the schema, in both languages`, () => {
      expect(schemaProblems(id, readLessonFiles(id))).toEqual([]);
    });

    it(`${id}: every step has its title, hints and text in English and Chinese, with the same number of hints`, () => {
      const lesson = loadLesson(id);
      for (const locale of LOCALES) {
        expect(lesson.text[locale]?.title, `${id} ${locale}`).toBeTruthy();
        expect(lesson.text[locale]?.summary, `${id} ${locale}`).toBeTruthy();
      }
      for (const step of lesson.steps) {
        for (const locale of LOCALES) {
          const t = step.text[locale];
          expect(t, `${id}/${step.id} in ${locale}`).toBeDefined();
          expect(t!.title && t!.body && t!.hints.length > 0, `${id}/${step.id} in ${locale}`).toBeTruthy();
        }
        expect(step.text['zh-CN']!.hints.length, `${id}/${step.id}: hints in both languages`).toBe(step.text.en!.hints.length);
        expect(/[\u4e00-\u9fff]/.test(step.text['zh-CN']!.body + step.text['zh-CN']!.title), `${id}/${step.id}: Chinese text`).toBe(true);
        expect(step.solution.run.length + Object.keys(step.solution.files).length, `${id}/${step.id}: a solution`).toBeGreaterThan(0);
      }
      const stepIds = new Set(lesson.steps.map((s) => s.id));
      for (const path of Object.keys(readLessonFiles(id)).filter((p) => p.startsWith('solution/'))) {
        expect(stepIds.has(path.split('/')[1]!), `${id}/${path} belongs to a step`).toBe(true);
      }
    });

    it(`${id}: Markdown renders without raw HTML`, () => {
      const lesson = loadLesson(id);
      const texts = LOCALES.flatMap((l) => [lesson.text[l]!.body, ...lesson.steps.flatMap((s) => [s.text[l]!.body, ...s.text[l]!.hints])]);
      for (const t of texts) expect(unsafeHtml(renderMarkdown(t))).toEqual([]);
    });
  }
});

/**
 * Every `<` the renderer emits opens a real tag (text is escaped), so scanning
 * the tags is enough: only allowed elements, only allowed attributes, and
 * links only to http(s), mailto or an anchor.
 */
function unsafeHtml(html: string): string[] {
  const TAGS = new Set(['p', 'code', 'pre', 'a', 'strong', 'em', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'blockquote', 'hr', 'br', 'span', 'button', 's']);
  const ATTRS = new Set(['href', 'target', 'rel', 'class', 'type', 'data-run', 'style', 'start']);
  const problems: string[] = [];
  for (const [, name, attrs] of html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    if (!TAGS.has(name!.toLowerCase())) problems.push(`element <${name}>`);
    const rest = attrs!.replace(/\s([a-z-]+)="([^"]*)"/g, (_m, attr: string, value: string) => {
      if (!ATTRS.has(attr)) problems.push(`attribute ${attr}`);
      if (attr === 'href' && !/^(https?:\/\/|mailto:|#)/i.test(value)) problems.push(`href ${value}`);
      if (attr === 'style' && !/^text-align:(left|right|center)$/.test(value)) problems.push(`style ${value}`);
      return '';
    });
    if (rest.replace(/\/$/, '').trim() !== '') problems.push(`unparsed attributes ${rest}`);
  }
  return problems;
}

describe('lesson Markdown is safe by construction', () => {
  const attacks = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[click](  javascript:alert(1))',
    '[click](java\tscript:alert(1))',
    '[click](&#106;avascript:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[x](vbscript:msgbox(1))',
    '![x](javascript:alert(1))',
    '![x](https://example.com/x.png)',
    '<a href="javascript:alert(1)">x</a>',
    '<div onclick="alert(1)">x</div>',
    '```sh\ndocker run "><img src=x onerror=alert(1)>\n```',
    '```"><script>alert(1)</script>\nx\n```',
    '[x](https://example.com/" onmouseover="alert(1))',
    '<svg/onload=alert(1)>',
    '`<script>`',
    '<javascript:alert(1)>',
    '[a]: javascript:alert(1)\n\n[x][a]',
  ];
  for (const attack of attacks) {
    it(`neutralises ${JSON.stringify(attack)}`, () => {
      expect(unsafeHtml(renderMarkdown(attack))).toEqual([]);
      expect(unsafeHtml(renderInline(attack))).toEqual([]);
    });
  }

  it('keeps safe links (opened in a new tab) and turns docker blocks into run buttons', () => {
    expect(renderMarkdown('[docs](https://docs.docker.com/)')).toContain('<a href="https://docs.docker.com/" target="_blank" rel="noopener noreferrer">docs</a>');
    const html = renderMarkdown("```sh\ndocker run --name x busybox sh -c 'echo \"hi\" > /a'\n```");
    expect(html).toContain('data-run="docker run --name x busybox sh -c \'echo &quot;hi&quot; &gt; /a\'"');
    expect(renderMarkdown('```sh\nls -l\n```')).not.toContain('data-run');
  });
});

describe('class packs', () => {
  const ids = lessonIds();
  const custom = { 'lesson.en.md': '---\ntitle: Ours\nsummary: S\n---\nIntro\n\n---\nid: one\ntitle: One\nhints: [h]\nchecks:\n  - kind: image\n    image: ours\n---\nBody\n' };

  it('mixes built-in lessons and a teacher\'s own', () => {
    const pack = parseClassPack(JSON.stringify({ format: 'layerlab-class-pack/1', title: 'Week 3', lessons: [ids[3], { id: 'ours', files: custom }] }), ids);
    expect(pack.title).toBe('Week 3');
    expect(pack.entries[0]).toEqual({ builtin: ids[3] });
    const own = pack.entries[1]!;
    expect('lesson' in own && own.lesson.steps[0]!.checks).toEqual([{ kind: 'image', image: 'ours' }] satisfies Check[]);
  });

  it('the example pack (public/packs/week-1.json) opens, and its own lesson passes after its solution', async () => {
    const pack = parseClassPack(readFileSync(join(lessonsDir, '../public/packs/week-1.json'), 'utf8'), ids);
    expect(pack.entries.length).toBe(6);
    const own = pack.entries.at(-1)!;
    if (!('lesson' in own)) throw new Error('the last entry is the pack\'s own lesson');
    const raw = (JSON.parse(readFileSync(join(lessonsDir, '../public/packs/week-1.json'), 'utf8')) as { lessons: { files?: Record<string, string> }[] }).lessons.at(-1)!;
    expect(schemaProblems(own.lesson.id, raw.files!)).toEqual([]);
    const session = new LessonSession(createEngine(testDeps()));
    session.writeFiles(own.lesson.start);
    const step = own.lesson.steps[0]!;
    expect((await evaluateChecks(step.checks, session.env())).some((r) => !r.pass)).toBe(true);
    for (const line of step.solution.run) await session.run(line);
    expect((await evaluateChecks(step.checks, session.env())).every((r) => r.pass)).toBe(true);
  });

  it('refuses what is not a pack, with a reason', () => {
    expect(() => parseClassPack('nope', ids)).toThrow(/not JSON/);
    expect(() => parseClassPack('{"format":"x","lessons":[]}', ids)).toThrow(/layerlab-class-pack\/1/);
    expect(() => parseClassPack('{"format":"layerlab-class-pack/1","lessons":["99-nothing"]}', ids)).toThrow(/no built-in lesson/);
    expect(() => parseClassPack('{"format":"layerlab-class-pack/1","lessons":[{"id":"x","files":{"lesson.en.md":"no frontmatter"}}]}', ids)).toThrow(/frontmatter/);
  });
});

describe('progress reports', () => {
  it('summarise each lesson and detect an edited file', () => {
    let p = updateStep({}, 'a', 's1', (s) => ({ ...s, completedAt: 1, hintsShown: 2 }));
    p = updateStep(p, 'a', 's2', (s) => ({ ...s, solutionShown: true }));
    const report = progressReport(p, [{ id: 'a', steps: ['s1', 's2'] }], ' Ada ', 'Layerlab', new Date(0));
    expect(report.learner).toBe('Ada');
    expect(report.lessons).toEqual([{ id: 'a', steps: 2, passed: 1, hints: 2, solutions: 1 }]);
    expect(readProgressReport(JSON.stringify(report))!.intact).toBe(true);
    const edited = JSON.stringify({ ...report, lessons: [{ ...report.lessons[0], passed: 2 }] });
    expect(readProgressReport(edited)!.intact).toBe(false);
    expect(readProgressReport('{}')).toBeNull();
  });
});

describe('check sentences', () => {
  it('describe every check of every lesson in both languages, without placeholders', () => {
    for (const id of lessonIds()) {
      for (const step of loadLesson(id).steps) {
        for (const c of step.checks) {
          const en = describeCheck(c, 'en');
          const zh = describeCheck(c, 'zh-CN');
          expect(en).not.toMatch(/undefined|\[object/);
          expect(zh).not.toMatch(/undefined|\[object/);
          expect(/[\u4e00-\u9fff]/.test(zh), `${id}/${step.id}: ${zh}`).toBe(true);
        }
      }
    }
    expect(describeActual({ code: 'no-container', name: 'cow' }, 'en')).toBe('there is no container `cow`');
    expect(describeActual({ code: 'no-container', name: 'cow' }, 'zh-CN')).toBe('没有容器 `cow`');
  });
});
