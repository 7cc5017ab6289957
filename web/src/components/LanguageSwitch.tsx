import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Locale, locales } from '../lib/i18n.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={i18n.resolvedLanguage ?? 'en'}
      onChange={(value) => i18n.changeLanguage(value as Locale)}
      data={locales.map((locale) => ({ value: locale, label: t(`language.short.${locale}`) }))}
    />
  );
}
