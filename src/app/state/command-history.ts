/**
 * The terminal's command history, kept in localStorage so ↑ and Ctrl-R still
 * find yesterday's commands after a reload. Only the typed lines are stored.
 */
const KEY = 'layerlab:history';
const MAX = 500;

export function loadCommandHistory(storage: Pick<Storage, 'getItem'> = localStorage): string[] {
  try {
    const value: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(-MAX) : [];
  } catch {
    return [];
  }
}

export function saveCommandHistory(lines: readonly string[], storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(KEY, JSON.stringify(lines.slice(-MAX)));
  } catch {
    // A full or disabled storage only costs the history, never the command.
  }
}
