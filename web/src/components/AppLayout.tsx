import { AppShell, Burger, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Outlet, NavLink as RouterNavLink } from 'react-router';
import { navigation } from '../app/navigation.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('nav.close') : t('nav.open')}
            />
            <Title order={1} size="h3" c="cyan.8">
              Staykeep
            </Title>
          </Group>
          <LanguageSwitch />
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
        {navigation.map((entry) =>
          entry.external ? (
            <NavLink
              key={entry.to}
              href={entry.to}
              label={t(entry.labelKey)}
              rightSection={
                <Text size="xs" c="dimmed" aria-hidden>
                  ↗
                </Text>
              }
            />
          ) : (
            <NavLink
              key={entry.to}
              component={RouterNavLink}
              to={entry.to}
              end
              label={t(entry.labelKey)}
              onClick={close}
            />
          ),
        )}
      </AppShell.Navbar>

      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
