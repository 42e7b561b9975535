/**
 * Completion, hover and formatting for Dockerfiles from rcjsuen's
 * dockerfile-language-service (LSP shapes, 0-based) adapted to Monaco
 * (1-based). Diagnostics do not come from here: they are the engine's own.
 */
import * as monaco from 'monaco-editor/editor';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { Util as DockerfileAstUtil } from 'dockerfile-ast/lib/util';

// dockerfile-ast (the service's parser) tests for a byte-order mark with Node's Buffer, which a
// browser lacks. A UTF-8 BOM is exactly the character U+FEFF, so the same test needs no Buffer.
DockerfileAstUtil.isUTF8BOM = (char: string) => char === '\uFEFF';

type LspRange = { start: { line: number; character: number }; end: { line: number; character: number } };

const toRange = (r: LspRange): monaco.IRange => ({
  startLineNumber: r.start.line + 1,
  startColumn: r.start.character + 1,
  endLineNumber: r.end.line + 1,
  endColumn: r.end.character + 1,
});
const toPosition = (p: monaco.Position) => ({ line: p.lineNumber - 1, character: p.column - 1 });

/** LSP CompletionItemKind → Monaco's (the numbering differs). */
function kindOf(kind: number | undefined): monaco.languages.CompletionItemKind {
  const K = monaco.languages.CompletionItemKind;
  switch (kind) {
    case 14:
      return K.Keyword;
    case 10:
      return K.Property;
    case 12:
      return K.Value;
    case 15:
      return K.Snippet;
    case 6:
      return K.Variable;
    case 19:
      return K.Folder;
    default:
      return K.Text;
  }
}

function markdownOf(doc: unknown): string | undefined {
  if (typeof doc === 'string') return doc;
  if (doc && typeof doc === 'object' && 'value' in doc) return String((doc as { value: unknown }).value);
  return undefined;
}

/** Tags after `FROM image:` would be fetched from Docker Hub: never from a sandboxed tab. */
const FROM_TAG = /^\s*from\s+(?:--\S+\s+)*\S+:\S*$/i;

export function registerDockerfileServices(languageId: string): monaco.IDisposable[] {
  const service = DockerfileLanguageServiceFactory.createLanguageService();
  service.setCapabilities({
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
    hover: { contentFormat: ['markdown'] },
  });
  return [
    monaco.languages.registerCompletionItemProvider(languageId, {
      triggerCharacters: [' ', '-', '=', '$', '{'],
      async provideCompletionItems(model, position) {
        const before = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
        if (FROM_TAG.test(before)) return { suggestions: [] };
        const items = await service.computeCompletionItems(model.getValue(), toPosition(position));
        const word = model.getWordUntilPosition(position);
        const fallback = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
        const suggestions = items.map((item) => {
          const edit = item.textEdit && 'range' in item.textEdit ? item.textEdit : undefined;
          const documentation = markdownOf(item.documentation);
          return {
            label: item.label,
            kind: kindOf(item.kind),
            detail: item.detail,
            documentation: documentation ? { value: documentation } : undefined,
            insertText: edit?.newText ?? item.insertText ?? item.label,
            insertTextRules: item.insertTextFormat === 2 ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
            range: edit ? toRange(edit.range) : fallback,
          };
        });
        return { suggestions };
      },
    }),
    monaco.languages.registerHoverProvider(languageId, {
      provideHover(model, position) {
        const hover = service.computeHover(model.getValue(), toPosition(position));
        if (!hover) return null;
        const parts = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
        const contents = parts.map((p) => ({ value: markdownOf(p) ?? '' })).filter((p) => p.value !== '');
        return { contents, range: hover.range ? toRange(hover.range) : undefined };
      },
    }),
    monaco.languages.registerDocumentFormattingEditProvider(languageId, {
      provideDocumentFormattingEdits(model, options) {
        return service.format(model.getValue(), { tabSize: options.tabSize, insertSpaces: options.insertSpaces }).map((e) => ({ range: toRange(e.range), text: e.newText }));
      },
    }),
  ];
}
