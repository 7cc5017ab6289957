import { Alert, Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import {
  plainPercent,
  type TaxFields,
  TouristTaxFields,
  taxBody,
  taxFieldRules,
} from '../../components/TouristTaxFields.tsx';
import { errorSummary, hasFieldErrors, translatedFieldErrors } from '../../lib/form-errors.ts';
import { useMoney, useOrganization } from '../../lib/organization.ts';
import {
  type TouristTaxRule,
  useFinanceAccess,
  useRemoveTouristTaxRule,
  useSaveTouristTaxRule,
  useTouristTaxRule,
} from './use-finance.ts';

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

/** The rule of a house: its tax's fields, saved as the house's own. */
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
  const organization = useOrganization();
  const rules = taxFieldRules(t);
  const form = useForm<TaxFields>({
    initialValues: {
      mode: rule?.mode ?? 'per_night',
      rate: rule?.rate ?? '',
      percent: plainPercent(rule?.percent),
      cap: rule?.cap ?? '',
      platformSources: rule?.platformSources ?? [],
    },
    validate: {
      rate: (value, values) => rules.rate(value, values.mode),
      percent: (value, values) => rules.percent(value, values.mode),
      cap: (value, values) => rules.cap(value, values.mode),
    },
  });

  const submit = form.onSubmit(async (values) => {
    try {
      await save.mutateAsync(taxBody(values));
      onDone();
    } catch (error) {
      form.setErrors(translatedFieldErrors(t, error));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {save.isError && !hasFieldErrors(save.error) && (
          <Alert color="red" role="alert">
            {errorSummary(t, save.error)}
          </Alert>
        )}
        <TouristTaxFields
          texts="finance.touristTax.form"
          mode={form.values.mode}
          onModeChange={(mode) => form.setFieldValue('mode', mode)}
          inputs={{
            rate: form.getInputProps('rate'),
            percent: form.getInputProps('percent'),
            cap: form.getInputProps('cap'),
          }}
          {...(organization.data ? { currency: organization.data.currency } : {})}
          platformSources={form.values.platformSources}
          onPlatformSourcesChange={(sources) => form.setFieldValue('platformSources', sources)}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('finance.touristTax.form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
