import { Card, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import type { Schemas } from '../../lib/api/client.ts';
import { errorSummary } from '../../lib/form-errors.ts';
import { useMoney, useToday } from '../../lib/organization.ts';
import { useSearchParam } from '../../lib/search-params.ts';
import { useHouses } from '../houses/use-houses.ts';
import { amountColor, useHouseName } from './EntryBits.tsx';
import { FinanceShell } from './FinanceShell.tsx';
import { capitalized, centsOf, monthName, monthsOf, yearsAround } from './ledger.ts';
import { useFinanceAccess, useFinanceSummary } from './use-finance.ts';

type SummaryRow = Schemas['FinanceSummary']['rows'][number];
type Totals = Schemas['FinanceSummary']['totals'];

/** Income, expense and net of a year, per month and per house; deposits held are not income. */
export function SummaryPage() {
  const { t } = useTranslation();
  const today = useToday();
  const access = useFinanceAccess();
  const houses = useHouses();
  const [params, set] = useSearchParam();
  const thisYear = Number(today.slice(0, 4));
  const year = Number(params.get('year')) || thisYear;
  const houseId = params.get('house') ?? undefined;
  const range = { from: `${year}-01-01`, to: `${year + 1}-01-01`, houseId };
  const byMonth = useFinanceSummary({ ...range, groupBy: 'month' });
  const byHouse = useFinanceSummary({ ...range, groupBy: 'house' });

  return (
    <FinanceShell
      title={t('finance.summary.title')}
      subtitle={access.write ? t('finance.summary.subtitle') : t('finance.subtitleOwner')}
    >
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" maw={560}>
        <Select
          label={t('finance.summary.year')}
          data={yearsAround(thisYear).map(String)}
          value={String(year)}
          onChange={(value) => set('year', value === String(thisYear) ? null : value)}
          allowDeselect={false}
        />
        <Select
          label={t('finance.fields.house')}
          placeholder={t('finance.filters.allHouses')}
          data={(houses.data ?? []).map((house) => ({ value: house.id, label: house.name }))}
          value={houseId ?? null}
          onChange={(value) => set('house', value)}
          clearable
          searchable
        />
      </SimpleGrid>

      {byMonth.isPending ? (
        <LoadingState />
      ) : byMonth.isError ? (
        <ErrorState message={errorSummary(t, byMonth.error)} onRetry={() => byMonth.refetch()} />
      ) : (
        <MonthTable year={year} rows={byMonth.data.rows} totals={byMonth.data.totals} />
      )}
      {byHouse.isPending ? (
        <LoadingState />
      ) : byHouse.isError ? (
        <ErrorState message={errorSummary(t, byHouse.error)} onRetry={() => byHouse.refetch()} />
      ) : (
        <HouseTable year={year} rows={byHouse.data.rows} totals={byHouse.data.totals} />
      )}
    </FinanceShell>
  );
}

/** Every month of the year, those with nothing booked at zero, and the year's totals at the foot. */
function MonthTable({ year, rows, totals }: { year: number; rows: SummaryRow[]; totals: Totals }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const zero = { income: '0.00', expense: '0.00', net: '0.00' };
  const lines = monthsOf(year).map((month) => ({
    key: month,
    // The year is the table's: each row names its month only.
    label: capitalized(monthName(month, i18n.resolvedLanguage)),
    ...(rows.find((row) => row.month === month) ?? zero),
  }));
  return (
    <SummaryTable
      headingId="summary-by-month"
      heading={t('finance.summary.byMonth')}
      caption={t('finance.summary.captionMonth', { year })}
      firstColumn={t('finance.summary.month')}
      lines={lines}
      totals={totals}
      footnote={t('finance.summary.heldNote', { amount: money(totals.held) })}
    />
  );
}

function HouseTable({ year, rows, totals }: { year: number; rows: SummaryRow[]; totals: Totals }) {
  const { t } = useTranslation();
  const houseName = useHouseName();
  const lines = rows
    .map((row) => ({ key: row.houseId ?? 'organization', label: houseName(row.houseId), ...row }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return (
    <SummaryTable
      headingId="summary-by-house"
      heading={t('finance.summary.byHouse')}
      caption={t('finance.summary.captionHouse', { year })}
      firstColumn={t('finance.fields.house')}
      lines={lines}
      totals={totals}
      empty={t('finance.summary.empty', { year })}
    />
  );
}

function SummaryTable({
  headingId,
  heading,
  caption,
  firstColumn,
  lines,
  totals,
  footnote,
  empty,
}: {
  headingId: string;
  heading: string;
  caption: string;
  firstColumn: string;
  lines: { key: string; label: string; income: string; expense: string; net: string }[];
  totals: Totals;
  footnote?: string;
  empty?: string;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  // A phone's width holds the four columns in a smaller type, without scrolling sideways.
  const phone = useMediaQuery('(max-width: 36em)');
  const amount = (value: string, colored = false, bold = false) => (
    <Text
      size={phone ? 'xs' : 'sm'}
      fw={bold ? 700 : undefined}
      c={colored ? amountColor(centsOf(value)) : undefined}
      style={{ whiteSpace: 'nowrap' }}
    >
      {money(value)}
    </Text>
  );
  return (
    <Card withBorder padding={0} component="section" aria-labelledby={headingId}>
      <Stack gap={0}>
        <Group px="md" pt="md" pb="xs">
          <Title order={3} size="h5" id={headingId}>
            {heading}
          </Title>
        </Group>
        {lines.length === 0 && empty ? (
          <Text size="sm" c="dimmed" px="md" pb="md">
            {empty}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={300}>
            <Table verticalSpacing={6} horizontalSpacing={phone ? 6 : 'sm'} fz={phone ? 'xs' : 'sm'} striped>
              <Table.Caption style={{ captionSide: 'top', textAlign: 'start', padding: '0 12px 8px' }}>
                {caption}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{firstColumn}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('finance.totals.income')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('finance.totals.expense')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('finance.totals.net')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lines.map((line) => (
                  <Table.Tr key={line.key}>
                    <Table.Th scope="row" fw={400}>
                      {line.label}
                    </Table.Th>
                    <Table.Td ta="right">{amount(line.income)}</Table.Td>
                    <Table.Td ta="right">{amount(line.expense)}</Table.Td>
                    <Table.Td ta="right">{amount(line.net, true)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr style={{ borderTop: '2px solid var(--mantine-color-gray-4)' }}>
                  <Table.Th scope="row">{t('finance.summary.total')}</Table.Th>
                  <Table.Td ta="right">{amount(totals.income, false, true)}</Table.Td>
                  <Table.Td ta="right">{amount(totals.expense, false, true)}</Table.Td>
                  <Table.Td ta="right">{amount(totals.net, true, true)}</Table.Td>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
        )}
        {footnote && (
          <Text size="xs" c="dimmed" px="md" py="xs">
            {footnote}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
