import {
  Alert,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TimeZoneSelect } from '../../components/TimeZoneSelect.tsx';
import { ApiError, houseTypeValues, newIdempotencyKey } from '../../lib/api/client.ts';
import { errorSummary, hasFieldErrors, translatedFieldErrors } from '../../lib/form-errors.ts';
import { useOrganization } from '../../lib/organization.ts';
import { optionalAmountRule, requiredRule } from '../../lib/validation.ts';
import { type House, type HouseInput, useSaveHouse, useSites } from './use-houses.ts';

const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

interface Values {
  code: string;
  name: string;
  type: HouseInput['type'];
  siteId: string | null;
  location: string;
  maxGuests: number | string;
  nightlyPrice: string;
  timezone: string;
  checkInTime: string;
  checkOutTime: string;
  notes: string;
}

/** What a new house starts with: the organization's settings. */
interface Defaults {
  timezone: string;
  checkInTime: string;
  checkOutTime: string;
}

const fromHouse = (house: House | undefined, defaults: Defaults): Values => ({
  code: house?.code ?? '',
  name: house?.name ?? '',
  type: house?.type ?? 'villa',
  siteId: house?.siteId ?? null,
  location: house?.location ?? '',
  maxGuests: house?.maxGuests ?? 4,
  nightlyPrice: house && 'nightlyPrice' in house ? (house.nightlyPrice ?? '') : '',
  timezone: house?.timezone ?? defaults.timezone,
  checkInTime: house?.checkInTime ?? defaults.checkInTime,
  checkOutTime: house?.checkOutTime ?? defaults.checkOutTime,
  notes: house?.notes ?? '',
});

/** Creates a house, or edits one (then also offers to deactivate or reactivate it). */
export function HouseForm({ house, onDone }: { house?: House; onDone: (house: House) => void }) {
  const { t } = useTranslation();
  const organization = useOrganization();
  const sites = useSites();
  const save = useSaveHouse();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const form = useForm<Values>({
    initialValues: fromHouse(house, {
      timezone: organization.data?.timezone ?? 'Europe/Paris',
      checkInTime: organization.data?.checkInTime ?? '16:00',
      checkOutTime: organization.data?.checkOutTime ?? '10:00',
    }),
    validate: {
      code: (value) => (CODE.test(value.trim()) ? null : t('houses.errors.code')),
      name: requiredRule(t),
      maxGuests: (value) =>
        Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= 500
          ? null
          : t('houses.errors.maxGuests'),
      nightlyPrice: optionalAmountRule(t),
      timezone: requiredRule(t),
      checkInTime: (value) => (TIME.test(value) ? null : t('houses.errors.time')),
      checkOutTime: (value) => (TIME.test(value) ? null : t('houses.errors.time')),
    },
  });

  const submit = async (values: Values, status?: 'active' | 'inactive') => {
    const body: Partial<HouseInput> = status
      ? { status }
      : {
          code: values.code.trim(),
          name: values.name.trim(),
          type: values.type,
          siteId: values.siteId,
          location: values.location.trim() || null,
          maxGuests: Number(values.maxGuests),
          nightlyPrice: values.nightlyPrice.trim() ? values.nightlyPrice.trim().replace(',', '.') : null,
          timezone: values.timezone,
          checkInTime: values.checkInTime,
          checkOutTime: values.checkOutTime,
          notes: values.notes.trim() || null,
        };
    try {
      onDone(await save.mutateAsync({ house, values: body, idempotencyKey }));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'house-code-taken') {
        form.setFieldError('code', t('problems.house-code-taken'));
      } else {
        form.setErrors(translatedFieldErrors(t, error));
      }
    }
  };

  return (
    <form onSubmit={form.onSubmit((values) => submit(values))} noValidate>
      <Stack gap="sm">
        {save.isError &&
          !hasFieldErrors(save.error) &&
          !(save.error instanceof ApiError && save.error.code === 'house-code-taken') && (
            <Alert color="red" role="alert">
              {errorSummary(t, save.error)}
            </Alert>
          )}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput
            label={t('houses.fields.code')}
            description={t('houses.fields.codeHint')}
            required
            autoCapitalize="none"
            {...form.getInputProps('code')}
          />
          <TextInput label={t('houses.fields.name')} required {...form.getInputProps('name')} />
          <Select
            label={t('houses.fields.type')}
            data={houseTypeValues.map((type) => ({ value: type, label: t(`houses.types.${type}`) }))}
            allowDeselect={false}
            {...form.getInputProps('type')}
          />
          <Select
            label={t('houses.fields.site')}
            placeholder={t('houses.noSite')}
            data={(sites.data ?? []).map((site) => ({ value: site.id, label: site.name }))}
            clearable
            {...form.getInputProps('siteId')}
          />
          <NumberInput
            label={t('houses.fields.maxGuests')}
            required
            min={1}
            max={500}
            allowDecimal={false}
            {...form.getInputProps('maxGuests')}
          />
          <TextInput
            label={t('houses.fields.nightlyPrice')}
            inputMode="decimal"
            rightSection={organization.data?.currency}
            rightSectionWidth={48}
            {...form.getInputProps('nightlyPrice')}
          />
          <TextInput
            label={t('houses.fields.checkInTime')}
            type="time"
            {...form.getInputProps('checkInTime')}
          />
          <TextInput
            label={t('houses.fields.checkOutTime')}
            type="time"
            {...form.getInputProps('checkOutTime')}
          />
        </SimpleGrid>
        <TextInput label={t('houses.fields.location')} {...form.getInputProps('location')} />
        <TimeZoneSelect
          label={t('houses.fields.timezone')}
          description={t('houses.fields.timezoneHint')}
          required
          {...form.getInputProps('timezone')}
        />
        <Textarea label={t('houses.fields.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
        <Group justify="space-between">
          {house ? (
            <Button
              variant="subtle"
              color={house.status === 'active' ? 'red' : 'teal'}
              onClick={() => submit(form.values, house.status === 'active' ? 'inactive' : 'active')}
              disabled={save.isPending}
            >
              {house.status === 'active' ? t('houses.deactivate') : t('houses.reactivate')}
            </Button>
          ) : (
            <span />
          )}
          <Button type="submit" loading={save.isPending}>
            {house ? t('common.save') : t('houses.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
