import { describe, expect, it } from 'vitest';
import { Layout, PANE_BOUNDS } from '../../src/app/state/layout.svelte.ts';
import { MESSAGE_KEYS, t } from '../../src/app/state/messages.ts';
import { loadCommandHistory, saveCommandHistory } from '../../src/app/state/command-history.ts';

/** An in-memory localStorage. */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('Layout', () => {
  it('clamps every pane to its bounds and remembers sizes for the next visit', () => {
    const storage = memoryStorage();
    const layout = new Layout(storage);
    expect(layout.sizes.main).toBe(PANE_BOUNDS.main.initial);
    layout.step('main', -2);
    expect(layout.sizes.main).toBe(PANE_BOUNDS.main.initial - 2);
    layout.set('files', 1000);
    expect(layout.sizes.files).toBe(PANE_BOUNDS.files.max);
    layout.set('editor', -5);
    expect(layout.sizes.editor).toBe(PANE_BOUNDS.editor.min);
    layout.toggleLesson();
    const again = new Layout(storage);
    expect(again.sizes.files).toBe(PANE_BOUNDS.files.max);
    expect(again.sizes).toEqual(layout.sizes);
    expect(again.lessonOpen).toBe(false);
    again.reset('files');
    expect(again.sizes.files).toBe(PANE_BOUNDS.files.initial);
  });

  it('ignores damaged saved sizes', () => {
    const storage = memoryStorage();
    storage.setItem('layerlab:layout', '{"sizes":{"main":"wide","files":1e9},"lessonOpen":"yes"}');
    const layout = new Layout(storage);
    expect(layout.sizes.main).toBe(PANE_BOUNDS.main.initial);
    expect(layout.sizes.files).toBe(PANE_BOUNDS.files.max);
    expect(layout.lessonOpen).toBe(true);
    storage.setItem('layerlab:layout', 'not json');
    expect(new Layout(storage).sizes.editor).toBe(PANE_BOUNDS.editor.initial);
  });
});

describe('UI messages', () => {
  it('has every string in both languages, with the same placeholders', () => {
    for (const key of MESSAGE_KEYS) {
      const en = t('en', key);
      const zh = t('zh-CN', key);
      expect(zh, key).toBeTruthy();
      expect(en, key).toBeTruthy();
      const holes = (s: string) => [...s.matchAll(/\{\w+\}/g)].map((m) => m[0]).sort();
      expect(holes(zh), key).toEqual(holes(en));
    }
  });
});

describe('command history storage', () => {
  it('round-trips lines and survives damaged data', () => {
    const storage = memoryStorage();
    saveCommandHistory(['docker version', 'docker info'], storage);
    expect(loadCommandHistory(storage)).toEqual(['docker version', 'docker info']);
    storage.setItem('layerlab:history', '[1, "docker ps", null]');
    expect(loadCommandHistory(storage)).toEqual(['docker ps']);
    storage.setItem('layerlab:history', '{');
    expect(loadCommandHistory(storage)).toEqual([]);
  });
});
