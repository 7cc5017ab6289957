import {
  Alert,
  Button,
  CopyButton,
  Group,
  Modal,
  Stack,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FailureAlert } from '../../components/FailureAlert.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { channelSourceValues } from '../../lib/api/client.ts';
import { errorSummary } from '../../lib/form-errors.ts';
import { ChannelMark } from './ChannelMark.tsx';
import { type ChannelSource, useExports, useRotateExports } from './use-channels.ts';

/**
 * The house's calendar for the channels to import: one secret address per
 * channel, each leaving out what that channel sent (so a booking does not
 * come back to it as dates closed elsewhere), and a way to replace them.
 */
export function ExportUrls({ houseId }: { houseId: string }) {
  const { t } = useTranslation();
  const exports = useExports(houseId);
  const rotate = useRotateExports(houseId);
  const [confirming, setConfirming] = useState(false);

  return (
    <Stack gap="sm" component="section" aria-labelledby="channel-export">
      <Stack gap={2}>
        <Title order={3} id="channel-export">
          {t('channels.export.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('channels.export.hint')}
        </Text>
      </Stack>
      {exports.isPending ? (
        <LoadingState />
      ) : exports.isError ? (
        <ErrorState message={errorSummary(t, exports.error)} onRetry={() => exports.refetch()} />
      ) : (
        <>
          {sortedBySource(exports.data).map((item) => (
            <ExportUrl key={item.channel} channel={item.channel} url={item.url} />
          ))}
          <div role="status">
            {rotate.isSuccess && <Alert color="teal">{t('channels.export.rotated')}</Alert>}
          </div>
          <Group>
            <Button variant="light" color="red" onClick={() => setConfirming(true)}>
              {t('channels.export.rotate')}
            </Button>
          </Group>
        </>
      )}
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('channels.export.rotateTitle')}
      >
        <Stack gap="sm">
          <Text size="sm">{t('channels.export.rotateBody')}</Text>
          <FailureAlert>{rotate.isError ? errorSummary(t, rotate.error) : null}</FailureAlert>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={rotate.isPending}
              onClick={() => rotate.mutate(undefined, { onSuccess: () => setConfirming(false) })}
            >
              {t('channels.export.rotateConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** In the order the app names the channels everywhere (the API sorts them by name: "other" before "vrbo"). */
const sortedBySource = <Item extends { channel: ChannelSource }>(items: Item[]) =>
  [...items].sort((a, b) => channelSourceValues.indexOf(a.channel) - channelSourceValues.indexOf(b.channel));

function ExportUrl({ channel, url }: { channel: ChannelSource; url: string }) {
  const { t } = useTranslation();
  // "Airbnb", or "another channel" for the address meant for any other.
  const name = t(`channels.export.target.${channel}`);
  const label = t('channels.export.pasteInto', { channel: name });
  return (
    <CopyButton value={url}>
      {({ copied, copy }) => (
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            label={
              <Group gap={4} component="span" wrap="nowrap">
                <ChannelMark source={channel} />
                {label}
              </Group>
            }
            value={url}
            readOnly
            // One tap selects the whole address, to copy it by hand where Copy cannot (an install on
            // plain http has no clipboard API) or with a phone's own menu.
            onFocus={(event) => event.currentTarget.select()}
            style={{ flex: 1, minWidth: 0 }}
          />
          <Button
            variant={copied ? 'filled' : 'default'}
            color={copied ? 'teal' : undefined}
            onClick={copy}
            aria-label={
              copied
                ? t('channels.export.copiedNamed', { channel: name })
                : t('channels.export.copyNamed', { channel: name })
            }
            style={{ flexShrink: 0 }}
          >
            {copied ? t('channels.export.copied') : t('channels.export.copy')}
          </Button>
          {/* A button's new name is not announced: this says the copy happened. */}
          <VisuallyHidden role="status">
            {copied ? t('channels.export.copiedNamed', { channel: name }) : ''}
          </VisuallyHidden>
        </Group>
      )}
    </CopyButton>
  );
}
