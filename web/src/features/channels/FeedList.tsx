import { Alert, Badge, Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FailureAlert } from '../../components/FailureAlert.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { formatInstant, formatRelative } from '../../lib/dates.ts';
import { errorSummary } from '../../lib/form-errors.ts';
import { ChannelForm } from './ChannelForm.tsx';
import { ChannelMark } from './ChannelMark.tsx';
import { SyncErrorText } from './SyncErrorText.tsx';
import { SyncLog } from './SyncLog.tsx';
import {
  type Channel,
  overridable,
  type SyncResult,
  useChannels,
  useDeleteChannel,
  useSyncChannel,
} from './use-channels.ts';

const STATUS_COLORS: Record<Channel['status'], string> = { pending: 'gray', ok: 'teal', error: 'red' };

/** What a dialog of the list is open for, and on which feed (none for a new one). */
type Dialog = { kind: 'add' } | { kind: 'edit' | 'remove' | 'log'; channel: Channel };

/** The house's imported calendars, each with its state and what can be done with it. */
export function FeedList({ houseId }: { houseId: string }) {
  const { t } = useTranslation();
  const channels = useChannels(houseId);
  const phone = useMediaQuery('(max-width: 36em)');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const titles = {
    add: () => t('channels.feeds.add'),
    edit: () => t('channels.feeds.edit'),
    remove: (channel: Channel) => t('channels.feeds.removeTitle', { name: channel.name }),
    log: (channel: Channel) => t('channels.log.title', { name: channel.name }),
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="channel-feeds">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={3} id="channel-feeds">
            {t('channels.feeds.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('channels.feeds.hint')}
          </Text>
        </Stack>
        <Button onClick={() => setDialog({ kind: 'add' })}>{t('channels.feeds.add')}</Button>
      </Group>

      {channels.isPending ? (
        <LoadingState />
      ) : channels.isError ? (
        <ErrorState message={errorSummary(t, channels.error)} onRetry={() => channels.refetch()} />
      ) : channels.data.length === 0 ? (
        <Card withBorder>
          <EmptyState title={t('channels.feeds.empty')}>{t('channels.feeds.emptyHint')}</EmptyState>
        </Card>
      ) : (
        channels.data.map((channel) => (
          <FeedCard key={channel.id} channel={channel} onOpen={(kind) => setDialog({ kind, channel })} />
        ))
      )}

      <Modal
        opened={dialog !== null}
        onClose={close}
        title={dialog && (dialog.kind === 'add' ? titles.add() : titles[dialog.kind](dialog.channel))}
        // The sync log's nine columns need the room.
        size={dialog?.kind === 'log' ? 960 : 'lg'}
        fullScreen={phone}
      >
        {dialog?.kind === 'add' && <ChannelForm houseId={houseId} onDone={close} />}
        {dialog?.kind === 'edit' && <ChannelForm houseId={houseId} channel={dialog.channel} onDone={close} />}
        {dialog?.kind === 'remove' && <RemoveFeed channel={dialog.channel} onDone={close} />}
        {dialog?.kind === 'log' && <SyncLog channelId={dialog.channel.id} />}
      </Modal>
    </Stack>
  );
}

function FeedCard({
  channel,
  onOpen,
}: {
  channel: Channel;
  onOpen: (kind: 'edit' | 'remove' | 'log') => void;
}) {
  const { t, i18n } = useTranslation();
  const sync = useSyncChannel();
  const language = i18n.resolvedLanguage;
  const when = (instant: string | null) =>
    instant ? (
      <time dateTime={instant} title={formatInstant(instant, language)}>
        {formatRelative(instant, language)}
      </time>
    ) : (
      t('channels.feeds.never')
    );
  const titleId = useId();

  return (
    <Card withBorder padding="md" component="article" aria-labelledby={titleId}>
      <Stack gap="xs">
        {/* On a phone the state goes under a long name rather than cutting it. */}
        <Group justify="space-between" gap="xs" align="flex-start">
          <Group gap={6} wrap="nowrap" miw={0}>
            <ChannelMark source={channel.source} />
            <Title order={4} id={titleId} size="h5" style={{ overflowWrap: 'break-word', minWidth: 0 }}>
              {channel.name}
            </Title>
          </Group>
          <Badge variant="light" color={STATUS_COLORS[channel.status]}>
            {t(`channels.feeds.status.${channel.status}`)}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {t(`channels.sources.${channel.source}`)} · {channel.url}
        </Text>
        <Group gap="lg" wrap="wrap">
          <Fact label={t('channels.feeds.lastSync')}>{when(channel.lastSyncAt)}</Fact>
          {channel.status === 'error' && (
            <Fact label={t('channels.feeds.lastSuccess')}>{when(channel.lastSuccessAt)}</Fact>
          )}
          <Fact label={t('channels.feeds.nextSync')}>
            {/* A sync due in the past is waiting for its turn in the job queue. */}
            {Date.parse(channel.nextSyncAt) <= Date.now()
              ? t('channels.feeds.due')
              : when(channel.nextSyncAt)}
          </Fact>
          <Fact label={t('channels.feeds.conflicts')}>
            {channel.conflicts > 0 ? (
              <Badge color="orange" variant="light">
                {channel.conflicts}
              </Badge>
            ) : (
              '0'
            )}
          </Fact>
        </Group>
        {channel.status === 'error' && channel.lastError && !sync.isSuccess && (
          <Alert color="red" title={t('channels.feeds.lastError')}>
            <SyncErrorText code={channel.lastErrorCode} message={channel.lastError} />
          </Alert>
        )}
        {/* The outcome of "Sync now", announced when it comes. */}
        <div role="status">{sync.isSuccess && <SyncOutcome result={sync.data} />}</div>
        {overridable(sync.isSuccess ? sync.data.errorCode : channel.lastErrorCode) && (
          <Stack gap={4}>
            <Text size="sm">{t('channels.feeds.confirmHint')}</Text>
            <Group>
              <Button
                size="xs"
                color="red"
                variant="light"
                loading={sync.isPending}
                onClick={() => sync.mutate({ channel, confirmCancellations: true })}
              >
                {t('channels.feeds.confirmCancellations')}
              </Button>
            </Group>
          </Stack>
        )}
        <FailureAlert>{sync.isError ? errorSummary(t, sync.error) : null}</FailureAlert>
        <Group gap="xs" wrap="wrap">
          <Button
            size="xs"
            loading={sync.isPending}
            onClick={() => sync.mutate({ channel })}
            aria-label={t('channels.feeds.syncNamed', { name: channel.name })}
          >
            {t('channels.feeds.syncNow')}
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={() => onOpen('log')}
            aria-label={t('channels.feeds.logNamed', { name: channel.name })}
          >
            {t('channels.feeds.log')}
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={() => onOpen('edit')}
            aria-label={t('channels.feeds.editNamed', { name: channel.name })}
          >
            {t('common.edit')}
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            onClick={() => onOpen('remove')}
            aria-label={t('channels.feeds.removeNamed', { name: channel.name })}
          >
            {t('channels.feeds.remove')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

function SyncOutcome({ result }: { result: SyncResult }) {
  const { t } = useTranslation();
  if (result.status === 'error')
    return (
      <Alert color="red" title={t('channels.feeds.syncFailed')}>
        <SyncErrorText code={result.errorCode} message={result.error} />
      </Alert>
    );
  return (
    <Alert color="teal" title={t('channels.feeds.syncDone')}>
      {t('channels.feeds.syncSummary', result)}
    </Alert>
  );
}

function RemoveFeed({ channel, onDone }: { channel: Channel; onDone: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteChannel();
  return (
    <Stack gap="sm">
      <Text size="sm">{t('channels.feeds.removeBody')}</Text>
      <FailureAlert>{remove.isError ? errorSummary(t, remove.error) : null}</FailureAlert>
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button
          color="red"
          loading={remove.isPending}
          onClick={() => remove.mutate(channel, { onSuccess: onDone })}
        >
          {t('channels.feeds.removeConfirm')}
        </Button>
      </Group>
    </Stack>
  );
}
