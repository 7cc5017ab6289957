import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { formatDate, shiftDate } from '../../lib/dates.ts';
import { errorSummary } from '../../lib/form-errors.ts';
import { useToday } from '../../lib/organization.ts';
import { useHouses } from '../houses/use-houses.ts';
import { STATUS_COLORS } from '../reservations/ReservationPage.tsx';
import { hasMoney, type Reservation, useReservations } from '../reservations/use-reservations.ts';

/**
 * The phone view of the next two days: who arrives and who leaves, house by
 * house, for the team on the road. Staff see names and dates, managers also
 * the guest's phone.
 */
export function TodayPage() {
  const { t, i18n } = useTranslation();
  const today = useToday();
  const tomorrow = shiftDate(today, 1);
  // A stay leaving today ends before today's night: start the range a day earlier to catch it.
  const stays = useReservations({ from: shiftDate(today, -1), to: shiftDate(today, 2) });
  const houses = useHouses();
  const houseName = (id: string) => houses.data?.find((house) => house.id === id)?.name ?? '';

  if (stays.isPending) return <LoadingState />;
  if (stays.isError)
    return <ErrorState message={errorSummary(t, stays.error)} onRetry={() => stays.refetch()} />;

  const live = stays.data.filter((stay) => stay.status !== 'cancelled');
  const inHouse = live.filter((stay) => stay.checkIn < today && stay.checkOut > today);
  return (
    <Stack gap="lg" maw={900}>
      <Stack gap={4}>
        <Title order={2}>{t('today.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('today.inHouse', { count: inHouse.length })}
        </Text>
      </Stack>
      {[today, tomorrow].map((day) => (
        <Stack key={day} gap="sm">
          <Title order={3} size="h4" tt="capitalize">
            {day === today ? t('today.today') : t('today.tomorrow')} ·{' '}
            {formatDate(day, i18n.resolvedLanguage, { weekday: 'long', day: 'numeric', month: 'long' })}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Movements
              title={t('today.arrivals')}
              stays={live.filter((stay) => stay.checkIn === day)}
              houseName={houseName}
              empty={t('today.noArrivals')}
            />
            <Movements
              title={t('today.departures')}
              stays={live.filter((stay) => stay.checkOut === day)}
              houseName={houseName}
              empty={t('today.noDepartures')}
            />
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  );
}

function Movements({
  title,
  stays,
  houseName,
  empty,
}: {
  title: string;
  stays: Reservation[];
  houseName: (id: string) => string;
  empty: string;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={700}>{title}</Text>
          <Badge variant="light" color="gray">
            {stays.length}
          </Badge>
        </Group>
        {stays.length === 0 ? (
          <Text size="sm" c="dimmed">
            {empty}
          </Text>
        ) : (
          stays.map((stay) => (
            <Card key={stay.id} withBorder padding="xs" radius="sm">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={0}>
                  <Anchor component={Link} to={`/reservations/${stay.id}`} fw={600}>
                    {houseName(stay.houseId)}
                  </Anchor>
                  <Text size="sm">{stay.guestName}</Text>
                  <Text size="xs" c="dimmed">
                    {t('today.people', { count: stay.guests })} ·{' '}
                    {t('reservations.nights', { count: stay.nights })}
                  </Text>
                  {hasMoney(stay) && stay.guestPhone && (
                    <Anchor href={`tel:${stay.guestPhone}`} size="sm">
                      {stay.guestPhone}
                    </Anchor>
                  )}
                </Stack>
                <Badge color={STATUS_COLORS[stay.status]} variant="light">
                  {t(`reservations.status.${stay.status}`)}
                </Badge>
              </Group>
            </Card>
          ))
        )}
      </Stack>
    </Card>
  );
}
