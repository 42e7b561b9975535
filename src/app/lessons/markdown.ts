/**
 * Lesson Markdown → HTML, safe by construction: markdown-it with raw HTML
 * off (every `<` in the source is escaped), no images, and links limited to
 * http(s), mailto and in-page anchors, so no event handler or `javascript:`
 * URL can come out whatever a lesson or a teacher's class pack says.
 * A fenced block whose every line is a `docker …` command gets a button that
 * types it into the terminal (the pane handles clicks on `button[data-run]`).
 */
import MarkdownIt from 'markdown-it';

const SAFE_LINK = /^(https?:\/\/|mailto:|#)/i;

function createRenderer(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
  md.disable(['image']);
  md.validateLink = (url) => SAFE_LINK.test(url.trim());
  const escape = md.utils.escapeHtml;

  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    if (!(token.attrGet('href') ?? '').startsWith('#')) {
      token.attrSet('target', '_blank');
      token.attrSet('rel', 'noopener noreferrer');
    }
    return defaultLinkOpen(tokens, idx, options, env, self);
  };

  md.renderer.rules.fence = (tokens, idx) => {
    const token = tokens[idx]!;
    const code = token.content.replace(/\n$/, '');
    const lines = code.split('\n').filter((l) => l.trim() !== '');
    const runnable = lines.length > 0 && lines.every((l) => /^\s*docker\s/.test(l));
    const buttons = runnable
      ? `<span class="run-buttons">${lines.map((l) => `<button type="button" class="run" data-run="${escape(l.trim())}">▶ ${escape(l.trim())}</button>`).join('')}</span>`
      : '';
    const lang = token.info.trim().split(/\s+/)[0] ?? '';
    const cls = /^[a-z0-9-]+$/i.test(lang) ? ` class="language-${lang}"` : '';
    return `<pre><code${cls}>${escape(code)}</code></pre>${buttons}\n`;
  };
  return md;
}

let renderer: MarkdownIt | undefined;

/** Renders lesson Markdown to HTML that is safe to insert. */
export function renderMarkdown(source: string): string {
  renderer ??= createRenderer();
  return renderer.render(source);
}

/** Renders one line of inline Markdown (check sentences, hints): code spans and emphasis, no paragraphs. */
export function renderInline(source: string): string {
  renderer ??= createRenderer();
  return renderer.renderInline(source);
}
