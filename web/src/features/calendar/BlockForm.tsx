import {
  Alert,
  Anchor,
  Button,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { blockKindValues, newIdempotencyKey } from '../../lib/api/client.ts';
import { formatDate } from '../../lib/dates.ts';
import { errorSummary, hasFieldErrors, translatedFieldErrors } from '../../lib/form-errors.ts';
import { useCanManage } from '../../lib/organization.ts';
import { dateRule, endDateError } from '../../lib/validation.ts';
import { useHouses } from '../houses/use-houses.ts';
import {
  type Block,
  type BlockInput,
  useCreateBlock,
  useDeleteBlock,
} from '../reservations/use-reservations.ts';
import type { PickedRange } from './TimelinePage.tsx';

/** The kinds a person enters: `channel` blocks come from a channel's feed only (the API refuses them). */
const ENTERED_KINDS = blockKindValues.filter((kind): kind is BlockInput['kind'] => kind !== 'channel');

/** Takes nights off the calendar for maintenance, the owner's own stay, or anything else. */
export function BlockForm({ picked, onDone }: { picked: PickedRange; onDone: () => void }) {
  const { t } = useTranslation();
  const houses = useHouses();
  const create = useCreateBlock();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const form = useForm({
    initialValues: {
      start: picked.start,
      end: picked.end,
      kind: 'maintenance' as BlockInput['kind'],
      note: '',
    },
    validate: {
      start: dateRule(t),
      end: (value, values) => endDateError(t, value, values.start),
    },
  });
  const houseName = houses.data?.find((house) => house.id === picked.houseId)?.name ?? '';
  const submit = form.onSubmit(async (values) => {
    try {
      await create.mutateAsync({
        idempotencyKey,
        body: {
          houseId: picked.houseId,
          start: values.start,
          end: values.end,
          kind: values.kind,
          note: values.note.trim() || null,
        },
      });
      onDone();
    } catch (error) {
      form.setErrors(translatedFieldErrors(t, error));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('blocks.for', { house: houseName })}</Text>
        {create.isError && !hasFieldErrors(create.error) && (
          <Alert color="red" role="alert">
            {errorSummary(t, create.error)}
          </Alert>
        )}
        <SimpleGrid cols={2} spacing="sm">
          <TextInput label={t('blocks.start')} type="date" required {...form.getInputProps('start')} />
          <TextInput label={t('blocks.end')} type="date" required {...form.getInputProps('end')} />
        </SimpleGrid>
        <Select
          label={t('blocks.kindLabel')}
          data={ENTERED_KINDS.map((kind) => ({ value: kind, label: t(`blocks.kind.${kind}`) }))}
          allowDeselect={false}
          {...form.getInputProps('kind')}
        />
        <Textarea label={t('blocks.note')} autosize minRows={2} {...form.getInputProps('note')} />
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            {t('blocks.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A block opened from the timeline: what and when, and (for managers) a way to lift it. */
export function BlockDetails({ block, onDone }: { block: Block; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const canManage = useCanManage();
  const remove = useDeleteBlock();
  return (
    <Stack gap="sm">
      <Text fw={600}>{t(`blocks.kind.${block.kind}`)}</Text>
      <Text size="sm">
        {formatDate(block.start, i18n.resolvedLanguage)} → {formatDate(block.end, i18n.resolvedLanguage)}
      </Text>
      {block.note && <Text size="sm">{block.note}</Text>}
      {remove.isError && (
        <Alert color="red" role="alert">
          {errorSummary(t, remove.error)}
        </Alert>
      )}
      {/* Lifted here, an imported block would come back at the feed's next sync: it changes on the channel. */}
      {block.kind === 'channel' && (
        <>
          <Text size="sm">{t('blocks.fromChannel')}</Text>
          {canManage && (
            <Anchor component={Link} to={`/houses/${block.houseId}/channels`} size="sm">
              {t('blocks.openChannels')}
            </Anchor>
          )}
        </>
      )}
      {canManage && block.kind !== 'channel' && (
        <Group justify="flex-end">
          <Button
            color="red"
            variant="light"
            loading={remove.isPending}
            onClick={() => remove.mutate(block, { onSuccess: onDone })}
          >
            {t('blocks.remove')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
