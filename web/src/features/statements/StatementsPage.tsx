import { Badge, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScrollingTable } from '../../components/ScrollingTable.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { formatDate } from '../../lib/dates.ts';
import { errorSummary } from '../../lib/form-errors.ts';
import { useMoney, useToday } from '../../lib/organization.ts';
import { useSearchParam } from '../../lib/search-params.ts';
import { addMonths, monthTitle } from '../analytics/metrics.ts';
import { FinanceShell } from '../finance/FinanceShell.tsx';
import { usePercent } from '../finance/TouristTaxCard.tsx';
import { useHouses } from '../houses/use-houses.ts';
import { downloadStatement, type OwnerStatement, useStatement } from './use-statements.ts';

/** The months offered: the last two years, the last month first (the one an owner waits for). */
const monthsBefore = (thisMonth: string) =>
  Array.from({ length: 25 }, (_, index) => addMonths(thisMonth, -index));

/**
 * An owner's statement of a house and a month: the stays and their share of
 * the month, the house's entries, the manager's commission and what is due
 * to the owner; printed as a PDF or a CSV. Owners see their houses only.
 */
export function StatementsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  const today = useToday();
  const houses = useHouses();
  const [params, set] = useSearchParam();
  const thisMonth = today.slice(0, 7);
  const houseId = params.get('house') ?? houses.data?.[0]?.id;
  const month = params.get('month') ?? addMonths(thisMonth, -1);
  const statement = useStatement(houseId, month);
  const monthLabel = (value: string) => monthTitle(value, language);

  return (
    <FinanceShell title={t('statements.title')} subtitle={t('statements.subtitle')}>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" maw={560}>
        <Select
          label={t('finance.fields.house')}
          data={(houses.data ?? []).map((house) => ({ value: house.id, label: house.name }))}
          value={houseId ?? null}
          onChange={(value) => set('house', value)}
          allowDeselect={false}
          searchable
        />
        <Select
          label={t('statements.month')}
          data={monthsBefore(thisMonth).map((value) => ({ value, label: monthLabel(value) }))}
          value={month}
          onChange={(value) => set('month', value)}
          allowDeselect={false}
        />
      </SimpleGrid>
      {houses.isPending ? (
        <LoadingState />
      ) : !houseId ? (
        <EmptyState title={t('statements.noHouse')} />
      ) : statement.isPending ? (
        <LoadingState />
      ) : statement.isError ? (
        <ErrorState message={errorSummary(t, statement.error)} onRetry={() => statement.refetch()} />
      ) : (
        <Statement statement={statement.data} monthLabel={monthLabel(month)} />
      )}
    </FinanceShell>
  );
}

function Statement({ statement, monthLabel }: { statement: OwnerStatement; monthLabel: string }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const percent = usePercent();
  const language = i18n.resolvedLanguage;
  const [busy, setBusy] = useState<'pdf' | 'csv' | null>(null);
  const download = async (format: 'pdf' | 'csv') => {
    setBusy(format);
    try {
      await downloadStatement({
        houseId: statement.houseId,
        month: statement.month,
        format,
        lang: language ?? 'en',
        fileName: `statement-${statement.houseCode}-${statement.month}.${format}`,
      });
    } catch (error) {
      notifications.show({ color: 'red', message: errorSummary(t, error) });
    } finally {
      setBusy(null);
    }
  };
  const day = (date: string) => formatDate(date, language, { day: 'numeric', month: 'short' });
  const totals = [
    { key: 'accommodation', value: statement.accommodation },
    { key: 'income', value: statement.income },
    { key: 'expense', value: statement.expense },
    { key: 'touristTax', value: statement.touristTax },
    { key: 'commission', value: statement.commission },
  ];
  return (
    <Stack gap="md">
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start">
            <Stack gap={2}>
              <Title order={3} size="h4">
                {statement.houseName} · {monthLabel}
              </Title>
              <Text size="sm" c="dimmed">
                {statement.contract
                  ? t('statements.contract', {
                      accommodation: percent(statement.contract.accommodationRate),
                      income: percent(statement.contract.incomeRate),
                    })
                  : t('statements.noContract')}
              </Text>
            </Stack>
            <Badge variant="light" color={statement.closed ? 'gray' : 'blue'}>
              {statement.closed ? t('statements.closed') : t('statements.open')}
            </Badge>
          </Group>
          <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="xs">
            {totals.map((total) => (
              <Stack key={total.key} gap={0}>
                <Text size="xs" c="dimmed">
                  {t(`statements.totals.${total.key}`)}
                </Text>
                <Text fw={600}>{money(total.value)}</Text>
              </Stack>
            ))}
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('statements.totals.net')}
              </Text>
              <Text fw={700} c={statement.net.startsWith('-') ? 'red.8' : 'green.9'}>
                {money(statement.net)}
              </Text>
            </Stack>
          </SimpleGrid>
          <Group gap="xs">
            <Button onClick={() => download('pdf')} loading={busy === 'pdf'}>
              {t('statements.downloadPdf')}
            </Button>
            <Button variant="light" onClick={() => download('csv')} loading={busy === 'csv'}>
              {t('statements.downloadCsv')}
            </Button>
          </Group>
        </Stack>
      </Card>

      <Card withBorder padding={0} component="section" aria-labelledby="statement-stays">
        <Title order={3} size="h5" id="statement-stays" px="md" pt="md" pb="xs">
          {t('statements.stays')}
        </Title>
        {statement.stays.length === 0 ? (
          <Text size="sm" c="dimmed" px="md" pb="md">
            {t('statements.noStays')}
          </Text>
        ) : (
          <ScrollingTable label={t('common.tableOf', { name: t('statements.stays') })} minWidth={480}>
            <Table striped fz="sm" verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('statements.dates')}</Table.Th>
                  <Table.Th scope="col">{t('reservations.fields.source')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('statements.nightsInMonth')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('statements.totals.accommodation')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {statement.stays.map((stay) => (
                  <Table.Tr key={stay.reservationId}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {day(stay.checkIn)} → {day(stay.checkOut)}
                    </Table.Td>
                    <Table.Td>{t(`reservations.source.${stay.source}`)}</Table.Td>
                    <Table.Td ta="right">{stay.nights}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {money(stay.accommodation)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollingTable>
        )}
      </Card>

      <Card withBorder padding={0} component="section" aria-labelledby="statement-entries">
        <Title order={3} size="h5" id="statement-entries" px="md" pt="md" pb="xs">
          {t('statements.entries')}
        </Title>
        {statement.entries.length === 0 ? (
          <Text size="sm" c="dimmed" px="md" pb="md">
            {t('statements.noEntries')}
          </Text>
        ) : (
          <ScrollingTable label={t('common.tableOf', { name: t('statements.entries') })} minWidth={480}>
            <Table striped fz="sm" verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('finance.fields.date')}</Table.Th>
                  <Table.Th scope="col">{t('finance.fields.description')}</Table.Th>
                  <Table.Th scope="col">{t('finance.fields.category')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('finance.fields.amount')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {statement.entries.map((entry) => (
                  <Table.Tr key={entry.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{day(entry.date)}</Table.Td>
                    <Table.Td>{entry.description}</Table.Td>
                    <Table.Td>{t(`finance.category.${entry.category}`)}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {entry.type === 'expense' ? '−' : ''}
                      {money(entry.amount)}
                      {entry.held ? ` (${t('statements.held')})` : ''}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollingTable>
        )}
      </Card>
    </Stack>
  );
}
