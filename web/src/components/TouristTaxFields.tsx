import { Checkbox, Fieldset, Group, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { channelSourceValues, reservationSourceValues } from '../lib/api/client.ts';
import { isAmount, optionalAmountRule } from '../lib/validation.ts';

/**
 * A tourist tax as a form edits it, in a house's rule and in the
 * organization's default alike: a mode, the fields of that mode, and the
 * channels whose platform collects the tax itself.
 */
export type TaxMode = 'per_night' | 'percentage';
export type TaxSource = (typeof reservationSourceValues)[number];

export interface TaxFields {
  mode: TaxMode;
  rate: string;
  percent: string;
  cap: string;
  platformSources: TaxSource[];
}

const PERCENT = /^\d{1,3}([.,]\d{1,2})?$/;

/** "5.00" → "5", "1.50" → "1.5": a percentage as it was typed. */
export const plainPercent = (percent: string | null | undefined) =>
  percent === null || percent === undefined ? '' : String(Number(percent));

/** An amount or a percentage as the API takes it: a dot, not a comma. */
const decimal = (value: string) => value.trim().replace(',', '.');

/** The tax as the API takes it: the mode's fields only. */
export const taxBody = (fields: TaxFields) =>
  fields.mode === 'per_night'
    ? { mode: 'per_night' as const, rate: decimal(fields.rate), platformSources: fields.platformSources }
    : {
        mode: 'percentage' as const,
        percent: decimal(fields.percent),
        cap: fields.cap.trim() ? decimal(fields.cap) : null,
        platformSources: fields.platformSources,
      };

/** What is wrong with each field of the tax, when its mode asks for it; null when nothing is. */
export const taxFieldRules = (t: TFunction) => ({
  rate: (value: string, mode: TaxMode) =>
    mode !== 'per_night'
      ? null
      : value.trim() === ''
        ? t('errors.required')
        : isAmount(value)
          ? null
          : t('errors.invalid-amount'),
  percent: (value: string, mode: TaxMode) =>
    mode !== 'percentage'
      ? null
      : value.trim() === ''
        ? t('errors.required')
        : !PERCENT.test(value.trim())
          ? t('errors.invalid-format')
          : Number(decimal(value)) > 100
            ? t('errors.too-large', { count: 100 })
            : null,
  cap: (value: string, mode: TaxMode) => (mode === 'percentage' ? optionalAmountRule(t)(value) : null),
});

/** A fieldset flush with the inputs (no browser margin), its legend as heavy as their labels. */
const FIELDSET_STYLES = {
  root: { margin: 0 },
  legend: {
    fontWeight: 'var(--mantine-font-weight-medium)',
    fontSize: 'var(--mantine-font-size-sm)',
    marginBottom: 4,
  },
};

/**
 * The fields of a tourist tax. The mode and the channels are fieldsets with a
 * legend, read as groups by screen readers. `texts` names where the words
 * are: the house's form and the settings page say them each their own way.
 */
export function TouristTaxFields({
  texts,
  mode,
  onModeChange,
  inputs,
  currency,
  platformSources,
  onPlatformSourcesChange,
}: {
  texts: 'finance.touristTax.form' | 'settings.tax';
  mode: TaxMode;
  onModeChange: (mode: TaxMode) => void;
  inputs: Record<'rate' | 'percent' | 'cap', GetInputPropsReturnType>;
  /** Shown beside the amount per night. */
  currency?: string;
  platformSources: TaxSource[];
  onPlatformSourcesChange: (sources: TaxSource[]) => void;
}) {
  const { t } = useTranslation();
  const modeName = useId();
  const platformsHintId = useId();
  // The channels a platform collects on: those that import calendars, and any already named.
  const channels = reservationSourceValues.filter(
    (source) =>
      (channelSourceValues as readonly string[]).includes(source) || platformSources.includes(source),
  );
  const toggle = (source: TaxSource, checked: boolean) =>
    onPlatformSourcesChange(
      checked
        ? reservationSourceValues.filter((value) => value === source || platformSources.includes(value))
        : platformSources.filter((value) => value !== source),
    );

  return (
    <>
      <Fieldset legend={t(`${texts}.mode`)} variant="unstyled" styles={FIELDSET_STYLES}>
        <Stack gap="sm">
          {(['per_night', 'percentage'] as const).map((value) => (
            <Radio
              key={value}
              name={modeName}
              value={value}
              checked={mode === value}
              onChange={() => onModeChange(value)}
              label={t(`${texts}.${value === 'per_night' ? 'perNight' : 'percentage'}`)}
              description={t(`${texts}.${value === 'per_night' ? 'perNightHint' : 'percentageHint'}`)}
            />
          ))}
        </Stack>
      </Fieldset>
      {mode === 'per_night' ? (
        <TextInput
          label={t(`${texts}.rate`)}
          inputMode="decimal"
          required
          maw={{ xs: 280 }}
          {...(currency
            ? {
                rightSection: (
                  <Text aria-hidden size="xs" c="dimmed">
                    {currency}
                  </Text>
                ),
                rightSectionWidth: 48,
              }
            : {})}
          {...inputs.rate}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput
            label={t(`${texts}.percent`)}
            inputMode="decimal"
            required
            rightSection={
              <Text aria-hidden size="sm" c="dimmed">
                %
              </Text>
            }
            {...inputs.percent}
          />
          <TextInput
            label={t(`${texts}.cap`)}
            description={t(`${texts}.capHint`)}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            inputMode="decimal"
            {...inputs.cap}
          />
        </SimpleGrid>
      )}
      <Fieldset
        legend={t(`${texts}.platforms`)}
        variant="unstyled"
        styles={FIELDSET_STYLES}
        aria-describedby={platformsHintId}
      >
        <Stack gap="xs">
          <Text size="xs" c="dimmed" id={platformsHintId}>
            {t(`${texts}.platformsHint`)}
          </Text>
          <Group gap="lg">
            {channels.map((source) => (
              <Checkbox
                key={source}
                label={t(`reservations.source.${source}`)}
                checked={platformSources.includes(source)}
                onChange={(event) => toggle(source, event.currentTarget.checked)}
              />
            ))}
          </Group>
        </Stack>
      </Fieldset>
    </>
  );
}
