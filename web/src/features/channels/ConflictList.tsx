import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { formatDate, formatInstant } from '../../lib/dates.ts';
import { errorSummary } from '../../lib/form-errors.ts';
import { ChannelMark } from './ChannelMark.tsx';
import { type ChannelConflict, useChannelConflicts } from './use-channels.ts';

/**
 * The events of the house's feeds kept out because their nights are taken:
 * both sides named, each a link to where it is settled.
 */
export function ConflictList({ houseId }: { houseId: string }) {
  const { t } = useTranslation();
  const conflicts = useChannelConflicts({ houseId });
  return (
    <Stack gap="sm" component="section" aria-labelledby="channel-conflicts">
      <Stack gap={2}>
        <Title order={3} id="channel-conflicts">
          {t('channels.conflicts.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('channels.conflicts.hint')}
        </Text>
      </Stack>
      {conflicts.isPending ? (
        <LoadingState />
      ) : conflicts.isError ? (
        <ErrorState message={errorSummary(t, conflicts.error)} onRetry={() => conflicts.refetch()} />
      ) : conflicts.data.length === 0 ? (
        <Card withBorder padding="sm">
          <Text size="sm">{t('channels.conflicts.none')}</Text>
        </Card>
      ) : (
        conflicts.data.map((conflict) => (
          <ConflictCard key={`${conflict.channelId}:${conflict.uid}`} conflict={conflict} />
        ))
      )}
    </Stack>
  );
}

function ConflictCard({ conflict }: { conflict: ChannelConflict }) {
  const { t, i18n } = useTranslation();
  const range = (start: string, end: string) =>
    `${formatDate(start, i18n.resolvedLanguage)} → ${formatDate(end, i18n.resolvedLanguage)}`;
  const other = conflict.other;
  const titleId = useId();
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group gap={6} wrap="nowrap" align="flex-start">
          <ChannelMark source={conflict.source} />
          <Stack gap={0}>
            <Title order={4} size="h5" id={titleId}>
              {conflict.channelName} · {range(conflict.start, conflict.end)}
            </Title>
            <Text size="xs" c="dimmed">
              {t('channels.conflicts.since', { date: formatInstant(conflict.since, i18n.resolvedLanguage) })}
            </Text>
          </Stack>
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Side
            label={t('channels.conflicts.feedSide', { channel: t(`channels.sources.${conflict.source}`) })}
          >
            <Text size="sm" fw={600}>
              {conflict.kind === 'block'
                ? t('channels.conflicts.feedBlock')
                : conflict.guestName
                  ? t('channels.conflicts.feedStay', { guest: conflict.guestName })
                  : t('channels.conflicts.feedStayUnnamed')}
            </Text>
            <Text size="sm">{range(conflict.start, conflict.end)}</Text>
            {conflict.reservationId && (
              <Anchor component={Link} to={`/reservations/${conflict.reservationId}`} size="sm">
                {t('channels.conflicts.keptOnOldDates')}
              </Anchor>
            )}
          </Side>
          <Side label={t('channels.conflicts.otherSide')}>
            {other?.type === 'reservation' ? (
              <>
                <Anchor component={Link} to={`/reservations/${other.id}`} size="sm" fw={600}>
                  {t('channels.conflicts.otherStay', { guest: other.guestName })}
                </Anchor>
                <Text size="sm">
                  {range(other.checkIn, other.checkOut)} · {t(`reservations.source.${other.source}`)}
                </Text>
              </>
            ) : other?.type === 'block' ? (
              <>
                <Anchor component={Link} to={`/calendar?month=${other.start.slice(0, 7)}`} size="sm" fw={600}>
                  {t('channels.conflicts.otherBlock', { kind: t(`blocks.kind.${other.kind}`) })}
                </Anchor>
                <Text size="sm">{range(other.start, other.end)}</Text>
              </>
            ) : (
              <Text size="sm">{t('channels.conflicts.otherUnknown')}</Text>
            )}
          </Side>
        </SimpleGrid>
        <Text size="sm">
          {other?.type === 'block' ? t('channels.conflicts.todoBlock') : t('channels.conflicts.todoStay')}
        </Text>
      </Stack>
    </Card>
  );
}

function Side({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2} p="xs" bg="gray.0" style={{ borderRadius: 'var(--mantine-radius-sm)' }}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}
