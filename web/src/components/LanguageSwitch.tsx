import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../features/auth/AuthProvider.tsx';
import { api } from '../lib/api/client.ts';
import { type Locale, locales } from '../lib/i18n.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const auth = useAuth();

  const choose = async (locale: Locale) => {
    await i18n.changeLanguage(locale);
    // A signed-in person's language is their account's: it is applied again at every page load and
    // their emails are written in it, so it follows the choice made here. Should saving it fail, the
    // page stays in the chosen language until the next load.
    if (auth.status !== 'authenticated' || auth.user?.locale === locale) return;
    const saved = await api.PATCH('/api/v1/users/me', { body: { locale } }).catch(() => null);
    if (saved?.response.ok) await auth.reload();
  };

  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={i18n.resolvedLanguage ?? 'en'}
      onChange={(value) => void choose(value as Locale)}
      data={locales.map((locale) => ({ value: locale, label: t(`language.short.${locale}`) }))}
    />
  );
}
