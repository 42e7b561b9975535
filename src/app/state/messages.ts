import type { Locale } from './preferences.svelte.ts';

/** UI strings in English and Simplified Chinese. */
const MESSAGES = {
  en: {
    tagline: 'Docker, computed for real, in your browser',
    terminal: 'Terminal',
    editor: 'Editor',
    visualise: 'Visualise',
    events: 'Engine events',
    noEvents: 'No events yet. Type a docker command in the terminal.',
    loadingEditor: 'Loading the editor…',
    themeDark: 'Dark theme',
    themeLight: 'Light theme',
    language: '中文',
    welcome: 'Welcome to Layerlab. Everything runs in this tab: try `docker version`.',
    engineStarting: 'Starting the engine…',
  },
  'zh-CN': {
    tagline: '在浏览器里真实计算的 Docker',
    terminal: '终端',
    editor: '编辑器',
    visualise: '可视化',
    events: '引擎事件',
    noEvents: '还没有事件。在终端里输入一条 docker 命令试试。',
    loadingEditor: '正在加载编辑器…',
    themeDark: '深色主题',
    themeLight: '浅色主题',
    language: 'English',
    welcome: '欢迎使用 Layerlab。一切都在这个标签页里运行：试试 `docker version`。',
    engineStarting: '正在启动引擎…',
  },
} as const;

export type MessageKey = keyof (typeof MESSAGES)['en'];

export function t(locale: Locale, key: MessageKey): string {
  return MESSAGES[locale][key];
}
