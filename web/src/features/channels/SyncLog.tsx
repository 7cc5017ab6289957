import { Badge, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { formatInstant } from '../../lib/dates.ts';
import { errorSummary } from '../../lib/form-errors.ts';
import { SyncErrorText } from './SyncErrorText.tsx';
import { type ChannelSync, useChannelSyncs } from './use-channels.ts';

const COUNTS = ['events', 'created', 'updated', 'cancelled', 'conflicts'] as const;

/**
 * A feed's last syncs, newest first: when, how long, what the channel
 * answered and what changed. A table on a wide screen, a list on a phone
 * (nine columns do not fit one).
 */
export function SyncLog({ channelId }: { channelId: string }) {
  const { t, i18n } = useTranslation();
  const syncs = useChannelSyncs(channelId);
  const phone = useMediaQuery('(max-width: 36em)');
  const language = i18n.resolvedLanguage;
  const duration = (ms: number) =>
    ms < 1000
      ? new Intl.NumberFormat(language, { style: 'unit', unit: 'millisecond' }).format(ms)
      : new Intl.NumberFormat(language, { style: 'unit', unit: 'second', maximumFractionDigits: 1 }).format(
          ms / 1000,
        );
  const result = (sync: ChannelSync) => (
    <Badge variant="light" color={sync.status === 'ok' ? 'teal' : 'red'}>
      {t(`channels.log.status.${sync.status}`)}
    </Badge>
  );
  const error = (sync: ChannelSync) => <SyncErrorText code={sync.errorCode} message={sync.error} />;

  if (syncs.isPending) return <LoadingState />;
  if (syncs.isError)
    return <ErrorState message={errorSummary(t, syncs.error)} onRetry={() => syncs.refetch()} />;
  if (syncs.data.length === 0) return <EmptyState title={t('channels.log.empty')} />;

  if (phone)
    return (
      <Stack gap="xs">
        {syncs.data.map((sync) => (
          <Card key={sync.id} withBorder padding="sm">
            <Stack gap={4}>
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm" fw={600}>
                  {formatInstant(sync.startedAt, language)}
                </Text>
                {result(sync)}
              </Group>
              <Text size="xs" c="dimmed">
                {duration(sync.durationMs)} · {t('channels.log.http')} {sync.httpStatus ?? '—'}
              </Text>
              <Text size="sm">{t('channels.feeds.syncSummary', sync)}</Text>
              {sync.error && error(sync)}
            </Stack>
          </Card>
        ))}
      </Stack>
    );

  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('channels.log.when')}</Table.Th>
            <Table.Th>{t('channels.log.result')}</Table.Th>
            <Table.Th ta="right">{t('channels.log.duration')}</Table.Th>
            <Table.Th ta="right">{t('channels.log.http')}</Table.Th>
            {COUNTS.map((count) => (
              <Table.Th key={count} ta="right">
                {t(`channels.log.${count}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {syncs.data.map((sync) => (
            <Fragment key={sync.id}>
              <Table.Tr>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {formatInstant(sync.startedAt, language)}
                </Table.Td>
                <Table.Td>{result(sync)}</Table.Td>
                <Table.Td ta="right">{duration(sync.durationMs)}</Table.Td>
                <Table.Td ta="right">{sync.httpStatus ?? '—'}</Table.Td>
                {COUNTS.map((count) => (
                  <Table.Td key={count} ta="right">
                    {sync[count]}
                  </Table.Td>
                ))}
              </Table.Tr>
              {sync.error && (
                // What went wrong in full, under its sync, across the columns.
                <Table.Tr>
                  <Table.Td colSpan={4 + COUNTS.length}>{error(sync)}</Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
