import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './messages.en';
import { zhCN, type MessageKey } from './messages.zh-CN';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'flw.locale';

export type Translate = (key: MessageKey, values?: Readonly<Record<string, string | number>>) => string;

interface I18n {
  readonly locale: Locale;
  readonly setLocale: (locale: Locale) => void;
  readonly t: Translate;
  /** Picks the catalogue's name in the current language. */
  readonly nameOf: (name: { zh: string; en: string } | null | undefined, fallback?: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

function storedLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'zh-CN' ? stored : 'zh-CN';
}

export function isMessageKey(key: string): key is MessageKey {
  return key in zhCN;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLocaleState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = MESSAGES[locale]['app.title'];
  }, [locale]);
  const value = useMemo<I18n>(() => {
    const messages = MESSAGES[locale];
    // A key the type let through from the server's words (a service or kind this console does not know yet) shows as itself, not as a broken page.
    const t: Translate = (key, values) => (messages[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (values && name in values ? String(values[name]) : whole));
    const nameOf: I18n['nameOf'] = (name, fallback = '') => (name ? (locale === 'en' ? name.en : name.zh) : fallback);
    return { locale, setLocale, t, nameOf };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n is used outside I18nProvider');
  return context;
}
