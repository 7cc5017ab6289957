import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { errorSummary } from '../../lib/form-errors.ts';
import { useMoney, useToday } from '../../lib/organization.ts';
import { addMonths, monthTitle, percent } from '../analytics/metrics.ts';
import { useOccupancy } from '../analytics/use-analytics.ts';
import { useHouses } from '../houses/use-houses.ts';
import { OPEN_STATUSES, useIssues } from '../maintenance/use-maintenance.ts';

/**
 * An owner's home: each of their houses with this year's occupancy and
 * revenue and last month's statement a tap away, the work orders open on
 * them, and their calendar (without guests' contact details).
 */
export function OwnerHome() {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const language = i18n.resolvedLanguage;
  const today = useToday();
  const year = today.slice(0, 4);
  const lastMonth = addMonths(today.slice(0, 7), -1);
  const houses = useHouses();
  const occupancy = useOccupancy({
    from: `${year}-01-01`,
    to: `${Number(year) + 1}-01-01`,
    groupBy: 'house',
  });
  const issues = useIssues({ status: [...OPEN_STATUSES] }, { limit: 10 });
  const lastMonthLabel = monthTitle(lastMonth, language);
  const openOrders = issues.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg" maw={960}>
      <Stack gap={4}>
        <Title order={2}>{t('owner.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('owner.intro')}
        </Text>
      </Stack>
      <Group gap="xs">
        <Button component={Link} to="/calendar" variant="light">
          {t('nav.calendar')}
        </Button>
        <Button component={Link} to="/finance/statements" variant="light">
          {t('statements.title')}
        </Button>
        <Button component={Link} to="/analytics" variant="light">
          {t('analytics.title')}
        </Button>
      </Group>
      <Stack gap="sm" component="section" aria-labelledby="owner-houses">
        <Title order={3} size="h4" id="owner-houses">
          {t('owner.houses', { year })}
        </Title>
        {houses.isPending || occupancy.isPending ? (
          <LoadingState />
        ) : houses.isError ? (
          <ErrorState message={errorSummary(t, houses.error)} onRetry={() => houses.refetch()} />
        ) : occupancy.isError ? (
          <ErrorState message={errorSummary(t, occupancy.error)} onRetry={() => occupancy.refetch()} />
        ) : houses.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('owner.noHouses')}
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {houses.data.map((house) => {
              const row = occupancy.data.rows.find((candidate) => candidate.houseId === house.id);
              return (
                <Card key={house.id} withBorder padding="md">
                  <Stack gap="xs">
                    <Text fw={700}>{house.name}</Text>
                    <Group gap="lg">
                      <Stack gap={0}>
                        <Text size="xs" c="dimmed">
                          {t('analytics.metrics.occupancy')}
                        </Text>
                        <Text fw={600}>{percent(row?.occupancy ?? 0, language)}</Text>
                      </Stack>
                      <Stack gap={0}>
                        <Text size="xs" c="dimmed">
                          {t('analytics.metrics.revenue')}
                        </Text>
                        <Text fw={600}>{money(row?.revenue ?? '0.00')}</Text>
                      </Stack>
                      <Stack gap={0}>
                        <Text size="xs" c="dimmed">
                          {t('analytics.metrics.bookedNights')}
                        </Text>
                        <Text fw={600}>{row?.bookedNights ?? 0}</Text>
                      </Stack>
                    </Group>
                    <Anchor
                      component={Link}
                      to={`/finance/statements?house=${house.id}&month=${lastMonth}`}
                      size="sm"
                    >
                      {t('owner.statementOf', { month: lastMonthLabel })}
                    </Anchor>
                  </Stack>
                </Card>
              );
            })}
          </SimpleGrid>
        )}
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="owner-work">
        <Title order={3} size="h4" id="owner-work">
          {t('owner.workOrders')}
        </Title>
        {issues.isPending ? (
          <LoadingState />
        ) : issues.isError ? (
          <ErrorState message={errorSummary(t, issues.error)} onRetry={() => issues.refetch()} />
        ) : openOrders.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('owner.noWorkOrders')}
          </Text>
        ) : (
          <Card withBorder padding="sm">
            <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {openOrders.map((order) => (
                <Group key={order.id} component="li" gap="xs" wrap="nowrap" justify="space-between">
                  <Stack gap={0} miw={0}>
                    <Anchor component={Link} to={`/maintenance/${order.id}`} size="sm" fw={600}>
                      {order.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {houses.data?.find((house) => house.id === order.houseId)?.name ?? ''}
                    </Text>
                  </Stack>
                  <Badge variant="light" color={order.priority === 'urgent' ? 'red' : 'gray'}>
                    {t(`maintenance.status.${order.status}`)}
                  </Badge>
                </Group>
              ))}
            </Stack>
          </Card>
        )}
      </Stack>
    </Stack>
  );
}
