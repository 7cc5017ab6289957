import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOrganization } from '../../lib/organization.ts';
import { useHouses } from '../houses/use-houses.ts';
import { amountOf, centsOf, type LedgerEntry } from './ledger.ts';

/**
 * Signed money in the organization's currency and the user's language: "+€300.00", "−40,00 €".
 * Takes cents, or an API amount.
 */
export function useSignedMoney(): (value: number | string) => string {
  const organization = useOrganization();
  const { i18n } = useTranslation();
  const formatter = new Intl.NumberFormat(i18n.resolvedLanguage, {
    style: 'currency',
    currency: organization.data?.currency ?? 'EUR',
    signDisplay: 'exceptZero',
  });
  return (value) => formatter.format(Number(typeof value === 'number' ? amountOf(value) : value));
}

/** A house's name, or the whole organization's for an entry of no house. */
export function useHouseName(): (houseId: string | null | undefined) => string {
  const { t } = useTranslation();
  const houses = useHouses();
  return (houseId) =>
    houseId ? (houses.data?.find((house) => house.id === houseId)?.name ?? '') : t('finance.organization');
}

/** The colour of money: green in, red out, grey when held (deposits are neither). */
export const amountColor = (cents: number, held = false) =>
  held || cents === 0 ? undefined : cents > 0 ? 'teal.9' : 'red.9';

/** An entry's amount with its sign: an income adds, an expense takes away, a deposit is only held. */
export function EntryAmount({ entry, size = 'sm' }: { entry: LedgerEntry; size?: string }) {
  const signed = useSignedMoney();
  const cents = entry.type === 'income' ? centsOf(entry.amount) : -centsOf(entry.amount);
  return (
    <Text size={size} fw={600} c={amountColor(cents, entry.held)} style={{ whiteSpace: 'nowrap' }}>
      {signed(cents)}
    </Text>
  );
}

/** What kind of entry it is: posted by the system, held for a guest, a correction of another. */
export function EntryBadges({ entry }: { entry: LedgerEntry }) {
  const { t } = useTranslation();
  const badges = [
    entry.origin === 'adjustment'
      ? { key: 'adjustment', color: 'violet', label: t('finance.badges.adjustment') }
      : entry.system
        ? { key: 'system', color: 'gray', label: t('finance.badges.system') }
        : null,
    entry.held ? { key: 'held', color: 'orange', label: t('finance.badges.held') } : null,
  ].filter((badge) => badge !== null);
  if (badges.length === 0) return null;
  return (
    <Group gap={4} wrap="wrap">
      {badges.map((badge) => (
        <Badge key={badge.key} color={badge.color} variant="light" size="sm">
          {badge.label}
        </Badge>
      ))}
    </Group>
  );
}
