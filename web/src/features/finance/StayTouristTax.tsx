import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../../lib/api/client.ts';
import { formatDate } from '../../lib/dates.ts';
import { errorSummary, hasFieldErrors, translatedFieldErrors } from '../../lib/form-errors.ts';
import { useMoney, useToday } from '../../lib/organization.ts';
import { dateRule } from '../../lib/validation.ts';
import { useReservation } from '../reservations/use-reservations.ts';
import { amountOf, centsOf } from './ledger.ts';
import { type StayTouristTax, useFinanceAccess, useRecordTouristTax } from './use-finance.ts';

type Collector = StayTouristTax['collectedBy'];

/** The channels whose name says who collected: a direct or "other" stay says "the platform". */
const NAMED_PLATFORMS = ['airbnb', 'booking', 'vrbo'];

/** The platform of a stay by name ("Airbnb") when it came from one; null for the others. */
function usePlatformName(reservationId: string): string | null {
  const { t } = useTranslation();
  const stay = useReservation(reservationId);
  const source = stay.data?.source;
  return source && NAMED_PLATFORMS.includes(source) ? t(`reservations.source.${source}`) : null;
}

/**
 * The rate per adult and night of a recorded amount, when the adults and nights
 * divide it exactly; nothing to divide (no adult counted), the rule's rate.
 */
function recordedRate(amount: string, adults: number, nights: number, ruleRate: string) {
  const cents = centsOf(amount);
  if (adults * nights === 0) return cents === 0 ? { adults, rate: ruleRate } : null;
  const rate = cents / (adults * nights);
  return Number.isInteger(rate) ? { adults, rate: amountOf(rate) } : null;
}

/** "2 adults × 4 nights × €1.65 per adult and night". */
function useComputation() {
  const { t } = useTranslation();
  const money = useMoney();
  return (adults: number, nights: number, perAdultNight: string) =>
    t('finance.touristTax.stay.computation', {
      adults: t('finance.touristTax.stay.adults', { count: adults }),
      nights: t('finance.touristTax.stay.nights', { count: nights }),
      rate: money(perAdultNight),
    });
}

/**
 * A stay's tourist tax, inside its payments: the amount, how it is counted,
 * who collects it, and once recorded, when and by whom. Managers record it in
 * two clicks, the form opening on today, the stay's guests and the collector
 * the house's rule names.
 */
export function StayTouristTaxSection({
  reservationId,
  guestName,
  tax,
  cancelled,
}: {
  reservationId: string;
  guestName: string;
  tax: StayTouristTax;
  cancelled: boolean;
}) {
  const { t, i18n } = useTranslation();
  const access = useFinanceAccess();
  const money = useMoney();
  const phone = useMediaQuery('(max-width: 36em)');
  const computation = useComputation();
  const platformName = usePlatformName(reservationId);
  const platform = platformName ?? t('finance.touristTax.stay.thePlatform');
  const headingId = useId();
  const [recording, setRecording] = useState(false);
  // Recorded, the button that opened the form is gone: focus moves to the heading rather than the page.
  const heading = useRef<HTMLHeadingElement>(null);
  const focusHeading = useRef(false);
  const collected = tax.collected;
  // A cancelled stay owes none: only what was recorded before shows.
  if (cancelled && !collected) return null;
  const date = (value: string) =>
    formatDate(value, i18n.resolvedLanguage, { day: 'numeric', month: 'short', year: 'numeric' });
  // How the amount shown is counted. Once recorded, the rate is the one of the amount recorded (the
  // house's rule may have changed since); a stay whose nights changed after no longer divides exactly.
  const counted = !collected
    ? { adults: tax.adults, rate: tax.perAdultNight }
    : recordedRate(collected.amount, collected.adults, tax.nights, tax.perAdultNight);
  // Where the money went: to the ledger when the manager took some, to the commune through the platform.
  const ledgerNote = !collected
    ? null
    : collected.collectedBy === 'platform'
      ? t('finance.touristTax.stay.notInLedger')
      : centsOf(collected.amount) > 0
        ? t('finance.touristTax.stay.inLedger')
        : null;

  return (
    <Stack
      gap={4}
      component="section"
      aria-labelledby={headingId}
      pt="xs"
      style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
    >
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Stack gap={0} miw={0}>
          <Title order={4} size="h6" id={headingId} ref={heading} tabIndex={-1}>
            {t('finance.touristTax.title')}
          </Title>
          {counted && (
            <Text size="xs" c="dimmed" data-tourist-tax-computation>
              {computation(counted.adults, tax.nights, counted.rate)}
            </Text>
          )}
        </Stack>
        <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }} data-tourist-tax-amount>
          {money(collected ? collected.amount : tax.amount)}
        </Text>
      </Group>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="center">
        <Text size="sm" miw={0}>
          {collected
            ? collected.collectedBy === 'manager'
              ? t('finance.touristTax.stay.collectedByManager', { date: date(collected.date) })
              : t('finance.touristTax.stay.collectedByPlatform', { date: date(collected.date), platform })
            : tax.collectedBy === 'manager'
              ? t('finance.touristTax.stay.byManager')
              : t('finance.touristTax.stay.byPlatform', { platform })}
        </Text>
        <Badge variant="light" color={collected ? 'teal' : 'gray'} style={{ flexShrink: 0 }}>
          {collected ? t('finance.touristTax.stay.recorded') : t('finance.touristTax.stay.toRecord')}
        </Badge>
      </Group>
      {ledgerNote && (
        <Text size="xs" c="dimmed">
          {ledgerNote}
        </Text>
      )}
      {access.write && !cancelled && !collected && (
        <Group>
          <Button size="xs" variant="light" onClick={() => setRecording(true)}>
            {t('finance.touristTax.stay.record')}
          </Button>
        </Group>
      )}
      <Modal
        opened={recording}
        onClose={() => setRecording(false)}
        onExitTransitionEnd={() => {
          if (focusHeading.current) heading.current?.focus();
          focusHeading.current = false;
        }}
        title={t('finance.touristTax.stay.recordTitle', { guest: guestName })}
        fullScreen={phone}
      >
        {recording && (
          <RecordForm
            reservationId={reservationId}
            tax={tax}
            platform={platformName ?? t('finance.touristTax.stay.platform')}
            onDone={() => {
              focusHeading.current = true;
              setRecording(false);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

interface Values {
  date: string;
  adults: number | string;
  collectedBy: Collector;
}

/** Today, the stay's guests, the collector the rule names: as it opens, one click records it. */
function RecordForm({
  reservationId,
  tax,
  platform,
  onDone,
}: {
  reservationId: string;
  tax: StayTouristTax;
  platform: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const today = useToday();
  const money = useMoney();
  const computation = useComputation();
  const record = useRecordTouristTax(reservationId);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const collectorName = useId();
  const form = useForm<Values>({
    initialValues: { date: today, adults: tax.adults, collectedBy: tax.collectedBy },
    validate: {
      date: dateRule(t),
      adults: (value) =>
        typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100
          ? null
          : value === ''
            ? t('errors.required')
            : t('errors.invalid'),
    },
  });
  const adults = typeof form.values.adults === 'number' ? form.values.adults : null;
  // What the server will count: the rate per adult and night of the rule, times the adults and the nights.
  const amount = adults === null ? null : amountOf(centsOf(tax.perAdultNight) * adults * tax.nights);

  const submit = form.onSubmit(async (values) => {
    try {
      await record.mutateAsync({
        idempotencyKey,
        body: { date: values.date, adults: Number(values.adults), collectedBy: values.collectedBy },
      });
      onDone();
    } catch (error) {
      form.setErrors(translatedFieldErrors(t, error));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {record.isError && !hasFieldErrors(record.error) && (
          <Alert color="red" role="alert">
            {errorSummary(t, record.error)}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput
            label={t('finance.touristTax.stay.date')}
            type="date"
            required
            {...form.getInputProps('date')}
          />
          <NumberInput
            label={t('finance.touristTax.stay.adults')}
            description={t('finance.touristTax.stay.adultsHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            required
            min={0}
            max={100}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('adults')}
          />
        </SimpleGrid>
        <Radio.Group
          label={t('finance.touristTax.stay.collectedBy')}
          name={collectorName}
          value={form.values.collectedBy}
          onChange={(value) => form.setFieldValue('collectedBy', value as Collector)}
          description={
            form.values.collectedBy === 'manager'
              ? t('finance.touristTax.stay.willPost')
              : t('finance.touristTax.stay.willRecord')
          }
          inputWrapperOrder={['label', 'input', 'description']}
        >
          <Group gap="lg" mt={6} mb={4}>
            <Radio value="manager" label={t('finance.touristTax.stay.manager')} />
            <Radio value="platform" label={platform} />
          </Group>
        </Radio.Group>
        <Text size="sm" fw={600} aria-live="polite" data-tourist-tax-preview>
          {amount === null
            ? null
            : `${t('finance.touristTax.stay.total', { amount: money(amount) })} (${computation(adults ?? 0, tax.nights, tax.perAdultNight)})`}
        </Text>
        <Group justify="flex-end">
          <Button type="submit" loading={record.isPending} data-autofocus>
            {t('finance.touristTax.stay.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
