import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuth } from './AuthProvider.tsx';

/** Shown only to people who belong to several organizations. */
export function OrganizationSwitcher() {
  const { t } = useTranslation();
  const auth = useAuth();
  if (auth.memberships.length < 2 || !auth.organization) return null;
  return (
    <Select
      size="xs"
      aria-label={t('account.organization')}
      value={auth.organization.organizationId}
      allowDeselect={false}
      onChange={(value) => value && auth.switchOrganization(value)}
      data={auth.memberships.map((membership) => ({
        value: membership.organizationId,
        label: membership.organizationName,
      }))}
      maw={200}
    />
  );
}
