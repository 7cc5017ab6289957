import { Badge, Button, Card, Group, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { FailureAlert } from '../../components/FailureAlert.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { formatInstant, formatMonth } from '../../lib/dates.ts';
import { errorSummary } from '../../lib/form-errors.ts';
import { useMoney, useToday } from '../../lib/organization.ts';
import { amountColor } from './EntryBits.tsx';
import { FinanceShell } from './FinanceShell.tsx';
import { capitalized, centsOf, monthName, monthsOf, yearsAround } from './ledger.ts';
import {
  useCloseMonth,
  useClosings,
  useFinanceAccess,
  useFinanceSummary,
  useReopenMonth,
} from './use-finance.ts';

/**
 * The months of a year, open or closed, with their net: administrators close
 * a month once its books are done (nothing dated in it can be written then)
 * and may reopen it; managers see which months are closed.
 */
export function ClosingsPage() {
  const { t, i18n } = useTranslation();
  const today = useToday();
  const access = useFinanceAccess();
  const money = useMoney();
  const phone = useMediaQuery('(max-width: 36em)');
  const [params, setParams] = useSearchParams();
  const thisYear = Number(today.slice(0, 4));
  const year = Number(params.get('year')) || thisYear;
  const closings = useClosings({ enabled: access.write });
  const summary = useFinanceSummary({
    from: `${year}-01-01`,
    to: `${year + 1}-01-01`,
    groupBy: 'month',
  });
  const close = useCloseMonth();
  const reopen = useReopenMonth();
  const [asked, setAsked] = useState<{ month: string; action: 'close' | 'reopen' } | null>(null);
  const monthWithYear = (month: string) => capitalized(formatMonth(`${month}-01`, i18n.resolvedLanguage));
  const change = asked?.action === 'reopen' ? reopen : close;

  if (access.read && !access.write)
    return (
      <FinanceShell title={t('finance.closings.title')}>
        <EmptyState title={t('finance.closings.managersOnly')} />
      </FinanceShell>
    );

  return (
    <FinanceShell
      title={t('finance.closings.title')}
      subtitle={
        access.admin
          ? t('finance.closings.subtitle')
          : `${t('finance.closings.subtitle')} ${t('finance.closings.adminsOnly')}`
      }
    >
      <Select
        label={t('finance.summary.year')}
        data={yearsAround(thisYear).map(String)}
        value={String(year)}
        onChange={(value) =>
          setParams(value && value !== String(thisYear) ? { year: value } : {}, { replace: true })
        }
        allowDeselect={false}
        maw={200}
      />
      {closings.isPending ? (
        <LoadingState />
      ) : closings.isError ? (
        <ErrorState message={errorSummary(t, closings.error)} onRetry={() => closings.refetch()} />
      ) : (
        <Card withBorder padding={0}>
          <Table.ScrollContainer minWidth={340}>
            <Table verticalSpacing="xs" horizontalSpacing="sm">
              <Table.Caption style={{ captionSide: 'top', textAlign: 'start', padding: '8px 12px' }}>
                {t('finance.closings.caption', { year })}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('finance.summary.month')}</Table.Th>
                  {!phone && (
                    <Table.Th scope="col" ta="right">
                      {t('finance.totals.net')}
                    </Table.Th>
                  )}
                  <Table.Th scope="col">{t('finance.closings.status')}</Table.Th>
                  {access.admin && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {monthsOf(year).map((month) => {
                  const closing = closings.data.find((item) => item.month === month);
                  const net = summary.data?.rows.find((row) => row.month === month)?.net ?? '0.00';
                  return (
                    <Table.Tr key={month} data-month={month}>
                      <Table.Th scope="row" fw={500}>
                        {capitalized(monthName(month, i18n.resolvedLanguage))}
                        {phone && (
                          <Text size="xs" c={amountColor(centsOf(net))}>
                            {t('finance.totals.net')}: {money(net)}
                          </Text>
                        )}
                      </Table.Th>
                      {!phone && (
                        <Table.Td ta="right">
                          <Text size="sm" c={amountColor(centsOf(net))} style={{ whiteSpace: 'nowrap' }}>
                            {summary.data ? money(net) : '…'}
                          </Text>
                        </Table.Td>
                      )}
                      <Table.Td>
                        {closing ? (
                          <Stack gap={2}>
                            <Badge color="gray" variant="filled" size="sm">
                              {t('finance.closings.closed')}
                            </Badge>
                            <Text size="xs" c="dimmed">
                              {t('finance.closings.closedBy', {
                                name: closing.closedByName ?? '—',
                                date: formatInstant(closing.closedAt, i18n.resolvedLanguage),
                              })}
                            </Text>
                          </Stack>
                        ) : (
                          <Badge color="teal" variant="light" size="sm">
                            {t('finance.closings.open')}
                          </Badge>
                        )}
                      </Table.Td>
                      {access.admin && (
                        <Table.Td>
                          <Button
                            size="xs"
                            variant={closing ? 'default' : 'light'}
                            onClick={() => {
                              close.reset();
                              reopen.reset();
                              setAsked({ month, action: closing ? 'reopen' : 'close' });
                            }}
                            aria-label={t(
                              closing ? 'finance.closings.reopenNamed' : 'finance.closings.closeNamed',
                              {
                                month: monthWithYear(month),
                              },
                            )}
                          >
                            {closing ? t('finance.closings.reopen') : t('finance.closings.close')}
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}

      <Modal
        opened={asked !== null}
        onClose={() => setAsked(null)}
        title={
          asked
            ? t(asked.action === 'close' ? 'finance.closings.closeTitle' : 'finance.closings.reopenTitle', {
                month: monthWithYear(asked.month),
              })
            : ''
        }
      >
        {asked && (
          <Stack gap="sm">
            <Text size="sm">
              {t(asked.action === 'close' ? 'finance.closings.closeBody' : 'finance.closings.reopenBody', {
                month: monthWithYear(asked.month),
              })}
            </Text>
            <FailureAlert>{change.isError ? errorSummary(t, change.error) : null}</FailureAlert>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAsked(null)}>
                {t('common.back')}
              </Button>
              <Button
                color={asked.action === 'close' ? undefined : 'orange'}
                loading={change.isPending}
                onClick={() => change.mutate(asked.month, { onSuccess: () => setAsked(null) })}
              >
                {asked.action === 'close'
                  ? t('finance.closings.closeConfirm')
                  : t('finance.closings.reopenConfirm')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </FinanceShell>
  );
}
