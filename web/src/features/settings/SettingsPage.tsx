import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { type ReactNode, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { TimeZoneSelect } from '../../components/TimeZoneSelect.tsx';
import {
  plainPercent,
  type TaxMode,
  type TaxSource,
  TouristTaxFields,
  taxBody,
  taxFieldRules,
} from '../../components/TouristTaxFields.tsx';
import { ApiError } from '../../lib/api/client.ts';
import { errorSummary, hasFieldErrors, translatedFieldErrors } from '../../lib/form-errors.ts';
import { requiredRule } from '../../lib/validation.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import {
  type NotificationDefaults,
  type NotificationKind,
  type OrganizationSettings,
  type SettingsInput,
  useSaveSettings,
  useSettings,
} from './use-settings.ts';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Every ISO 4217 currency the browser knows; the server checks against the same list. */
const CURRENCIES = Intl.supportedValuesOf('currency');

interface Values {
  name: string;
  currency: string;
  language: 'fr' | 'en';
  timezone: string;
  checkInTime: string;
  checkOutTime: string;
  taxEnabled: boolean;
  taxMode: TaxMode;
  taxRate: string;
  taxPercent: string;
  taxCap: string;
  taxPlatforms: TaxSource[];
  notificationDefaults: NotificationDefaults;
  keepForever: boolean;
  retentionDays: number | string;
}

const fromSettings = (settings: OrganizationSettings): Values => ({
  name: settings.name,
  currency: settings.currency,
  language: settings.language,
  timezone: settings.timezone,
  checkInTime: settings.checkInTime,
  checkOutTime: settings.checkOutTime,
  taxEnabled: Boolean(settings.touristTax),
  taxMode: settings.touristTax?.mode ?? 'per_night',
  taxRate: settings.touristTax?.rate ?? '',
  taxPercent: plainPercent(settings.touristTax?.percent),
  taxCap: settings.touristTax?.cap ?? '',
  taxPlatforms: settings.touristTax?.platformSources ?? [],
  notificationDefaults: settings.notificationDefaults,
  keepForever: settings.auditRetentionDays === null,
  retentionDays: settings.auditRetentionDays ?? 365,
});

const toBody = (values: Values): SettingsInput => ({
  name: values.name.trim(),
  currency: values.currency,
  language: values.language,
  timezone: values.timezone,
  checkInTime: values.checkInTime,
  checkOutTime: values.checkOutTime,
  touristTax: values.taxEnabled
    ? taxBody({
        mode: values.taxMode,
        rate: values.taxRate,
        percent: values.taxPercent,
        cap: values.taxCap,
        platformSources: values.taxPlatforms,
      })
    : null,
  notificationDefaults: values.notificationDefaults,
  auditRetentionDays: values.keepForever ? null : Number(values.retentionDays),
});

/** The server's field paths (`body.touristTax.rate`) as this form's fields. */
const FIELD_OF: Record<string, keyof Values> = {
  'touristTax.mode': 'taxMode',
  'touristTax.rate': 'taxRate',
  'touristTax.percent': 'taxPercent',
  'touristTax.cap': 'taxCap',
  'touristTax.platformSources': 'taxPlatforms',
  auditRetentionDays: 'retentionDays',
};

/** The organization's settings, for its admins: one form, saved at once. */
export function SettingsPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const settings = useSettings();
  const isAdmin = auth.organization?.role === 'admin';
  // Above the form, which starts afresh with each version: the notice outlives it.
  const [notice, setNotice] = useState<'saved' | 'stale' | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const showNotice = (kind: 'saved' | 'stale' | null) => {
    setNotice(kind);
    // Said where the eyes and the screen reader are: the notice takes the focus.
    if (kind) requestAnimationFrame(() => noticeRef.current?.focus());
  };

  return (
    <Stack gap="lg" maw={860}>
      <Stack gap={4}>
        <Title order={2}>{t('settings.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('settings.subtitle')}
        </Text>
      </Stack>
      {notice && (
        <Alert
          ref={noticeRef}
          tabIndex={-1}
          color={notice === 'saved' ? 'teal' : 'yellow'}
          role={notice === 'saved' ? 'status' : 'alert'}
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setNotice(null)}
          data-settings-notice={notice}
        >
          {notice === 'saved' ? t('settings.saved') : t('settings.stale')}
        </Alert>
      )}
      {!isAdmin ? (
        <Alert color="gray" role="status">
          {t('settings.adminsOnly')}
        </Alert>
      ) : settings.isPending ? (
        <LoadingState />
      ) : settings.isError ? (
        <ErrorState message={errorSummary(t, settings.error)} onRetry={() => settings.refetch()} />
      ) : (
        // A new version (saved here, or reloaded after a colleague's change) starts the form afresh.
        <SettingsForm
          key={settings.data.version}
          settings={settings.data}
          onNotice={showNotice}
          onStale={() => settings.refetch()}
        />
      )}
    </Stack>
  );
}

function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={3} size="h5" id={headingId}>
            {title}
          </Title>
          {hint && (
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
          )}
        </Stack>
        {children}
      </Stack>
    </Card>
  );
}

function SettingsForm({
  settings,
  onNotice,
  onStale,
}: {
  settings: OrganizationSettings;
  onNotice: (notice: 'saved' | 'stale' | null) => void;
  onStale: () => void;
}) {
  const { t, i18n } = useTranslation();
  const save = useSaveSettings();
  // A field error the form has no field for (none expected) is said above it instead.
  const [unplaced, setUnplaced] = useState(false);
  const taxRules = taxFieldRules(t);
  const currencyNames = useMemo(
    () => new Intl.DisplayNames(i18n.resolvedLanguage, { type: 'currency' }),
    [i18n.resolvedLanguage],
  );
  const currencies = useMemo(
    () =>
      (CURRENCIES.includes(settings.currency) ? CURRENCIES : [settings.currency, ...CURRENCIES]).map(
        (code) => ({ value: code, label: `${code} · ${currencyNames.of(code) ?? code}` }),
      ),
    [currencyNames, settings.currency],
  );
  const form = useForm<Values>({
    initialValues: fromSettings(settings),
    validate: {
      name: requiredRule(t),
      currency: (value) =>
        CURRENCIES.includes(value) || value === settings.currency ? null : t('errors.required'),
      timezone: requiredRule(t),
      checkInTime: (value) => (TIME.test(value) ? null : t('settings.errors.time')),
      checkOutTime: (value) => (TIME.test(value) ? null : t('settings.errors.time')),
      taxRate: (value, values) => (values.taxEnabled ? taxRules.rate(value, values.taxMode) : null),
      taxPercent: (value, values) => (values.taxEnabled ? taxRules.percent(value, values.taxMode) : null),
      taxCap: (value, values) => (values.taxEnabled ? taxRules.cap(value, values.taxMode) : null),
      retentionDays: (value, values) =>
        values.keepForever
          ? null
          : Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= 36_500
            ? null
            : t('settings.errors.retention'),
    },
  });

  const submit = form.onSubmit(async (values) => {
    onNotice(null);
    setUnplaced(false);
    try {
      await save.mutateAsync({ version: settings.version, body: toBody(values) });
      onNotice('saved');
    } catch (error) {
      if (error instanceof ApiError && error.problem.status === 412) {
        onNotice('stale');
        onStale();
      } else if (error instanceof ApiError && error.code === 'currency-in-use') {
        form.setFieldError('currency', t('settings.errors.currencyInUse', { currency: settings.currency }));
      } else {
        const errors = Object.entries(translatedFieldErrors(t, error)).map(
          ([field, message]) => [FIELD_OF[field] ?? field, message] as const,
        );
        setUnplaced(errors.some(([field]) => !(field in form.values)));
        form.setErrors(Object.fromEntries(errors));
      }
    }
  });

  const defaults = form.values.notificationDefaults;
  const kinds = Object.keys(defaults.kinds) as NotificationKind[];
  const setChoice = (kind: NotificationKind, channel: 'inApp' | 'email', checked: boolean) =>
    form.setFieldValue('notificationDefaults', {
      ...defaults,
      kinds: { ...defaults.kinds, [kind]: { ...defaults.kinds[kind], [channel]: checked } },
    });
  return (
    <form onSubmit={submit} noValidate data-settings-form>
      <Stack gap="md">
        {save.isError &&
          (unplaced || !hasFieldErrors(save.error)) &&
          !(
            save.error instanceof ApiError &&
            (save.error.problem.status === 412 || save.error.code === 'currency-in-use')
          ) && (
            <Alert color="red" role="alert">
              {errorSummary(t, save.error)}
            </Alert>
          )}

        <Section title={t('settings.general.title')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('settings.fields.name')} required {...form.getInputProps('name')} />
            <Select
              label={t('settings.fields.language')}
              description={t('settings.fields.languageHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              data={[
                { value: 'fr', label: 'Français' },
                { value: 'en', label: 'English' },
              ]}
              allowDeselect={false}
              {...form.getInputProps('language')}
            />
            <Select
              label={t('settings.fields.currency')}
              description={t('settings.fields.currencyHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              data={currencies}
              searchable
              allowDeselect={false}
              nothingFoundMessage={t('settings.noCurrency')}
              {...form.getInputProps('currency')}
            />
            <TimeZoneSelect
              label={t('settings.fields.timezone')}
              description={t('settings.fields.timezoneHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              {...form.getInputProps('timezone')}
            />
          </SimpleGrid>
        </Section>

        <Section title={t('settings.houses.title')} hint={t('settings.houses.hint')}>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput
              label={t('settings.fields.checkInTime')}
              type="time"
              {...form.getInputProps('checkInTime')}
            />
            <TextInput
              label={t('settings.fields.checkOutTime')}
              type="time"
              {...form.getInputProps('checkOutTime')}
            />
          </SimpleGrid>
        </Section>

        <Section title={t('settings.tax.title')} hint={t('settings.tax.hint')}>
          <Switch
            label={t('settings.tax.enabled')}
            {...form.getInputProps('taxEnabled', { type: 'checkbox' })}
          />
          {form.values.taxEnabled && (
            <Stack gap="sm">
              <TouristTaxFields
                texts="settings.tax"
                mode={form.values.taxMode}
                onModeChange={(mode) => form.setFieldValue('taxMode', mode)}
                inputs={{
                  rate: form.getInputProps('taxRate'),
                  percent: form.getInputProps('taxPercent'),
                  cap: form.getInputProps('taxCap'),
                }}
                currency={form.values.currency}
                platformSources={form.values.taxPlatforms}
                onPlatformSourcesChange={(sources) => form.setFieldValue('taxPlatforms', sources)}
              />
            </Stack>
          )}
        </Section>

        <Section title={t('settings.notifications.title')} hint={t('settings.notifications.hint')}>
          <Table verticalSpacing={6} aria-label={t('settings.notifications.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('settings.notifications.kind')}</Table.Th>
                <Table.Th scope="col" ta="center" w={72}>
                  {t('settings.notifications.inApp')}
                </Table.Th>
                <Table.Th scope="col" ta="center" w={72}>
                  {t('settings.notifications.email')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {kinds.map((kind) => (
                <Table.Tr key={kind}>
                  <Table.Th scope="row" fw={400}>
                    {t(`settings.kinds.${kind}`)}
                  </Table.Th>
                  {(['inApp', 'email'] as const).map((channel) => (
                    <Table.Td key={channel}>
                      <Checkbox
                        mx="auto"
                        w="fit-content"
                        aria-label={t(`settings.notifications.${channel}Of`, {
                          kind: t(`settings.kinds.${kind}`),
                        })}
                        checked={defaults.kinds[kind][channel]}
                        onChange={(event) => setChoice(kind, channel, event.currentTarget.checked)}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Switch
            label={t('settings.notifications.digest')}
            description={t('settings.notifications.digestHint')}
            checked={defaults.digest}
            onChange={(event) =>
              form.setFieldValue('notificationDefaults', { ...defaults, digest: event.currentTarget.checked })
            }
          />
        </Section>

        <Section title={t('settings.audit.title')} hint={t('settings.audit.hint')}>
          <Switch
            label={t('settings.audit.keepForever')}
            {...form.getInputProps('keepForever', { type: 'checkbox' })}
          />
          {!form.values.keepForever && (
            <NumberInput
              label={t('settings.audit.days')}
              description={t('settings.audit.daysHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              min={1}
              max={36_500}
              allowDecimal={false}
              allowNegative={false}
              maw={{ xs: 280 }}
              {...form.getInputProps('retentionDays')}
            />
          )}
        </Section>

        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('settings.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
