import type { Locale } from '../state/preferences.svelte.ts';

/**
 * The visualisation tabs' names: the only viz strings in the initial bundle
 * (each visualisation's own strings, viz-text.ts, load with it).
 */
const TAB_NAMES = {
  en: { layers: 'Layers', cow: 'Copy-on-write', build: 'Build cache', cmd: 'CMD/ENTRYPOINT', arch: 'Architecture', explorer: 'Explorer', loading: 'Loading the visualisation…' },
  'zh-CN': { layers: '镜像层', cow: '写时复制', build: '构建缓存', cmd: 'CMD/ENTRYPOINT', arch: '架构', explorer: '镜像浏览', loading: '正在加载可视化…' },
} as const satisfies Record<Locale, Record<string, string>>;

export type VizTab = keyof (typeof TAB_NAMES)['en'];

export function tabName(locale: Locale, tab: VizTab): string {
  return TAB_NAMES[locale][tab];
}
