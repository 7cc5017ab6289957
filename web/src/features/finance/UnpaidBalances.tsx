import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMoney } from '../../lib/organization.ts';
import { type DayStays, unpaidStays } from './ledger.ts';
import { useFinanceAccess } from './use-finance.ts';

/** Arrivals, stays under way and departures of the day with a balance due, each one tap from its stay. */
export function UnpaidBalances({ day, houseName }: { day: DayStays; houseName: (id: string) => string }) {
  const { t } = useTranslation();
  const money = useMoney();
  const access = useFinanceAccess();
  if (!access.write) return null;
  const unpaid = unpaidStays(day);
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="unpaid-balances">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={700} id="unpaid-balances">
            {t('finance.unpaid.title')}
          </Text>
          <Badge variant="light" color={unpaid.length ? 'orange' : 'gray'}>
            {unpaid.length}
          </Badge>
        </Group>
        {unpaid.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('finance.unpaid.none')}
          </Text>
        ) : (
          <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {unpaid.map(({ stay, movement }) => (
              <Group
                key={stay.id}
                component="li"
                justify="space-between"
                wrap="nowrap"
                gap="xs"
                align="flex-start"
              >
                <Stack gap={0} miw={0}>
                  <Anchor component={Link} to={`/reservations/${stay.id}`} fw={600} size="sm">
                    {stay.guestName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {houseName(stay.houseId)} · {t(`finance.unpaid.${movement}`)}
                  </Text>
                </Stack>
                <Text size="sm" fw={600} c="orange.9" style={{ whiteSpace: 'nowrap' }}>
                  {t('finance.unpaid.due', { amount: money(stay.balanceDue) })}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
