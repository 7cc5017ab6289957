import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useCanManage } from '../../lib/organization.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { useInstance } from './use-instance.ts';

// The charts weigh more than the rest of a home page: loaded only by those who see them.
const DashboardPage = lazy(() =>
  import('../analytics/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })),
);
const OwnerHome = lazy(() => import('./OwnerHome.tsx').then((m) => ({ default: m.OwnerHome })));

const SHORTCUTS = [
  { to: '/today', key: 'today' },
  { to: '/calendar', key: 'calendar' },
  { to: '/houses', key: 'houses' },
  { to: '/maintenance', key: 'maintenance' },
  { to: '/finance', key: 'finance', managers: true },
  { to: '/guests', key: 'guests', managers: true },
  { to: '/checklist-template', key: 'checklist', managers: true, label: 'nav.checklistTemplate' },
];

/** Parts of the product not built yet: the home page says so instead of promising them. */
const COMING = ['notifications'] as const;

/** Managers land on their dashboard, owners on their houses, the team on its shortcuts. */
export function HomePage() {
  const role = useAuth().organization?.role;
  if (role === 'admin' || role === 'manager' || role === 'owner') {
    return (
      <Suspense fallback={<LoadingState />}>{role === 'owner' ? <OwnerHome /> : <DashboardPage />}</Suspense>
    );
  }
  return <TeamHome />;
}

function TeamHome() {
  const { t } = useTranslation();
  const instance = useInstance();
  const canManage = useCanManage();

  if (instance.isPending) return <LoadingState />;
  if (instance.isError) return <ErrorState onRetry={() => instance.refetch()} />;

  return (
    <Stack gap="lg" maw={720}>
      <Stack gap={6}>
        <Group gap="sm" align="center">
          <Title order={2}>{t('home.welcome', { name: instance.data.name })}</Title>
          <Badge variant="light" color="gray">
            {t('home.version', { version: instance.data.version })}
          </Badge>
        </Group>
        <Text c="dimmed">{t('home.intro')}</Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        {SHORTCUTS.filter((shortcut) => canManage || !shortcut.managers).map((shortcut) => (
          <Card key={shortcut.to} withBorder padding="md" component={Link} to={shortcut.to}>
            <Text fw={600}>{t(shortcut.label ?? `nav.${shortcut.key}`)}</Text>
            <Text size="sm" c="dimmed">
              {t(`home.shortcut.${shortcut.key}`)}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <Stack gap="xs" component="section" aria-labelledby="home-coming">
        <Title order={3} size="h4" id="home-coming">
          {t('home.comingTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          {COMING.map((key) => (
            <Card key={key} withBorder padding="md" bg="gray.0">
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text fw={600}>{t(`home.coming.${key}.title`)}</Text>
                <Badge variant="light" color="gray" size="sm">
                  {t('home.comingBadge')}
                </Badge>
              </Group>
              <Text size="sm" c="dimmed">
                {t(`home.coming.${key}.body`)}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      </Stack>
    </Stack>
  );
}
