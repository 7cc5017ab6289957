import {
  Alert,
  Anchor,
  Badge,
  Card,
  Group,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { formatDate, shiftDate } from '../../lib/dates.ts';
import { errorSummary } from '../../lib/form-errors.ts';
import { useCanManage, useToday } from '../../lib/organization.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { useChannelConflicts } from '../channels/use-channels.ts';
import { useDaily } from '../checklists/use-checklists.ts';
import { UnpaidBalances } from '../finance/UnpaidBalances.tsx';
import { useHouses } from '../houses/use-houses.ts';
import { PendingReports, ReportIssueButton } from '../maintenance/ReportIssue.tsx';
import { MyWorkOrders, UrgentWorkOrders } from '../maintenance/TodayWorkOrders.tsx';
import { hasMoney, type Reservation, STATUS_COLORS } from '../reservations/use-reservations.ts';

/**
 * The team's day on a phone, from the daily operations route: houses not
 * ready for a guest arriving soon first, then arrivals, departures and the
 * turnovers to do, each house one tap from its checklist.
 */
export function TodayPage() {
  const { t, i18n } = useTranslation();
  const today = useToday();
  const [which, setWhich] = useState<'today' | 'tomorrow'>('today');
  const date = which === 'today' ? today : shiftDate(today, 1);
  const daily = useDaily(date);
  const houses = useHouses();
  const canReport = useAuth().organization?.role !== 'owner';
  const houseName = (id: string) => houses.data?.find((house) => house.id === id)?.name ?? '';
  const dayLabel = (value: string) =>
    formatDate(value, i18n.resolvedLanguage, { weekday: 'long', day: 'numeric', month: 'long' });

  return (
    <Stack gap="md" maw={900}>
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Title order={2}>{t('today.title')}</Title>
          <Text c="dimmed" size="sm" tt="capitalize">
            {dayLabel(date)}
          </Text>
        </Stack>
        {canReport && (
          <ReportIssueButton suggestedHouseIds={daily.data?.turnovers.map((turnover) => turnover.houseId)} />
        )}
      </Group>
      <PendingReports />
      <ChannelConflicts houseName={houseName} />
      <SegmentedControl
        value={which}
        onChange={(value) => setWhich(value as 'today' | 'tomorrow')}
        data={[
          { value: 'today', label: t('today.today') },
          { value: 'tomorrow', label: t('today.tomorrow') },
        ]}
        maw={320}
      />
      {daily.isPending ? (
        <LoadingState />
      ) : daily.isError ? (
        <ErrorState message={errorSummary(t, daily.error)} onRetry={() => daily.refetch()} />
      ) : (
        <>
          <UrgentWorkOrders orders={daily.data.urgentWorkOrders} />
          {daily.data.notReady.length > 0 && (
            <Alert color="red" title={t('today.notReadyTitle')} role="alert">
              <Stack gap={4}>
                {daily.data.notReady.map((house) => (
                  <Anchor
                    key={house.houseId}
                    component={Link}
                    to={`/houses/${house.houseId}/checklist`}
                    size="sm"
                  >
                    {t('today.notReadyLine', {
                      house: house.houseName,
                      date: house.nextArrival ? dayLabel(house.nextArrival.checkIn) : '',
                      done: house.done,
                      total: house.total,
                    })}
                  </Anchor>
                ))}
              </Stack>
            </Alert>
          )}
          <Text size="sm" c="dimmed">
            {t('today.inHouse', { count: daily.data.inHouse.length })}
          </Text>
          <MyWorkOrders houseName={houseName} />
          <UnpaidBalances day={daily.data} houseName={houseName} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Movements
              title={t('today.arrivals')}
              stays={daily.data.arrivals}
              houseName={houseName}
              empty={t('today.noArrivals')}
            />
            <Movements
              title={t('today.departures')}
              stays={daily.data.departures}
              houseName={houseName}
              empty={t('today.noDepartures')}
            />
          </SimpleGrid>
          <Card withBorder padding="sm">
            <Stack gap="xs">
              <Group justify="space-between">
                <Text fw={700}>{t('today.turnovers')}</Text>
                <Badge variant="light" color="gray">
                  {daily.data.turnovers.length}
                </Badge>
              </Group>
              {daily.data.turnovers.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('today.noTurnovers')}
                </Text>
              ) : (
                daily.data.turnovers.map((turnover) => (
                  <Card
                    key={turnover.houseId}
                    withBorder
                    padding="xs"
                    radius="sm"
                    component={Link}
                    to={`/houses/${turnover.houseId}/checklist`}
                  >
                    <Group justify="space-between" wrap="nowrap">
                      <Text fw={600}>{turnover.houseName}</Text>
                      <Text size="sm">
                        {turnover.done}/{turnover.total}
                      </Text>
                    </Group>
                    <Progress
                      value={turnover.total ? (turnover.done / turnover.total) * 100 : 100}
                      size="sm"
                      my={6}
                      aria-label={t('today.turnoverProgress', {
                        house: turnover.houseName,
                        done: turnover.done,
                        total: turnover.total,
                      })}
                    />
                    <Text size="xs" c="dimmed">
                      {turnover.nextArrival
                        ? t('today.deadline', { date: dayLabel(turnover.nextArrival.checkIn) })
                        : t('today.noNextArrival')}
                    </Text>
                  </Card>
                ))
              )}
            </Stack>
          </Card>
        </>
      )}
    </Stack>
  );
}

/**
 * Channel events kept out of the calendar because their nights were taken: a
 * double booking waiting for a manager, whatever the day. Staff are refused the
 * route, so it is not asked for them; nothing shows while there is none.
 */
function ChannelConflicts({ houseName }: { houseName: (id: string) => string }) {
  const { t } = useTranslation();
  const canManage = useCanManage();
  const conflicts = useChannelConflicts({ enabled: canManage });
  const byHouse = new Map<string, number>();
  for (const conflict of conflicts.data ?? [])
    byHouse.set(conflict.houseId, (byHouse.get(conflict.houseId) ?? 0) + 1);
  if (byHouse.size === 0) return null;
  return (
    <Alert color="orange" title={t('today.conflictsTitle')} role="alert">
      <Stack gap={4}>
        {[...byHouse].map(([houseId, count]) => (
          <Anchor key={houseId} component={Link} to={`/houses/${houseId}/channels`} size="sm">
            {t('today.conflictsLine', { house: houseName(houseId), count })}
          </Anchor>
        ))}
      </Stack>
    </Alert>
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
                  <Anchor component={Link} to={`/houses/${stay.houseId}/checklist`} size="xs">
                    {t('today.checklist')}
                  </Anchor>
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
