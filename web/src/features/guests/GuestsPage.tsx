import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { ApiError } from '../../lib/api/client.ts';
import { formatDate } from '../../lib/dates.ts';
import { errorSummary, hasFieldErrors, translatedFieldErrors } from '../../lib/form-errors.ts';
import { emailRule, requiredRule } from '../../lib/validation.ts';
import {
  downloadGuestExport,
  type Guest,
  useAnonymizeGuest,
  useGuestStays,
  useGuests,
  useUpdateGuest,
} from './use-guests.ts';

/** Guests: find one by name, email or phone; correct them; export or erase them on request (GDPR). */
export function GuestsPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const guests = useGuests(debounced);
  const phone = useMediaQuery('(max-width: 36em)');
  const [editing, setEditing] = useState<Guest | null>(null);

  return (
    <Stack gap="lg" maw={900}>
      <Stack gap={4}>
        <Title order={2}>{t('guests.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('guests.subtitle')}
        </Text>
      </Stack>
      <TextInput
        label={t('guests.search')}
        placeholder={t('guests.searchPlaceholder')}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        maw={420}
        type="search"
      />
      {guests.isPending ? (
        <LoadingState />
      ) : guests.isError ? (
        <ErrorState message={errorSummary(t, guests.error)} onRetry={() => guests.refetch()} />
      ) : guests.data.items.length === 0 ? (
        <Card withBorder>
          <EmptyState title={debounced ? t('guests.noMatch') : t('guests.empty')}>
            {debounced ? null : t('guests.emptyHint')}
          </EmptyState>
        </Card>
      ) : (
        <Stack gap="xs">
          {guests.data.items.map((guest) => (
            <Card key={guest.id} withBorder padding="sm">
              <Group justify="space-between" wrap="nowrap">
                <div style={{ minWidth: 0 }}>
                  <Group gap="xs">
                    <Text fw={600} truncate>
                      {guest.name}
                    </Text>
                    {guest.nationality && (
                      <Badge size="xs" variant="outline">
                        {guest.nationality}
                      </Badge>
                    )}
                    {guest.anonymizedAt && (
                      <Badge size="xs" color="gray">
                        {t('guests.anonymized')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed" truncate>
                    {[guest.email, guest.phone].filter(Boolean).join(' · ') || '—'}
                  </Text>
                </div>
                {!guest.anonymizedAt && (
                  <Button
                    size="xs"
                    variant="subtle"
                    onClick={() => setEditing(guest)}
                    style={{ flexShrink: 0 }}
                  >
                    {t('common.edit')}
                  </Button>
                )}
              </Group>
            </Card>
          ))}
          {guests.data.nextCursor && (
            <Text size="xs" c="dimmed">
              {t('guests.refine')}
            </Text>
          )}
        </Stack>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.name}
        size="lg"
        fullScreen={phone}
      >
        {editing && <GuestForm guest={editing} onDone={() => setEditing(null)} />}
      </Modal>
    </Stack>
  );
}

function GuestForm({ guest, onDone }: { guest: Guest; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateGuest();
  const anonymize = useAnonymizeGuest();
  const [exportError, setExportError] = useState<unknown>(null);
  const form = useForm({
    initialValues: {
      name: guest.name,
      email: guest.email ?? '',
      phone: guest.phone ?? '',
      nationality: guest.nationality ?? '',
      notes: guest.notes ?? '',
    },
    validate: {
      name: requiredRule(t),
      email: (value) => (value.trim() === '' ? null : emailRule(t)(value)),
      nationality: (value) =>
        value.trim() === '' || /^[A-Za-z]{2}$/.test(value.trim()) ? null : t('guests.errors.nationality'),
    },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await update.mutateAsync({
        guest,
        change: {
          name: values.name.trim(),
          email: values.email.trim() || null,
          phone: values.phone.trim() || null,
          nationality: values.nationality.trim().toUpperCase() || null,
          notes: values.notes.trim() || null,
        },
      });
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'guest-email-taken') {
        form.setFieldError('email', t('problems.guest-email-taken'));
      } else {
        form.setErrors(translatedFieldErrors(t, error));
      }
    }
  });
  const failure =
    anonymize.error ??
    exportError ??
    (update.error &&
    !hasFieldErrors(update.error) &&
    !(update.error instanceof ApiError && update.error.code === 'guest-email-taken')
      ? update.error
      : null);
  return (
    <Stack gap="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {failure && (
            <Alert color="red" role="alert">
              {errorSummary(t, failure)}
            </Alert>
          )}
          <TextInput label={t('guests.fields.name')} required {...form.getInputProps('name')} />
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label={t('guests.fields.email')}
              type="email"
              miw={200}
              {...form.getInputProps('email')}
            />
            <TextInput
              label={t('guests.fields.phone')}
              type="tel"
              miw={160}
              {...form.getInputProps('phone')}
            />
            <TextInput
              label={t('guests.fields.nationality')}
              description={t('guests.fields.nationalityHint')}
              maxLength={2}
              miw={100}
              {...form.getInputProps('nationality')}
            />
          </Group>
          <Textarea label={t('guests.fields.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      <GuestStays guest={guest} />
      <Card withBorder padding="sm" bg="gray.0">
        <Stack gap="xs">
          <Text fw={600} size="sm">
            {t('guests.privacy')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('guests.privacyHint')}
          </Text>
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              onClick={() => downloadGuestExport(guest).then(() => setExportError(null), setExportError)}
            >
              {t('guests.export')}
            </Button>
            <Button
              size="xs"
              color="red"
              variant="light"
              loading={anonymize.isPending}
              onClick={() => {
                if (window.confirm(t('guests.confirmAnonymize', { name: guest.name }))) {
                  anonymize.mutate(guest, { onSuccess: onDone });
                }
              }}
            >
              {t('guests.anonymize')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}

function GuestStays({ guest }: { guest: Guest }) {
  const { t, i18n } = useTranslation();
  const stays = useGuestStays(guest.id);
  if (stays.isPending) return <LoadingState />;
  if (stays.isError) return <ErrorState onRetry={() => stays.refetch()} />;
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {t('guests.stays', { count: stays.data.length })}
      </Text>
      {stays.data.map((stay) => (
        <Anchor key={stay.id} component={Link} to={`/reservations/${stay.id}`} size="sm">
          {formatDate(stay.checkIn, i18n.resolvedLanguage, {
            day: 'numeric',
            month: 'short',
            year: 'numeric',
          })}{' '}
          →{' '}
          {formatDate(stay.checkOut, i18n.resolvedLanguage, {
            day: 'numeric',
            month: 'short',
            year: 'numeric',
          })}{' '}
          · {t(`reservations.status.${stay.status}`)}
        </Anchor>
      ))}
    </Stack>
  );
}
