/** UI preferences (theme, language), persisted in localStorage. */
export type Theme = 'light' | 'dark';
export type Locale = 'en' | 'zh-CN';

const KEY = 'layerlab:preferences';

function load(): { theme?: Theme; locale?: Locale } {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '{}') as { theme?: Theme; locale?: Locale };
  } catch {
    return {};
  }
}

export class Preferences {
  theme = $state<Theme>('dark');
  locale = $state<Locale>('en');

  constructor() {
    const saved = load();
    const prefersLight = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: light)').matches;
    this.theme = saved.theme ?? (prefersLight ? 'light' : 'dark');
    this.locale = saved.locale ?? (navigator.language.startsWith('zh') ? 'zh-CN' : 'en');
  }

  toggleTheme(): void {
    this.theme = this.theme === 'dark' ? 'light' : 'dark';
    this.save();
  }

  toggleLocale(): void {
    this.locale = this.locale === 'en' ? 'zh-CN' : 'en';
    this.save();
  }

  private save(): void {
    localStorage.setItem(KEY, JSON.stringify({ theme: this.theme, locale: this.locale }));
  }
}
