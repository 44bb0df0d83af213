import { Segmented } from 'antd';
import { useI18n, type Locale } from '../i18n/i18n';

/** 中文 / English, remembered in the browser. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Segmented<Locale>
      aria-label={t('lang.label')}
      data-testid="language-switch"
      value={locale}
      onChange={setLocale}
      options={[
        { label: <span lang="zh-CN">中文</span>, value: 'zh-CN' },
        { label: <span lang="en">English</span>, value: 'en' },
      ]}
    />
  );
}
