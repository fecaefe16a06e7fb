import { formatNumber, pluralForm } from '../../../shared/format';
import {
  DEFAULT_LOCALE,
  isLocale,
  isMessageKey,
  translate,
  type Locale,
  type MessageKey,
} from '../../../shared/i18n/messages';

export type ThemeChoice = 'system' | 'light' | 'dark';
const THEMES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

const LOCALE_KEY = 'balcao.locale';
const THEME_KEY = 'balcao.theme';

function stored<T>(key: string, valid: (value: unknown) => value is T, fallback: T): T {
  const value = localStorage.getItem(key);
  return valid(value) ? value : fallback;
}

const isTheme = (value: unknown): value is ThemeChoice =>
  typeof value === 'string' && (THEMES as readonly string[]).includes(value);

/** The person's display preferences: language and theme, kept across restarts. */
class Preferences {
  locale = $state<Locale>(stored(LOCALE_KEY, isLocale, DEFAULT_LOCALE));
  theme = $state<ThemeChoice>(stored(THEME_KEY, isTheme, 'system'));

  setLocale(locale: Locale): void {
    this.locale = locale;
    localStorage.setItem(LOCALE_KEY, locale);
  }

  setTheme(theme: ThemeChoice): void {
    this.theme = theme;
    localStorage.setItem(THEME_KEY, theme);
  }
}

export const preferences = new Preferences();

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(preferences.locale, key, params);
}

/**
 * Words with a count ("1 pedido", "2.000 pedidos"): the form Intl.PluralRules picks, falling back to `.other`.
 * Zero has its own words where written ("nenhum pedido"): Portuguese rules put 0 with 1, and "0 pedido" reads wrong.
 */
export function tn(
  base: 'count.orders' | 'count.customers' | 'count.badFields' | 'count.newOrders',
  count: number,
): string {
  const exact = `${base}.zero`;
  const key = count === 0 && isMessageKey(exact) ? exact : `${base}.${pluralForm(count, preferences.locale)}`;
  return t(isMessageKey(key) ? key : `${base}.other`, { count: formatNumber(count, preferences.locale) });
}
