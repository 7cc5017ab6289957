import {
  Alert,
  Anchor,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { newIdempotencyKey, reservationSourceValues } from '../../lib/api/client.ts';
import { formatDate, nightsBetween } from '../../lib/dates.ts';
import { errorSummary, hasFieldErrors, translatedFieldErrors } from '../../lib/form-errors.ts';
import { priceOfNights, toCents } from '../../lib/money.ts';
import { useMoney } from '../../lib/organization.ts';
import {
  dateRule,
  emailRule,
  endDateError,
  isCalendarDate,
  optionalAmountRule,
  requiredRule,
} from '../../lib/validation.ts';
import { useHouses } from '../houses/use-houses.ts';
import {
  hasMoney,
  type Reservation,
  type ReservationInput,
  useCalendar,
  useCreateReservation,
  useUpdateReservation,
} from './use-reservations.ts';

interface Values {
  houseId: string | null;
  checkIn: string;
  checkOut: string;
  guests: number | string;
  guestName: string;
  guestEmail: string;
  guestPhone: string;
  status: 'pending' | 'confirmed';
  source: ReservationInput['source'];
  externalRef: string;
  totalPrice: string;
  advancePaid: string;
  notes: string;
}

const amount = (value: string) => value.trim().replace(',', '.');

/**
 * A new stay (with `initial` dates and house, e.g. picked on the timeline) or
 * changes to an existing one. While the dates are being chosen it asks the
 * calendar whether the nights are free, so a conflict shows before submitting.
 */
export function ReservationForm({
  initial,
  reservation,
  onDone,
}: {
  initial?: { houseId?: string; checkIn?: string; checkOut?: string };
  reservation?: Reservation;
  onDone: (reservation: Reservation) => void;
}) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const houses = useHouses();
  const create = useCreateReservation();
  const update = useUpdateReservation();
  const save = reservation ? update : create;
  const [idempotencyKey] = useState(newIdempotencyKey);
  const withMoney = reservation ? hasMoney(reservation) : true;

  /** The house's nightly price, which prices a stay left without one (managers see it). */
  const nightlyPriceOf = (id: string | null) => {
    const chosen = houses.data?.find((candidate) => candidate.id === id);
    return chosen && 'nightlyPrice' in chosen ? chosen.nightlyPrice : null;
  };
  /** The stay's nights at the house's nightly price, as the server counts a stay given no price. */
  const priceFor = (values: Pick<Values, 'houseId' | 'checkIn' | 'checkOut'>) => {
    const nightly = nightlyPriceOf(values.houseId);
    const count =
      isCalendarDate(values.checkIn) && isCalendarDate(values.checkOut)
        ? nightsBetween(values.checkIn, values.checkOut)
        : 0;
    return nightly && count > 0 ? priceOfNights(nightly, count) : null;
  };

  const form = useForm<Values>({
    initialValues: {
      houseId: reservation?.houseId ?? initial?.houseId ?? null,
      checkIn: reservation?.checkIn ?? initial?.checkIn ?? '',
      checkOut: reservation?.checkOut ?? initial?.checkOut ?? '',
      guests: reservation?.guests ?? 2,
      guestName: reservation?.guestName ?? '',
      guestEmail: '',
      guestPhone: '',
      status: 'confirmed',
      source: reservation?.source ?? 'direct',
      externalRef: reservation?.externalRef ?? '',
      totalPrice: reservation && hasMoney(reservation) ? reservation.totalPrice : '',
      // Asked on a new stay only: later money is recorded as a payment, with its date and method.
      advancePaid: '',
      notes: reservation?.notes ?? '',
    },
    validate: {
      houseId: (value) => (value ? null : t('errors.required')),
      checkIn: dateRule(t),
      checkOut: (value, values) => endDateError(t, value, values.checkIn),
      guests: (value, values) => {
        const max = houses.data?.find((house) => house.id === values.houseId)?.maxGuests ?? 500;
        const count = Number(value);
        return Number.isInteger(count) && count >= 1 && count <= max
          ? null
          : t('reservations.errors.guests', { count: max });
      },
      guestName: (value) => (reservation ? null : requiredRule(t)(value)),
      guestEmail: (value) => (value.trim() === '' ? null : emailRule(t)(value)),
      // Left empty, the price is counted from the house; a house without a nightly price needs one.
      totalPrice: (value, values) => {
        if (value.trim() === '') {
          return nightlyPriceOf(values.houseId) ? null : t('reservations.errors.priceRequired');
        }
        const wrong = optionalAmountRule(t)(value);
        if (wrong || !reservation || !hasMoney(reservation)) return wrong;
        // What is paid stays paid: a refund is recorded under the stay's payments first.
        const total = toCents(value);
        const paid = toCents(reservation.advancePaid);
        return total !== null && paid !== null && total < paid ? t('errors.less-than-paid') : null;
      },
      advancePaid: (value, values) => {
        if (reservation || value.trim() === '') return null;
        const advance = toCents(value);
        if (advance === null) return t('errors.invalid-amount');
        const total = toCents(values.totalPrice.trim() === '' ? (priceFor(values) ?? '') : values.totalPrice);
        return total !== null && advance > total ? t('reservations.errors.advance') : null;
      },
    },
  });

  const { houseId, checkIn, checkOut } = form.values;
  const [range] = useDebouncedValue({ houseId, checkIn, checkOut }, 250);
  const datesValid =
    isCalendarDate(range.checkIn) && isCalendarDate(range.checkOut) && range.checkIn < range.checkOut;
  const check = useCalendar({
    from: datesValid ? range.checkIn : '',
    to: datesValid ? range.checkOut : '',
    houseId: range.houseId ?? undefined,
  });
  const checkedHouse = range.houseId
    ? check.data?.houses.find((house) => house.houseId === range.houseId)
    : undefined;
  const conflicts =
    datesValid && checkedHouse
      ? [
          ...(checkedHouse.reservations ?? [])
            .filter((stay) => stay.id !== reservation?.id)
            .map((stay) => ({
              id: stay.id,
              what: stay.guestName,
              start: stay.checkIn,
              end: stay.checkOut,
              stay: true,
            })),
          ...(checkedHouse.blocks ?? []).map((block) => ({
            id: block.id,
            what: t(`blocks.kind.${block.kind}`),
            start: block.start,
            end: block.end,
            stay: false,
          })),
        ]
      : [];

  const house = houses.data?.find((candidate) => candidate.id === houseId);
  const nights = isCalendarDate(checkIn) && isCalendarDate(checkOut) ? nightsBetween(checkIn, checkOut) : 0;
  const nightlyPrice = nightlyPriceOf(houseId);
  const fromHouse = priceFor(form.values);
  const priceLeftEmpty = form.values.totalPrice.trim() === '';
  // Said before saving: what an empty price will be, or that this house needs one.
  const priceHint =
    priceLeftEmpty && fromHouse && nightlyPrice
      ? t('reservations.priceFromHouse', {
          count: nights,
          nightly: money(nightlyPrice),
          amount: money(fromHouse),
        })
      : priceLeftEmpty && house && !nightlyPrice
        ? t('reservations.priceNeeded')
        : !priceLeftEmpty && fromHouse
          ? t('reservations.suggested', { amount: money(fromHouse) })
          : undefined;

  const submit = form.onSubmit(async (values) => {
    const common = {
      houseId: values.houseId as string,
      checkIn: values.checkIn,
      checkOut: values.checkOut,
      guests: Number(values.guests),
      source: values.source,
      externalRef: values.externalRef.trim() || null,
      notes: values.notes.trim() || null,
      ...(withMoney
        ? {
            // A new stay left without a price is priced by the server from the house; a change
            // sends the price the form stated, as a change keeps its price otherwise.
            ...(values.totalPrice.trim()
              ? { totalPrice: amount(values.totalPrice) }
              : reservation
                ? { totalPrice: priceFor(values) ?? undefined }
                : {}),
            ...(!reservation && values.advancePaid.trim() ? { advancePaid: amount(values.advancePaid) } : {}),
          }
        : {}),
    };
    try {
      const saved = reservation
        ? await update.mutateAsync({ reservation, change: common })
        : await create.mutateAsync({
            idempotencyKey,
            body: {
              ...common,
              status: values.status,
              guestName: values.guestName.trim(),
              ...(values.guestEmail.trim() ? { guestEmail: values.guestEmail.trim() } : {}),
              ...(values.guestPhone.trim() ? { guestPhone: values.guestPhone.trim() } : {}),
            },
          });
      onDone(saved);
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
        <Select
          label={t('reservations.fields.house')}
          required
          searchable
          data={(houses.data ?? [])
            .filter((candidate) => candidate.status === 'active' || candidate.id === houseId)
            .map((candidate) => ({ value: candidate.id, label: `${candidate.name} (${candidate.code})` }))}
          {...form.getInputProps('houseId')}
        />
        <SimpleGrid cols={{ base: 2 }} spacing="sm">
          <TextInput
            label={t('reservations.fields.checkIn')}
            type="date"
            required
            {...form.getInputProps('checkIn')}
          />
          <TextInput
            label={t('reservations.fields.checkOut')}
            type="date"
            required
            min={checkIn || undefined}
            {...form.getInputProps('checkOut')}
          />
        </SimpleGrid>
        {conflicts.length > 0 ? (
          <Alert color="red" role="alert" title={t('reservations.conflictTitle')}>
            <Stack gap={4}>
              {conflicts.map((conflict) => (
                <Text size="sm" key={conflict.id}>
                  {conflict.stay ? (
                    <Anchor component={Link} to={`/reservations/${conflict.id}`} size="sm">
                      {conflict.what}
                    </Anchor>
                  ) : (
                    conflict.what
                  )}{' '}
                  · {formatDate(conflict.start, i18n.resolvedLanguage)} →{' '}
                  {formatDate(conflict.end, i18n.resolvedLanguage)}
                </Text>
              ))}
            </Stack>
          </Alert>
        ) : (
          nights > 0 && (
            <Text size="sm" c={datesValid && check.isSuccess ? 'teal.8' : 'dimmed'} aria-live="polite">
              {t('reservations.nights', { count: nights })}
              {datesValid && check.isSuccess && checkedHouse ? ` · ${t('reservations.free')}` : ''}
            </Text>
          )
        )}
        {!reservation && (
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <TextInput
              label={t('reservations.fields.guestName')}
              required
              {...form.getInputProps('guestName')}
            />
            <TextInput
              label={t('reservations.fields.guestEmail')}
              type="email"
              {...form.getInputProps('guestEmail')}
            />
            <TextInput
              label={t('reservations.fields.guestPhone')}
              type="tel"
              {...form.getInputProps('guestPhone')}
            />
          </SimpleGrid>
        )}
        <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="sm">
          <NumberInput
            label={t('reservations.fields.guests')}
            required
            min={1}
            max={house?.maxGuests ?? 500}
            allowDecimal={false}
            {...form.getInputProps('guests')}
          />
          <Select
            label={t('reservations.fields.source')}
            data={reservationSourceValues.map((source) => ({
              value: source,
              label: t(`reservations.source.${source}`),
            }))}
            allowDeselect={false}
            {...form.getInputProps('source')}
          />
          {!reservation && (
            <Select
              label={t('reservations.fields.status')}
              data={(['confirmed', 'pending'] as const).map((status) => ({
                value: status,
                label: t(`reservations.status.${status}`),
              }))}
              allowDeselect={false}
              {...form.getInputProps('status')}
            />
          )}
        </SimpleGrid>
        {withMoney && (
          <SimpleGrid cols={{ base: 2 }} spacing="sm">
            <TextInput
              label={t('reservations.fields.totalPrice')}
              inputMode="decimal"
              required={house !== undefined && !nightlyPrice}
              placeholder={fromHouse ?? undefined}
              description={priceHint}
              // Below the field, so the two amounts stay aligned side by side.
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              {...form.getInputProps('totalPrice')}
            />
            {!reservation && (
              <TextInput
                label={t('reservations.fields.advancePaid')}
                inputMode="decimal"
                description={t('reservations.advanceRecorded')}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                {...form.getInputProps('advancePaid')}
              />
            )}
          </SimpleGrid>
        )}
        <TextInput label={t('reservations.fields.externalRef')} {...form.getInputProps('externalRef')} />
        <Textarea
          label={t('reservations.fields.notes')}
          autosize
          minRows={2}
          {...form.getInputProps('notes')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={conflicts.length > 0}>
            {reservation ? t('common.save') : t('reservations.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
