import {
  Alert,
  Anchor,
  Box,
  Button,
  Card,
  Collapse,
  Grid,
  Group,
  Menu,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { FailureAlert } from '../../components/FailureAlert.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { ledgerCategoryValues, ledgerEntryTypeValues, ledgerOriginValues } from '../../lib/api/schema.gen.ts';
import { formatDate, shiftDate } from '../../lib/dates.ts';
import { errorSummary } from '../../lib/form-errors.ts';
import { useMoney, useToday } from '../../lib/organization.ts';
import { isCalendarDate } from '../../lib/validation.ts';
import { useHouses } from '../houses/use-houses.ts';
import { amountColor, EntryAmount, EntryBadges, useHouseName, useSignedMoney } from './EntryBits.tsx';
import { EntryForm } from './EntryForm.tsx';
import { FinanceShell } from './FinanceShell.tsx';
import { centsOf, type LedgerRow, ledgerRows, PERIODS, type Period, periodRange } from './ledger.ts';
import { downloadLedgerCsv, type LedgerFilters, useFinanceAccess, useLedger } from './use-finance.ts';

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;

/** The filters of the address: a period (this month unless told), or the dates typed, and the rest. */
function filtersFrom(params: URLSearchParams, today: string) {
  const period = oneOf(PERIODS, params.get('period')) ?? 'month';
  const typed = (name: string) => {
    const value = params.get(name);
    return value && isCalendarDate(value) ? value : undefined;
  };
  const range =
    period === 'custom' ? { from: typed('from'), until: typed('until') } : periodRange(period, today);
  return {
    period,
    from: range.from,
    until: range.until,
    houseId: params.get('house') ?? undefined,
    type: oneOf(ledgerEntryTypeValues, params.get('type')),
    category: oneOf(ledgerCategoryValues, params.get('category')),
    origin: oneOf(ledgerOriginValues, params.get('origin')),
    reservationId: params.get('stay') ?? undefined,
  };
}

/**
 * The ledger: every entry of the houses the member sees, oldest first, with
 * the net running down the rows (and on across the pages loaded), the totals
 * of the whole selection from the server, and the CSV for the accountant.
 * Filters live in the address, so a view can be bookmarked or sent.
 */
export function LedgerPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const today = useToday();
  const access = useFinanceAccess();
  const phone = useMediaQuery('(max-width: 36em)');
  const [params, setParams] = useSearchParams();
  const [filtersOpen, { toggle: toggleFilters }] = useDisclosure(false);
  const houses = useHouses();
  const filters = filtersFrom(params, today);
  const apiFilters: LedgerFilters = {
    houseId: filters.houseId,
    from: filters.from,
    to: filters.until ? shiftDate(filters.until, 1) : undefined,
    type: filters.type,
    category: filters.category,
    origin: filters.origin,
    reservationId: filters.reservationId,
  };
  const ledger = useLedger(apiFilters);
  const creating = params.get('new') === '1';
  const [exporting, setExporting] = useState<'point' | 'comma' | null>(null);
  const [exportFailed, setExportFailed] = useState<unknown>(null);

  const setFilters = (changes: Record<string, string | null | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { replace: true },
    );
  /** A date typed makes the period the dates typed, starting from those shown. */
  const setDate = (name: 'from' | 'until', value: string) =>
    setFilters({
      period: 'custom',
      from: filters.from,
      until: filters.until,
      [name]: value || null,
    });

  const pages = ledger.data?.pages ?? [];
  const items = pages.flatMap((page) => page.items);
  const totals = pages.at(-1)?.totals;
  const rows = ledgerRows(items);
  const narrowed = Boolean(
    filters.houseId || filters.type || filters.category || filters.origin || filters.reservationId,
  );
  const activeFilters = [filters.houseId, filters.type, filters.category, filters.origin].filter(
    Boolean,
  ).length;
  const dateText = (date: string) =>
    formatDate(date, i18n.resolvedLanguage, { day: 'numeric', month: 'short', year: 'numeric' });

  const exportCsv = async (decimal: 'point' | 'comma') => {
    setExporting(decimal);
    setExportFailed(null);
    try {
      await downloadLedgerCsv({
        houseId: apiFilters.houseId,
        from: apiFilters.from,
        to: apiFilters.to,
        decimal,
        fileName: `ledger-${filters.from ?? 'start'}-${filters.until ?? today}${decimal === 'comma' ? '-fr' : ''}.csv`,
      });
    } catch (error) {
      setExportFailed(error);
    } finally {
      setExporting(null);
    }
  };

  const filterFields = (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
      <Select
        label={t('finance.fields.house')}
        placeholder={t('finance.filters.allHouses')}
        data={(houses.data ?? []).map((house) => ({ value: house.id, label: house.name }))}
        value={filters.houseId ?? null}
        onChange={(value) => setFilters({ house: value })}
        clearable
        searchable
      />
      <Select
        label={t('finance.fields.type')}
        placeholder={t('finance.filters.anyType')}
        data={ledgerEntryTypeValues.map((type) => ({ value: type, label: t(`finance.type.${type}`) }))}
        value={filters.type ?? null}
        onChange={(value) => setFilters({ type: value })}
        clearable
      />
      <Select
        label={t('finance.fields.category')}
        placeholder={t('finance.filters.anyCategory')}
        data={ledgerCategoryValues.map((category) => ({
          value: category,
          label: t(`finance.category.${category}`),
        }))}
        value={filters.category ?? null}
        onChange={(value) => setFilters({ category: value })}
        clearable
        searchable
      />
      <Select
        label={t('finance.fields.origin')}
        placeholder={t('finance.filters.anyOrigin')}
        data={ledgerOriginValues.map((origin) => ({ value: origin, label: t(`finance.origin.${origin}`) }))}
        value={filters.origin ?? null}
        onChange={(value) => setFilters({ origin: value })}
        clearable
      />
    </SimpleGrid>
  );

  return (
    <FinanceShell
      title={t('finance.ledger')}
      subtitle={access.write ? t('finance.subtitle') : t('finance.subtitleOwner')}
      actions={
        <>
          <Menu position="bottom-end" withinPortal={false}>
            <Menu.Target>
              <Button variant="default" loading={exporting !== null}>
                {t('finance.export.button')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{t('finance.export.hint')}</Menu.Label>
              <Menu.Item onClick={() => exportCsv('point')}>{t('finance.export.point')}</Menu.Item>
              <Menu.Item onClick={() => exportCsv('comma')}>{t('finance.export.comma')}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
          {access.write && <Button onClick={() => setFilters({ new: '1' })}>{t('finance.new')}</Button>}
        </>
      }
    >
      {filters.reservationId && (
        <Alert color="blue" variant="light">
          <Group justify="space-between" gap="xs">
            <Text size="sm">{t('finance.filters.oneStay')}</Text>
            <Group gap="xs">
              <Anchor component={Link} to={`/reservations/${filters.reservationId}`} size="sm">
                {t('finance.filters.openStay')}
              </Anchor>
              <Button size="xs" variant="default" onClick={() => setFilters({ stay: null })}>
                {t('finance.filters.allStays')}
              </Button>
            </Group>
          </Group>
        </Alert>
      )}
      <FailureAlert>
        {exportFailed ? `${t('finance.export.failed')} ${errorSummary(t, exportFailed)}` : null}
      </FailureAlert>

      <Grid gap="sm">
        <Grid.Col span={{ base: 12, xs: 4 }}>
          <Select
            label={t('finance.filters.period')}
            data={PERIODS.map((period) => ({ value: period, label: t(`finance.period.${period}`) }))}
            value={filters.period}
            onChange={(value) => {
              const period = (value ?? 'month') as Period;
              setFilters(
                period === 'custom'
                  ? { period, from: filters.from, until: filters.until }
                  : { period: period === 'month' ? null : period, from: null, until: null },
              );
            }}
            allowDeselect={false}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, xs: 4 }}>
          <TextInput
            label={t('finance.fields.from')}
            type="date"
            value={filters.from ?? ''}
            max={filters.until}
            onChange={(event) => setDate('from', event.currentTarget.value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, xs: 4 }}>
          <TextInput
            label={t('finance.fields.until')}
            type="date"
            value={filters.until ?? ''}
            min={filters.from}
            onChange={(event) => setDate('until', event.currentTarget.value)}
          />
        </Grid.Col>
      </Grid>

      {phone ? (
        <Stack gap="xs">
          <Group gap="xs">
            <Button
              variant="default"
              onClick={toggleFilters}
              aria-expanded={filtersOpen}
              aria-controls="ledger-filters"
            >
              {activeFilters > 0
                ? t('finance.filters.toggleCount', { count: activeFilters })
                : t('finance.filters.toggle')}
            </Button>
            {narrowed && (
              <Button
                variant="subtle"
                onClick={() =>
                  setFilters({ house: null, type: null, category: null, origin: null, stay: null })
                }
              >
                {t('finance.filters.reset')}
              </Button>
            )}
          </Group>
          <Collapse expanded={filtersOpen} id="ledger-filters">
            {filterFields}
          </Collapse>
        </Stack>
      ) : (
        <Stack gap="xs">
          {filterFields}
          {narrowed && (
            <Group>
              <Button
                variant="subtle"
                size="xs"
                onClick={() =>
                  setFilters({ house: null, type: null, category: null, origin: null, stay: null })
                }
              >
                {t('finance.filters.reset')}
              </Button>
            </Group>
          )}
        </Stack>
      )}

      {ledger.isPending ? (
        <LoadingState />
      ) : ledger.isError ? (
        <ErrorState message={errorSummary(t, ledger.error)} onRetry={() => ledger.refetch()} />
      ) : (
        // While other filters load, the rows of the last ones stay, dimmed.
        <Stack
          gap="lg"
          aria-busy={ledger.isPlaceholderData}
          style={{ opacity: ledger.isPlaceholderData ? 0.6 : 1 }}
        >
          {totals && <Totals totals={totals} />}
          {items.length === 0 ? (
            <Card withBorder>
              <EmptyState
                title={
                  narrowed
                    ? t('finance.noMatch')
                    : filters.period === 'all'
                      ? t('finance.empty')
                      : t('finance.emptyPeriod')
                }
              >
                {narrowed ? t('finance.noMatchHint') : t('finance.emptyHint')}
              </EmptyState>
            </Card>
          ) : (
            <Stack gap="sm">
              <LedgerTable
                rows={rows}
                caption={
                  filters.from && filters.until
                    ? t('finance.table.caption', {
                        from: dateText(filters.from),
                        until: dateText(filters.until),
                      })
                    : t('finance.table.captionAll')
                }
                phone={phone ?? false}
              />
              {ledger.hasNextPage && (
                <Group justify="center">
                  <Button
                    variant="default"
                    loading={ledger.isFetchingNextPage}
                    onClick={() => ledger.fetchNextPage()}
                  >
                    {t('finance.table.loadMore', { count: items.length })}
                  </Button>
                </Group>
              )}
            </Stack>
          )}
        </Stack>
      )}

      <Modal
        opened={creating}
        onClose={() => setFilters({ new: null })}
        title={t('finance.newTitle')}
        size="lg"
        fullScreen={phone}
      >
        {creating && (
          <EntryForm
            defaults={{ houseId: filters.houseId }}
            onDone={(entry, receiptError) =>
              navigate(`/finance/entries/${entry.id}`, { state: receiptError ? { receiptError } : undefined })
            }
          />
        )}
      </Modal>
    </FinanceShell>
  );
}

/** The totals of every entry the filters select, whatever is loaded. */
function Totals({ totals }: { totals: { income: string; expense: string; net: string; held: string } }) {
  const { t } = useTranslation();
  const money = useMoney();
  const net = centsOf(totals.net);
  const figures = [
    { key: 'income', label: t('finance.totals.income'), value: money(totals.income), color: undefined },
    { key: 'expense', label: t('finance.totals.expense'), value: money(totals.expense), color: undefined },
    { key: 'net', label: t('finance.totals.net'), value: money(totals.net), color: amountColor(net) },
    { key: 'held', label: t('finance.totals.held'), value: money(totals.held), color: undefined },
  ];
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="ledger-totals">
      <Stack gap="xs">
        <Text fw={700} id="ledger-totals">
          {t('finance.totals.title')}
        </Text>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" component="dl" m={0}>
          {figures.map((figure) => (
            <Box key={figure.key}>
              <Text component="dt" size="sm" c="dimmed">
                {figure.label}
              </Text>
              <Text component="dd" m={0} fw={700} size="lg" c={figure.color} data-total={figure.key}>
                {figure.value}
              </Text>
            </Box>
          ))}
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('finance.totals.heldHint')}
        </Text>
      </Stack>
    </Card>
  );
}

/** The rows as a table on a wide screen, as cards on a phone; an adjustment sits under what it corrects. */
function LedgerTable({ rows, caption, phone }: { rows: LedgerRow[]; caption: string; phone: boolean }) {
  const { t, i18n } = useTranslation();
  const houseName = useHouseName();
  const signed = useSignedMoney();
  const date = (value: string) =>
    formatDate(value, i18n.resolvedLanguage, { day: 'numeric', month: 'short', year: 'numeric' });
  const describe = (row: LedgerRow) =>
    `${t(`finance.category.${row.entry.category}`)} · ${t(`finance.origin.${row.entry.origin}`)}`;
  const running = (row: LedgerRow) => (
    <Text size="sm" c={amountColor(row.running)} style={{ whiteSpace: 'nowrap' }}>
      {signed(row.running)}
    </Text>
  );

  if (phone)
    return (
      <Stack
        gap="xs"
        component="ul"
        aria-label={caption}
        style={{ listStyle: 'none', margin: 0, padding: 0 }}
      >
        {rows.map((row) => (
          <li key={row.entry.id} style={row.depth ? { marginInlineStart: 20 } : undefined}>
            <Card
              withBorder
              padding="sm"
              style={row.depth ? { borderInlineStart: '3px solid var(--mantine-color-violet-4)' } : undefined}
            >
              <Stack gap={4}>
                <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                  <Anchor
                    component={Link}
                    to={`/finance/entries/${row.entry.id}`}
                    fw={600}
                    size="sm"
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    {row.depth ? '↳ ' : ''}
                    {row.entry.description}
                  </Anchor>
                  <EntryAmount entry={row.entry} />
                </Group>
                <Text size="xs" c="dimmed">
                  {date(row.entry.date)} · {houseName(row.entry.houseId)} · {describe(row)}
                </Text>
                <Group justify="space-between" gap="xs">
                  <EntryBadges entry={row.entry} />
                  <Group gap={4} wrap="nowrap" ml="auto">
                    <Text size="xs" c="dimmed">
                      {t('finance.table.running')}
                    </Text>
                    {running(row)}
                  </Group>
                </Group>
              </Stack>
            </Card>
          </li>
        ))}
      </Stack>
    );

  return (
    <Card withBorder padding={0}>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="xs" highlightOnHover>
          <Table.Caption style={{ captionSide: 'top', textAlign: 'start', padding: '8px 12px' }}>
            {caption}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('finance.fields.date')}</Table.Th>
              <Table.Th>{t('finance.table.entry')}</Table.Th>
              <Table.Th>{t('finance.fields.house')}</Table.Th>
              <Table.Th ta="right">{t('finance.fields.amount')}</Table.Th>
              <Table.Th ta="right">{t('finance.table.running')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.entry.id} data-entry={row.entry.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{date(row.entry.date)}</Text>
                </Table.Td>
                <Table.Td>
                  <Box
                    pl={row.depth ? 'md' : 0}
                    style={
                      row.depth ? { borderInlineStart: '3px solid var(--mantine-color-violet-4)' } : undefined
                    }
                  >
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      {row.depth ? (
                        <Text size="sm" aria-hidden>
                          ↳
                        </Text>
                      ) : null}
                      <Stack gap={2}>
                        <Anchor component={Link} to={`/finance/entries/${row.entry.id}`} fw={600} size="sm">
                          {row.entry.description}
                        </Anchor>
                        {row.depth ? (
                          <VisuallyHidden>{t('finance.table.correctsAbove')}</VisuallyHidden>
                        ) : null}
                        <Group gap={6}>
                          <Text size="xs" c="dimmed">
                            {describe(row)}
                          </Text>
                          <EntryBadges entry={row.entry} />
                        </Group>
                      </Stack>
                    </Group>
                  </Box>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{houseName(row.entry.houseId)}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Group justify="flex-end">
                    <EntryAmount entry={row.entry} />
                  </Group>
                </Table.Td>
                <Table.Td ta="right">
                  <Group justify="flex-end">{running(row)}</Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
