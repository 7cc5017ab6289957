import {
  Alert,
  Button,
  Card,
  Checkbox,
  Fieldset,
  Group,
  Modal,
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
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { channelSourceValues, reservationSourceValues } from '../../lib/api/client.ts';
import { errorSummary, hasFieldErrors, translatedFieldErrors } from '../../lib/form-errors.ts';
import { useMoney } from '../../lib/organization.ts';
import { isAmount, optionalAmountRule } from '../../lib/validation.ts';
import {
  type TouristTaxRule,
  type TouristTaxRuleInput,
  useFinanceAccess,
  useRemoveTouristTaxRule,
  useSaveTouristTaxRule,
  useTouristTaxRule,
} from './use-finance.ts';

type Mode = TouristTaxRule['mode'];
type Source = TouristTaxRule['platformSources'][number];

const PERCENT = /^\d{1,3}([.,]\d{1,2})?$/;
/** A fieldset flush with the inputs (no browser margin), its legend as heavy as their labels. */
const FIELDSET_STYLES = {
  root: { margin: 0 },
  legend: {
    fontWeight: 'var(--mantine-font-weight-medium)',
    fontSize: 'var(--mantine-font-size-sm)',
    marginBottom: 4,
  },
};

/** A percentage as people read it: 5 % in French, 5% in English, 1.5% with its decimal. */
export function usePercent(): (percent: string) => string {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.resolvedLanguage, { style: 'percent', maximumFractionDigits: 2 });
  return (percent) => format.format(Number(percent) / 100);
}

/** The rule in one sentence: "€1.65 per adult and night", "5% of the price per person and night, at most €2.30". */
function useRuleWords() {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const percent = usePercent();
  const list = new Intl.ListFormat(i18n.resolvedLanguage, { type: 'conjunction' });
  return {
    amount: (rule: TouristTaxRule) =>
      rule.mode === 'per_night'
        ? t('finance.touristTax.perNight', { rate: money(rule.rate) })
        : rule.cap
          ? t('finance.touristTax.percentageCapped', {
              percent: percent(rule.percent ?? '0'),
              cap: money(rule.cap),
            })
          : t('finance.touristTax.percentage', { percent: percent(rule.percent ?? '0') }),
    collectors: (rule: TouristTaxRule) =>
      rule.platformSources.length === 0
        ? t('finance.touristTax.byManager')
        : t('finance.touristTax.byPlatforms', {
            count: rule.platformSources.length,
            platforms: list.format(rule.platformSources.map((source) => t(`reservations.source.${source}`))),
          }),
  };
}

/**
 * A house's tourist tax (taxe de séjour), for those who see money: the rule
 * in words and who collects it. Managers set, change and remove it; owners
 * read it; staff never see it.
 */
export function TouristTaxCard({ houseId, houseName }: { houseId: string; houseName: string }) {
  const { t } = useTranslation();
  const access = useFinanceAccess();
  const phone = useMediaQuery('(max-width: 36em)');
  const headingId = useId();
  const rule = useTouristTaxRule(houseId, { enabled: access.read });
  const words = useRuleWords();
  const [dialog, setDialog] = useState<'edit' | 'remove' | null>(null);
  // Set or removed, the button that opened the dialog may be gone: focus moves to the heading.
  const heading = useRef<HTMLHeadingElement>(null);
  const focusHeading = useRef(false);
  const done = () => {
    focusHeading.current = true;
    setDialog(null);
  };
  const afterClose = () => {
    if (focusHeading.current) heading.current?.focus();
    focusHeading.current = false;
  };
  if (!access.read) return null;

  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Title order={3} size="h5" id={headingId} ref={heading} tabIndex={-1}>
            {t('finance.touristTax.title')}
          </Title>
          {access.write && rule.data && (
            <Group gap="xs">
              <Button
                size="xs"
                variant="default"
                aria-label={t('finance.touristTax.editLabel')}
                onClick={() => setDialog('edit')}
              >
                {t('common.edit')}
              </Button>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                aria-label={t('finance.touristTax.removeLabel')}
                onClick={() => setDialog('remove')}
              >
                {t('finance.touristTax.remove')}
              </Button>
            </Group>
          )}
        </Group>
        {rule.isPending ? (
          <LoadingState />
        ) : rule.isError ? (
          <ErrorState message={errorSummary(t, rule.error)} onRetry={() => rule.refetch()} />
        ) : rule.data ? (
          <Stack gap={4}>
            <Text size="sm" fw={600} data-tourist-tax-rule>
              {words.amount(rule.data)}
            </Text>
            <Text size="sm">{words.collectors(rule.data)}</Text>
            <Text size="xs" c="dimmed">
              {t('finance.touristTax.readHint')}
            </Text>
          </Stack>
        ) : (
          <Stack gap="xs" align="flex-start">
            <Text size="sm" fw={500}>
              {t('finance.touristTax.none')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('finance.touristTax.noneHint')}
            </Text>
            {access.write && (
              <Button size="xs" variant="light" onClick={() => setDialog('edit')}>
                {t('finance.touristTax.set')}
              </Button>
            )}
          </Stack>
        )}
      </Stack>

      <Modal
        opened={dialog === 'edit'}
        onClose={() => setDialog(null)}
        onExitTransitionEnd={afterClose}
        title={t('finance.touristTax.formTitle', { house: houseName })}
        size="lg"
        fullScreen={phone}
      >
        {dialog === 'edit' && rule.isSuccess && (
          <TouristTaxForm houseId={houseId} rule={rule.data} onDone={done} />
        )}
      </Modal>
      <Modal
        opened={dialog === 'remove'}
        onClose={() => setDialog(null)}
        onExitTransitionEnd={afterClose}
        title={t('finance.touristTax.removeTitle')}
      >
        {dialog === 'remove' && (
          <RemoveRule houseId={houseId} houseName={houseName} onDone={done} onBack={() => setDialog(null)} />
        )}
      </Modal>
    </Card>
  );
}

function RemoveRule({
  houseId,
  houseName,
  onDone,
  onBack,
}: {
  houseId: string;
  houseName: string;
  onDone: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const remove = useRemoveTouristTaxRule(houseId);
  return (
    <Stack gap="sm">
      <Text size="sm">{t('finance.touristTax.removeBody', { house: houseName })}</Text>
      {remove.isError && (
        <Alert color="red" role="alert">
          {errorSummary(t, remove.error)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onBack}>
          {t('common.back')}
        </Button>
        <Button
          color="red"
          loading={remove.isPending}
          onClick={() => remove.mutate(undefined, { onSuccess: onDone })}
        >
          {t('finance.touristTax.removeConfirm')}
        </Button>
      </Group>
    </Stack>
  );
}

interface Values {
  mode: Mode;
  rate: string;
  percent: string;
  cap: string;
  platformSources: Source[];
}

/** "5.00" → "5", "1.50" → "1.5": a percentage as it was typed. */
const plainPercent = (percent: string | null) => (percent === null ? '' : String(Number(percent)));
/** An amount or a percentage as the API takes it: a dot, not a comma. */
const decimal = (value: string) => value.trim().replace(',', '.');

/**
 * The rule of a house: a mode, the fields of that mode, and the channels whose
 * platform collects the tax itself. The mode and the channels are fieldsets
 * with a legend, read as groups by screen readers.
 */
function TouristTaxForm({
  houseId,
  rule,
  onDone,
}: {
  houseId: string;
  rule: TouristTaxRule | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveTouristTaxRule(houseId);
  const modeName = useId();
  const platformsHintId = useId();
  const form = useForm<Values>({
    initialValues: {
      mode: rule?.mode ?? 'per_night',
      rate: rule?.rate ?? '',
      percent: plainPercent(rule?.percent ?? null),
      cap: rule?.cap ?? '',
      platformSources: rule?.platformSources ?? [],
    },
    validate: {
      rate: (value, values) =>
        values.mode !== 'per_night'
          ? null
          : value.trim() === ''
            ? t('errors.required')
            : isAmount(value)
              ? null
              : t('errors.invalid-amount'),
      percent: (value, values) =>
        values.mode !== 'percentage'
          ? null
          : value.trim() === ''
            ? t('errors.required')
            : !PERCENT.test(value.trim())
              ? t('errors.invalid-format')
              : Number(decimal(value)) > 100
                ? t('errors.too-large', { count: 100 })
                : null,
      cap: (value, values) => (values.mode === 'percentage' ? optionalAmountRule(t)(value) : null),
    },
  });
  // The channels a platform collects on: those that import calendars, and any the rule names besides.
  const channels = reservationSourceValues.filter(
    (source) =>
      (channelSourceValues as readonly string[]).includes(source) ||
      form.values.platformSources.includes(source),
  );

  const submit = form.onSubmit(async (values) => {
    const body: TouristTaxRuleInput =
      values.mode === 'per_night'
        ? { mode: 'per_night', rate: decimal(values.rate), platformSources: values.platformSources }
        : {
            mode: 'percentage',
            percent: decimal(values.percent),
            cap: values.cap.trim() ? decimal(values.cap) : null,
            platformSources: values.platformSources,
          };
    try {
      await save.mutateAsync(body);
      onDone();
    } catch (error) {
      form.setErrors(translatedFieldErrors(t, error));
    }
  });

  const toggle = (source: Source, checked: boolean) =>
    form.setFieldValue(
      'platformSources',
      checked
        ? reservationSourceValues.filter(
            (value) => value === source || form.values.platformSources.includes(value),
          )
        : form.values.platformSources.filter((value) => value !== source),
    );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {save.isError && !hasFieldErrors(save.error) && (
          <Alert color="red" role="alert">
            {errorSummary(t, save.error)}
          </Alert>
        )}
        <Fieldset legend={t('finance.touristTax.form.mode')} variant="unstyled" styles={FIELDSET_STYLES}>
          <Stack gap="sm">
            {(['per_night', 'percentage'] as const).map((mode) => (
              <Radio
                key={mode}
                name={modeName}
                value={mode}
                checked={form.values.mode === mode}
                onChange={() => form.setFieldValue('mode', mode)}
                label={t(`finance.touristTax.form.${mode === 'per_night' ? 'perNight' : 'percentage'}`)}
                description={t(
                  `finance.touristTax.form.${mode === 'per_night' ? 'perNightHint' : 'percentageHint'}`,
                )}
              />
            ))}
          </Stack>
        </Fieldset>
        {form.values.mode === 'per_night' ? (
          <TextInput
            label={t('finance.touristTax.form.rate')}
            inputMode="decimal"
            required
            maw={{ xs: 280 }}
            {...form.getInputProps('rate')}
          />
        ) : (
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput
              label={t('finance.touristTax.form.percent')}
              inputMode="decimal"
              required
              rightSection={
                <Text aria-hidden size="sm" c="dimmed">
                  %
                </Text>
              }
              {...form.getInputProps('percent')}
            />
            <TextInput
              label={t('finance.touristTax.form.cap')}
              description={t('finance.touristTax.form.capHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              inputMode="decimal"
              {...form.getInputProps('cap')}
            />
          </SimpleGrid>
        )}
        <Fieldset
          legend={t('finance.touristTax.form.platforms')}
          variant="unstyled"
          styles={FIELDSET_STYLES}
          aria-describedby={platformsHintId}
        >
          <Stack gap="xs">
            <Text size="xs" c="dimmed" id={platformsHintId}>
              {t('finance.touristTax.form.platformsHint')}
            </Text>
            <Group gap="lg">
              {channels.map((source) => (
                <Checkbox
                  key={source}
                  label={t(`reservations.source.${source}`)}
                  checked={form.values.platformSources.includes(source)}
                  onChange={(event) => toggle(source, event.currentTarget.checked)}
                />
              ))}
            </Group>
          </Stack>
        </Fieldset>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('finance.touristTax.form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
