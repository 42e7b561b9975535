/** UI preferences (theme, language, presenter mode), persisted in localStorage. */
export type Theme = 'light' | 'dark';
export type Locale = 'en' | 'zh-CN';

const KEY = 'layerlab:preferences';

interface Saved {
  theme?: unknown;
  locale?: unknown;
  presenter?: unknown;
}

function load(): Saved {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '{}') as Saved;
  } catch {
    return {};
  }
}

export class Preferences {
  theme = $state<Theme>('dark');
  locale = $state<Locale>('en');
  /** Large type for a projector: every panel's font grows. */
  presenter = $state(false);
  /** Font size for the terminal and the editor, in px. */
  readonly codeFontSize = $derived(this.presenter ? 22 : 15);

  constructor() {
    const saved = load();
    const prefersLight = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: light)').matches;
    this.theme = saved.theme === 'light' || saved.theme === 'dark' ? saved.theme : prefersLight ? 'light' : 'dark';
    this.locale = saved.locale === 'en' || saved.locale === 'zh-CN' ? saved.locale : navigator.language.startsWith('zh') ? 'zh-CN' : 'en';
    this.presenter = saved.presenter === true;
  }

  toggleTheme(): void {
    this.theme = this.theme === 'dark' ? 'light' : 'dark';
    this.save();
  }

  toggleLocale(): void {
    this.locale = this.locale === 'en' ? 'zh-CN' : 'en';
    this.save();
  }

  togglePresenter(): void {
    this.presenter = !this.presenter;
    this.save();
  }

  private save(): void {
    try {
      localStorage.setItem(KEY, JSON.stringify({ theme: this.theme, locale: this.locale, presenter: this.presenter }));
    } catch {
      // Private mode or a full storage: preferences last for this visit only.
    }
  }
}
