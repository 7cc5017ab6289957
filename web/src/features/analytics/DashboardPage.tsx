import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { formatDate } from '../../lib/dates.ts';
import { errorSummary } from '../../lib/form-errors.ts';
import { useMoney, useToday } from '../../lib/organization.ts';
import { useDaily } from '../checklists/use-checklists.ts';
import { UnpaidBalances } from '../finance/UnpaidBalances.tsx';
import { useInstance } from '../home/use-instance.ts';
import { useHouses } from '../houses/use-houses.ts';
import { OPEN_STATUSES, useIssues } from '../maintenance/use-maintenance.ts';
import { ChartCard } from './ChartCard.tsx';
import { addMonths, change, monthTitle, percent, shortMonth } from './metrics.ts';
import { type OccupancyTotals, useOccupancy, usePace } from './use-analytics.ts';

/**
 * The manager's home: what needs doing today (arrivals, departures, houses
 * not ready, urgent work orders, balances to collect), then how the month
 * and the year are going against last year, in charts that switch to tables.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const today = useToday();
  const month = today.slice(0, 7);
  const instance = useInstance();

  // The instance answers first of all: when it cannot be reached, nothing below can be either.
  if (instance.isPending) return <LoadingState />;
  if (instance.isError) return <ErrorState onRetry={() => instance.refetch()} />;
  return (
    <Stack gap="lg">
      <Stack gap={2}>
        <Group gap="sm" align="center">
          <Title order={2}>{t('home.welcome', { name: instance.data.name })}</Title>
          <Badge variant="light" color="gray">
            {t('home.version', { version: instance.data.version })}
          </Badge>
        </Group>
        <Text c="dimmed" size="sm">
          {t('dashboard.subtitle', {
            date: formatDate(today, i18n.resolvedLanguage, {
              weekday: 'long',
              day: 'numeric',
              month: 'long',
            }),
          })}
        </Text>
      </Stack>
      <TodayCards today={today} />
      <MonthFigures month={month} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <OccupancyChart month={month} />
        <PaceChart />
      </SimpleGrid>
      <RevenueByHouseChart year={month.slice(0, 4)} />
    </Stack>
  );
}

/** Today's movements and what stands in their way, each a tap from where it is dealt with. */
function TodayCards({ today }: { today: string }) {
  const { t } = useTranslation();
  const daily = useDaily(today);
  const urgent = useIssues({ status: [...OPEN_STATUSES], priority: ['urgent'] }, { limit: 10 });
  const houses = useHouses();
  const houseName = (id: string) => houses.data?.find((house) => house.id === id)?.name ?? '';
  if (daily.isPending) return <LoadingState />;
  if (daily.isError)
    return <ErrorState message={errorSummary(t, daily.error)} onRetry={() => daily.refetch()} />;
  const urgentOrders = urgent.data?.pages.flatMap((page) => page.items) ?? [];
  const moreUrgent = Boolean(urgent.data?.pages.at(-1)?.nextCursor);
  const counts = [
    { key: 'arrivals', count: String(daily.data.arrivals.length), to: '/today', alert: false },
    { key: 'departures', count: String(daily.data.departures.length), to: '/today', alert: false },
    {
      key: 'notReady',
      count: String(daily.data.notReady.length),
      to: '/today',
      alert: daily.data.notReady.length > 0,
    },
    {
      key: 'urgent',
      count: urgent.isPending ? '…' : `${urgentOrders.length}${moreUrgent ? '+' : ''}`,
      to: '/maintenance?priority=urgent',
      alert: urgentOrders.length > 0,
    },
  ];
  return (
    <Stack gap="sm" component="section" aria-labelledby="dashboard-today">
      <Title order={3} size="h4" id="dashboard-today">
        {t('dashboard.today')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        {counts.map((item) => (
          <Card key={item.key} withBorder padding="sm" component={Link} to={item.to}>
            <Text size="sm" c="dimmed">
              {t(`dashboard.counts.${item.key}`)}
            </Text>
            <Text fz={28} fw={700} c={item.alert ? 'red.8' : undefined}>
              {item.count}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      {urgentOrders.length > 0 && (
        <Card withBorder padding="sm">
          <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {urgentOrders.map((order) => (
              <Group key={order.id} component="li" gap="xs" wrap="nowrap">
                <Badge color="red" variant="light" size="sm" style={{ flexShrink: 0 }}>
                  {t(`maintenance.status.${order.status}`)}
                </Badge>
                <Anchor component={Link} to={`/maintenance/${order.id}`} size="sm">
                  {order.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {houseName(order.houseId)}
                </Text>
              </Group>
            ))}
          </Stack>
        </Card>
      )}
      <UnpaidBalances day={daily.data} houseName={houseName} />
    </Stack>
  );
}

/** This month so far and to come (stays booked), beside the same month last year. */
function MonthFigures({ month }: { month: string }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const language = i18n.resolvedLanguage;
  const range = { from: `${month}-01`, to: `${addMonths(month, 1)}-01` };
  const occupancy = useOccupancy({ ...range, groupBy: 'month', compare: true });
  if (occupancy.isPending) return <LoadingState />;
  if (occupancy.isError) {
    return <ErrorState message={errorSummary(t, occupancy.error)} onRetry={() => occupancy.refetch()} />;
  }
  const now = occupancy.data.totals;
  const before = occupancy.data.previousYear?.totals;
  const figures: {
    key: string;
    value: string;
    kind: 'rate' | 'amount';
    of: (totals: OccupancyTotals) => number;
  }[] = [
    { key: 'occupancy', value: percent(now.occupancy, language), kind: 'rate', of: (x) => x.occupancy },
    { key: 'revenue', value: money(now.revenue), kind: 'amount', of: (x) => Number(x.revenue) },
    { key: 'adr', value: money(now.adr), kind: 'amount', of: (x) => Number(x.adr) },
    { key: 'revpar', value: money(now.revpar), kind: 'amount', of: (x) => Number(x.revpar) },
  ];
  const monthLabel = monthTitle(month, language);
  return (
    <Stack gap="sm" component="section" aria-labelledby="dashboard-month">
      <Group justify="space-between" align="baseline">
        <Title order={3} size="h4" id="dashboard-month" tt="capitalize">
          {monthLabel}
        </Title>
        <Anchor component={Link} to="/analytics" size="sm">
          {t('dashboard.allAnalytics')}
        </Anchor>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        {figures.map((figure) => {
          // A year when the houses were not in use yet has nothing to compare with.
          const delta =
            before && before.availableNights > 0
              ? change(figure.of(now), figure.of(before), figure.kind)
              : null;
          return (
            <Card key={figure.key} withBorder padding="sm">
              <Text size="sm" c="dimmed">
                {t(`analytics.metrics.${figure.key}`)}
              </Text>
              <Text fz={24} fw={700}>
                {figure.value}
              </Text>
              <Text
                size="xs"
                c={delta?.direction === 'down' ? 'red.8' : delta?.direction === 'up' ? 'green.9' : 'dimmed'}
              >
                {delta
                  ? t(figure.kind === 'rate' ? 'dashboard.pointsVsLastYear' : 'dashboard.percentVsLastYear', {
                      value: `${delta.points > 0 ? '+' : ''}${new Intl.NumberFormat(language).format(delta.points)}`,
                    })
                  : t('dashboard.noLastYear')}
              </Text>
            </Card>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}

/** The last twelve months' occupancy, each beside the same month a year earlier. */
function OccupancyChart({ month }: { month: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  const first = addMonths(month, -11);
  const occupancy = useOccupancy({
    from: `${first}-01`,
    to: `${addMonths(month, 1)}-01`,
    groupBy: 'month',
    compare: true,
  });
  if (occupancy.isPending) return <LoadingState />;
  if (occupancy.isError) {
    return <ErrorState message={errorSummary(t, occupancy.error)} onRetry={() => occupancy.refetch()} />;
  }
  const lastYear = occupancy.data.previousYear?.rows ?? [];
  const data = occupancy.data.rows.map((row, index) => ({
    label: shortMonth(row.month ?? '', language, month.slice(0, 4)),
    thisYear: row.occupancy,
    lastYear: lastYear[index]?.occupancy ?? 0,
  }));
  return (
    <ChartCard
      title={t('dashboard.charts.occupancy')}
      description={t('dashboard.charts.occupancyHint')}
      kind="bar"
      categoryLabel={t('analytics.month')}
      data={data}
      series={[
        { name: 'thisYear', label: t('dashboard.charts.thisYear'), color: 'blue.7' },
        { name: 'lastYear', label: t('dashboard.charts.lastYear'), color: 'gray.6' },
      ]}
      format={(value) => percent(value, language)}
    />
  );
}

/** Nights on the books for the coming months, beside what was booked a year ago by the same date. */
function PaceChart() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  const pace = usePace(6);
  if (pace.isPending) return <LoadingState />;
  if (pace.isError)
    return <ErrorState message={errorSummary(t, pace.error)} onRetry={() => pace.refetch()} />;
  const data = pace.data.rows.map((row) => ({
    label: shortMonth(row.month, language, pace.data.asOf.slice(0, 4)),
    booked: row.bookedNights,
    lastYear: row.lastYear.bookedNights,
  }));
  return (
    <ChartCard
      title={t('dashboard.charts.pace')}
      description={t('dashboard.charts.paceHint')}
      kind="bar"
      categoryLabel={t('analytics.month')}
      data={data}
      series={[
        { name: 'booked', label: t('dashboard.charts.onTheBooks'), color: 'indigo.7' },
        { name: 'lastYear', label: t('dashboard.charts.lastYearSameDay'), color: 'gray.6' },
      ]}
      format={(value) => t('dashboard.nights', { count: value })}
      axisFormat={(value) => new Intl.NumberFormat(language).format(value)}
    />
  );
}

/** This year's accommodation revenue per house, the best first. */
function RevenueByHouseChart({ year }: { year: string }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const houses = useHouses();
  const occupancy = useOccupancy({
    from: `${year}-01-01`,
    to: `${Number(year) + 1}-01-01`,
    groupBy: 'house',
  });
  if (occupancy.isPending) return <LoadingState />;
  if (occupancy.isError) {
    return <ErrorState message={errorSummary(t, occupancy.error)} onRetry={() => occupancy.refetch()} />;
  }
  const compact = new Intl.NumberFormat(i18n.resolvedLanguage, {
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  const data = occupancy.data.rows
    .map((row) => ({
      label: houses.data?.find((house) => house.id === row.houseId)?.name ?? '',
      revenue: Number(row.revenue),
    }))
    .sort((a, b) => b.revenue - a.revenue);
  return (
    <ChartCard
      title={t('dashboard.charts.revenueByHouse', { year })}
      description={t('dashboard.charts.revenueHint')}
      kind="bar"
      horizontal
      categoryLabel={t('analytics.house')}
      data={data}
      series={[{ name: 'revenue', label: t('analytics.metrics.revenue'), color: 'teal.9' }]}
      format={(value) => money(value.toFixed(2))}
      axisFormat={(value) => compact.format(value)}
      empty={t('dashboard.charts.noHouses')}
    />
  );
}
