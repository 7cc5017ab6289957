import { Card, SegmentedControl, Select, SimpleGrid, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ScrollingTable } from '../../components/ScrollingTable.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { errorSummary } from '../../lib/form-errors.ts';
import { useMoney, useToday } from '../../lib/organization.ts';
import { useSearchParam } from '../../lib/search-params.ts';
import { capitalized, monthName, yearsAround } from '../finance/ledger.ts';
import { useFinanceAccess } from '../finance/use-finance.ts';
import { useHouses, useSites } from '../houses/use-houses.ts';
import { ChartCard } from './ChartCard.tsx';
import { addMonths, decimal, percent } from './metrics.ts';
import { type OccupancyRow, type OccupancyTotals, useOccupancy } from './use-analytics.ts';

type GroupBy = 'month' | 'house' | 'site';
const LAST_12 = 'last12';

/**
 * Occupancy, revenue, ADR and RevPAR per month, house or site over a year
 * (or the last twelve months), beside the year before if asked, with the
 * ledger's net; owners see their houses.
 */
export function AnalyticsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  const today = useToday();
  const access = useFinanceAccess();
  const houses = useHouses();
  const sites = useSites();
  const [params, set] = useSearchParam();
  const thisYear = Number(today.slice(0, 4));
  const period = params.get('period') ?? String(thisYear);
  const groupBy = (params.get('groupBy') as GroupBy | null) ?? 'month';
  const houseId = params.get('house') ?? undefined;
  const siteId = params.get('site') ?? undefined;
  const compare = params.get('compare') === '1';
  const thisMonth = today.slice(0, 7);
  const range =
    period === LAST_12
      ? { from: `${addMonths(thisMonth, -11)}-01`, to: `${addMonths(thisMonth, 1)}-01` }
      : { from: `${period}-01-01`, to: `${Number(period) + 1}-01-01` };
  const occupancy = useOccupancy({ ...range, groupBy, houseId, siteId, compare }, { enabled: access.read });

  if (!access.read) {
    return (
      <Stack gap="lg">
        <Title order={2}>{t('analytics.title')}</Title>
        <EmptyState title={t('finance.forbidden')} />
      </Stack>
    );
  }

  const houseName = (id: string | null | undefined) =>
    houses.data?.find((house) => house.id === id)?.name ?? t('analytics.unknownHouse');
  const siteName = (id: string | null | undefined) =>
    id ? (sites.data?.find((site) => site.id === id)?.name ?? '') : t('analytics.noSite');
  const rowLabel = (row: OccupancyRow) =>
    groupBy === 'month'
      ? capitalized(monthName(row.month ?? '', language))
      : groupBy === 'house'
        ? houseName(row.houseId)
        : siteName(row.siteId);

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={2}>{t('analytics.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('analytics.subtitle')}
        </Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <Select
          label={t('analytics.period')}
          data={[
            { value: LAST_12, label: t('analytics.last12') },
            ...yearsAround(thisYear).map((year) => ({ value: String(year), label: String(year) })),
          ]}
          value={period}
          onChange={(value) => set('period', value === String(thisYear) ? null : value)}
          allowDeselect={false}
        />
        <Select
          label={t('analytics.house')}
          placeholder={t('finance.filters.allHouses')}
          data={(houses.data ?? []).map((house) => ({ value: house.id, label: house.name }))}
          value={houseId ?? null}
          onChange={(value) => set('house', value)}
          clearable
          searchable
        />
        {(sites.data?.length ?? 0) > 0 && (
          <Select
            label={t('analytics.site')}
            placeholder={t('analytics.allSites')}
            data={(sites.data ?? []).map((site) => ({ value: site.id, label: site.name }))}
            value={siteId ?? null}
            onChange={(value) => set('site', value)}
            clearable
          />
        )}
        <Stack gap={6} justify="flex-end">
          <Switch
            label={t('analytics.compare')}
            checked={compare}
            onChange={(event) => set('compare', event.currentTarget.checked ? '1' : null)}
          />
        </Stack>
      </SimpleGrid>
      <SegmentedControl
        value={groupBy}
        onChange={(value) => set('groupBy', value === 'month' ? null : value)}
        aria-label={t('analytics.groupBy')}
        data={[
          { value: 'month', label: t('analytics.byMonth') },
          { value: 'house', label: t('analytics.byHouse') },
          ...((sites.data?.length ?? 0) > 0 ? [{ value: 'site', label: t('analytics.bySite') }] : []),
        ]}
        maw={420}
      />
      {occupancy.isPending ? (
        <LoadingState />
      ) : occupancy.isError ? (
        <ErrorState message={errorSummary(t, occupancy.error)} onRetry={() => occupancy.refetch()} />
      ) : (
        <>
          <Totals totals={occupancy.data.totals} previous={occupancy.data.previousYear?.totals} />
          <ChartCard
            title={t('analytics.occupancyChart')}
            kind="bar"
            horizontal={groupBy !== 'month'}
            categoryLabel={t(`analytics.${groupBy}`)}
            data={occupancy.data.rows.map((row, index) => ({
              label: rowLabel(row),
              occupancy: row.occupancy,
              ...(compare ? { lastYear: occupancy.data.previousYear?.rows[index]?.occupancy ?? 0 } : {}),
            }))}
            series={[
              { name: 'occupancy', label: t('analytics.metrics.occupancy'), color: 'blue.7' },
              ...(compare
                ? [{ name: 'lastYear', label: t('dashboard.charts.lastYear'), color: 'gray.6' }]
                : []),
            ]}
            format={(value) => percent(value, language)}
            empty={t('analytics.empty')}
          />
          <MetricsTable
            rows={occupancy.data.rows}
            totals={occupancy.data.totals}
            rowLabel={rowLabel}
            firstColumn={t(`analytics.${groupBy}`)}
          />
        </>
      )}
    </Stack>
  );
}

const TOTAL_FIGURES = ['occupancy', 'revenue', 'adr', 'revpar', 'net', 'averageStay'] as const;

/** The range's totals, each with last year's beside it when asked. */
function Totals({ totals, previous }: { totals: OccupancyTotals; previous?: OccupancyTotals }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const language = i18n.resolvedLanguage;
  const show = (figure: (typeof TOTAL_FIGURES)[number], of: OccupancyTotals) =>
    figure === 'occupancy'
      ? percent(of.occupancy, language)
      : figure === 'averageStay'
        ? decimal(of.averageStay, language, 1)
        : money(of[figure]);
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="sm">
      {TOTAL_FIGURES.map((figure) => (
        <Card key={figure} withBorder padding="sm">
          <Text size="sm" c="dimmed">
            {t(`analytics.metrics.${figure}`)}
          </Text>
          <Text fz={20} fw={700}>
            {show(figure, totals)}
          </Text>
          {previous && (
            <Text size="xs" c="dimmed">
              {t('analytics.lastYearValue', { value: show(figure, previous) })}
            </Text>
          )}
        </Card>
      ))}
    </SimpleGrid>
  );
}

/** Every figure of every row, the totals at the foot: the numbers behind the charts. */
function MetricsTable({
  rows,
  totals,
  rowLabel,
  firstColumn,
}: {
  rows: OccupancyRow[];
  totals: OccupancyTotals;
  rowLabel: (row: OccupancyRow) => string;
  firstColumn: string;
}) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const language = i18n.resolvedLanguage;
  const cells = (row: OccupancyTotals) => [
    decimal(row.bookedNights, language, 0),
    decimal(row.blockedNights, language, 0),
    decimal(row.availableNights, language, 0),
    percent(row.occupancy, language),
    money(row.revenue),
    money(row.adr),
    money(row.revpar),
    decimal(row.stays, language, 0),
    decimal(row.averageStay, language, 2),
    decimal(row.leadTime, language, 1),
    money(row.net),
  ];
  const headers = [
    'bookedNights',
    'blockedNights',
    'availableNights',
    'occupancy',
    'revenue',
    'adr',
    'revpar',
    'stays',
    'averageStay',
    'leadTime',
    'net',
  ];
  return (
    <Card withBorder padding={0} component="section" aria-labelledby="analytics-table">
      <Title order={3} size="h5" id="analytics-table" px="md" pt="md" pb="xs">
        {t('analytics.tableTitle')}
      </Title>
      <ScrollingTable label={t('common.tableOf', { name: t('analytics.tableTitle') })} minWidth={1000}>
        <Table striped fz="sm" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{firstColumn}</Table.Th>
              {headers.map((header) => (
                <Table.Th key={header} scope="col" ta="right">
                  {t(`analytics.metrics.${header}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.month ?? row.houseId ?? row.siteId ?? 'none'}>
                <Table.Th scope="row" fw={400}>
                  {rowLabel(row)}
                </Table.Th>
                {cells(row).map((cell, index) => (
                  <Table.Td key={headers[index]} ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {cell}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr style={{ borderTop: '2px solid var(--mantine-color-gray-4)' }}>
              <Table.Th scope="row">{t('finance.summary.total')}</Table.Th>
              {cells(totals).map((cell, index) => (
                <Table.Td key={headers[index]} ta="right" fw={700} style={{ whiteSpace: 'nowrap' }}>
                  {cell}
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </ScrollingTable>
      <Text size="xs" c="dimmed" px="md" py="xs">
        {t('analytics.definitions')}
      </Text>
    </Card>
  );
}
