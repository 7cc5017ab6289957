import { Alert, Button, FileInput, Group, Radio, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadErrorText } from '../../components/Attachments.tsx';
import { newIdempotencyKey } from '../../lib/api/client.ts';
import { ledgerCategoryValues } from '../../lib/api/schema.gen.ts';
import { uploadAttachment } from '../../lib/attachments.ts';
import { errorSummary, hasFieldErrors, translatedFieldErrors } from '../../lib/form-errors.ts';
import { toCents } from '../../lib/money.ts';
import { useToday } from '../../lib/organization.ts';
import { shrinkPhoto } from '../../lib/photo.ts';
import { dateRule, requiredRule } from '../../lib/validation.ts';
import { useHouses } from '../houses/use-houses.ts';
import { HELD_CATEGORIES, type LedgerCategory, type LedgerEntry } from './ledger.ts';
import {
  type LedgerEntryChange,
  type LedgerEntryInput,
  useCreateEntry,
  useUpdateEntry,
} from './use-finance.ts';

/** The value of the house field for an entry of the whole organization (a select wants a string). */
const ORGANIZATION = 'organization';
/** Deposits move with a stay's payments only: never typed by hand. */
const MANUAL_CATEGORIES = ledgerCategoryValues.filter((category) => !HELD_CATEGORIES.includes(category));

interface Values {
  houseId: string;
  date: string;
  type: 'income' | 'expense';
  category: LedgerCategory | null;
  description: string;
  amount: string;
  receipt: File | null;
}

/**
 * An income or an expense typed by hand, new (with its receipt, a photo or a
 * PDF, sent right after) or changed (only the fields changed are sent, on the
 * version shown). The server's refusals show next to their fields.
 */
export function EntryForm({
  entry,
  defaults,
  onDone,
}: {
  entry?: LedgerEntry;
  defaults?: { houseId?: string };
  onDone: (entry: LedgerEntry, receiptError?: string) => void;
}) {
  const { t } = useTranslation();
  const today = useToday();
  const houses = useHouses();
  const create = useCreateEntry();
  const update = useUpdateEntry();
  const save = entry ? update : create;
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [sendingReceipt, setSendingReceipt] = useState(false);

  const form = useForm<Values>({
    initialValues: {
      houseId: entry ? (entry.houseId ?? ORGANIZATION) : (defaults?.houseId ?? ORGANIZATION),
      date: entry?.date ?? today,
      type: entry?.type ?? 'expense',
      category: entry?.category ?? null,
      description: entry?.description ?? '',
      amount: entry?.amount ?? '',
      receipt: null,
    },
    validate: {
      date: dateRule(t),
      category: (value) => (value ? null : t('errors.required')),
      description: requiredRule(t),
      amount: (value) => {
        if (value.trim() === '') return t('errors.required');
        const cents = toCents(value);
        return cents === null || cents <= 0 ? t('errors.invalid-amount') : null;
      },
    },
  });

  const submit = form.onSubmit(async (values) => {
    const body: LedgerEntryInput = {
      houseId: values.houseId === ORGANIZATION ? null : values.houseId,
      date: values.date,
      type: values.type,
      category: values.category as LedgerCategory,
      description: values.description.trim(),
      amount: values.amount.trim().replace(',', '.'),
    };
    try {
      if (entry) {
        // Only what changed: an untouched field keeps whatever the entry holds now.
        const change = Object.fromEntries(
          Object.entries(body).filter(([field, value]) => {
            const before = entry[field as keyof LedgerEntry];
            return field === 'amount' ? toCents(String(value)) !== toCents(String(before)) : value !== before;
          }),
        ) as LedgerEntryChange;
        if (Object.keys(change).length === 0) return onDone(entry);
        return onDone(await update.mutateAsync({ entry, change }));
      }
      const created = await create.mutateAsync({ body, idempotencyKey });
      if (!values.receipt) return onDone(created);
      setSendingReceipt(true);
      try {
        await uploadAttachment(
          { type: 'ledger', id: created.id },
          await shrinkPhoto(values.receipt),
          'receipt',
        );
        onDone(created);
      } catch (error) {
        // The entry stands: its page says the receipt is missing, and takes it again.
        onDone(created, uploadErrorText(t, error));
      } finally {
        setSendingReceipt(false);
      }
    } catch (error) {
      form.setErrors(translatedFieldErrors(t, error));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {save.isError && !hasFieldErrors(save.error) && (
          <Alert color="red" role="alert">
            {errorSummary(t, save.error)}
          </Alert>
        )}
        <Radio.Group label={t('finance.fields.type')} required {...form.getInputProps('type')}>
          <Group gap="lg" mt={6}>
            <Radio value="expense" label={t('finance.type.expense')} />
            <Radio value="income" label={t('finance.type.income')} />
          </Group>
        </Radio.Group>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label={t('finance.fields.house')}
            searchable
            allowDeselect={false}
            data={[
              { value: ORGANIZATION, label: t('finance.organization') },
              ...(houses.data ?? []).map((house) => ({ value: house.id, label: house.name })),
            ]}
            {...form.getInputProps('houseId')}
          />
          <TextInput label={t('finance.fields.date')} type="date" required {...form.getInputProps('date')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label={t('finance.fields.category')}
            required
            searchable
            data={MANUAL_CATEGORIES.map((category) => ({
              value: category,
              label: t(`finance.category.${category}`),
            }))}
            {...form.getInputProps('category')}
          />
          <TextInput
            label={t('finance.fields.amount')}
            inputMode="decimal"
            required
            {...form.getInputProps('amount')}
          />
        </SimpleGrid>
        <TextInput
          label={t('finance.fields.description')}
          required
          maxLength={500}
          {...form.getInputProps('description')}
        />
        {!entry && (
          <FileInput
            label={t('finance.form.receipt')}
            description={t('finance.form.receiptHint')}
            accept="image/*,application/pdf"
            clearable
            {...form.getInputProps('receipt')}
          />
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending || sendingReceipt}>
            {entry ? t('common.save') : t('finance.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
