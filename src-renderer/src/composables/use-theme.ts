import { computed, onScopeDispose, ref, type InjectionKey } from 'vue'
import { DARK_COLORS, LIGHT_COLORS } from '../../../src-shared/present/charts/chart-theme'

/** Light or dark, following the OS (prefers-color-scheme), with the matching chart colours. */
export function useTheme() {
  const query = window.matchMedia('(prefers-color-scheme: dark)')
  const dark = ref(query.matches)
  const onChange = (e: MediaQueryListEvent) => (dark.value = e.matches)
  query.addEventListener('change', onChange)
  onScopeDispose(() => query.removeEventListener('change', onChange))
  const colors = computed(() => (dark.value ? DARK_COLORS : LIGHT_COLORS))
  return { dark, colors }
}

export type Theme = ReturnType<typeof useTheme>
export const ThemeKey: InjectionKey<Theme> = Symbol('theme')
