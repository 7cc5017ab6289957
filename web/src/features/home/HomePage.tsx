import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useInstance } from './use-instance.ts';

export function HomePage() {
  const { t } = useTranslation();
  const instance = useInstance();

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
      <Card withBorder padding="lg">
        <Text size="sm">{t('home.comingSoon')}</Text>
      </Card>
    </Stack>
  );
}
