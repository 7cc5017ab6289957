import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FailureAlert } from '../../components/FailureAlert.tsx';
import { ApiError, channelSourceValues, newIdempotencyKey } from '../../lib/api/client.ts';
import { errorSummary, hasFieldErrors, translatedFieldErrors } from '../../lib/form-errors.ts';
import { requiredRule } from '../../lib/validation.ts';
import { type Channel, type ChannelInput, useSaveChannel } from './use-channels.ts';

/** The server takes http and https addresses only; where they may point is checked when fetched. */
const FEED_URL = /^https?:\/\/\S+$/i;

/** The house already imports this address: said next to the address, which is what to change. */
const isDuplicate = (error: unknown) => error instanceof ApiError && error.code === 'duplicate-channel';

/** Adds a channel's feed to a house, or changes one's name, channel or address. */
export function ChannelForm({
  houseId,
  channel,
  onDone,
}: {
  houseId: string;
  channel?: Channel;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveChannel(houseId);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const form = useForm<ChannelInput>({
    initialValues: {
      name: channel?.name ?? '',
      source: channel?.source ?? 'airbnb',
      url: channel?.url ?? '',
    },
    validate: {
      name: requiredRule(t),
      url: (value) => (FEED_URL.test(value.trim()) ? null : t('channels.form.urlInvalid')),
    },
  });

  const submit = form.onSubmit(async (values) => {
    try {
      await save.mutateAsync({
        channel,
        values: { name: values.name.trim(), source: values.source, url: values.url.trim() },
        idempotencyKey,
      });
      onDone();
    } catch (error) {
      if (isDuplicate(error)) form.setFieldError('url', t('problems.duplicate-channel'));
      else form.setErrors(translatedFieldErrors(t, error));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FailureAlert>
          {save.isError && !hasFieldErrors(save.error) && !isDuplicate(save.error)
            ? errorSummary(t, save.error)
            : null}
        </FailureAlert>
        <Select
          label={t('channels.form.source')}
          data={channelSourceValues.map((source) => ({
            value: source,
            label: t(`channels.sources.${source}`),
          }))}
          {...form.getInputProps('source')}
        />
        <TextInput
          label={t('channels.form.name')}
          description={t('channels.form.nameHint')}
          required
          {...form.getInputProps('name')}
        />
        <TextInput
          label={t('channels.form.url')}
          // Where the address is found depends on the channel chosen above.
          description={t(`channels.form.urlHelp.${form.values.source}`)}
          required
          type="url"
          inputMode="url"
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          {...form.getInputProps('url')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {channel ? t('common.save') : t('channels.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
