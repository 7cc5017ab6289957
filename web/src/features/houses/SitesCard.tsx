import { ActionIcon, Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { ApiError, newIdempotencyKey } from '../../lib/api/client.ts';
import { errorSummary, translatedFieldErrors } from '../../lib/form-errors.ts';
import { requiredRule } from '../../lib/validation.ts';
import { type Site, useDeleteSite, useSaveSite, useSites } from './use-houses.ts';

/** Sites group houses (a residence, a village): add, rename, remove. */
export function SitesCard() {
  const { t } = useTranslation();
  const sites = useSites();
  const remove = useDeleteSite();
  const [editing, setEditing] = useState<Site | null>(null);

  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={3} size="h4">
            {t('sites.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('sites.subtitle')}
          </Text>
        </Stack>
        {remove.isError && (
          <Alert color="red" role="alert">
            {errorSummary(t, remove.error)}
          </Alert>
        )}
        {sites.isPending ? (
          <LoadingState />
        ) : sites.isError ? (
          <ErrorState onRetry={() => sites.refetch()} />
        ) : (
          sites.data.map((site) =>
            editing?.id === site.id ? (
              <SiteForm key={site.id} site={site} onDone={() => setEditing(null)} />
            ) : (
              <Group key={site.id} justify="space-between" wrap="nowrap">
                <div>
                  <Text size="sm" fw={500}>
                    {site.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[site.address, t('sites.houseCount', { count: site.houseCount })]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                </div>
                <Group gap={4} wrap="nowrap">
                  <Button size="xs" variant="subtle" onClick={() => setEditing(site)}>
                    {t('common.edit')}
                  </Button>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('sites.remove', { name: site.name })}
                    onClick={() => {
                      if (window.confirm(t('sites.confirmRemove', { name: site.name }))) remove.mutate(site);
                    }}
                  >
                    ✕
                  </ActionIcon>
                </Group>
              </Group>
            ),
          )
        )}
        {editing === null && <SiteForm />}
      </Stack>
    </Card>
  );
}

function SiteForm({ site, onDone }: { site?: Site; onDone?: () => void }) {
  const { t } = useTranslation();
  const save = useSaveSite();
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const form = useForm({
    initialValues: { name: site?.name ?? '', address: site?.address ?? '' },
    validate: { name: requiredRule(t) },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await save.mutateAsync({
        site,
        values: { name: values.name.trim(), address: values.address.trim() || null },
        idempotencyKey,
      });
      if (site) onDone?.();
      else {
        form.reset();
        setIdempotencyKey(newIdempotencyKey());
      }
    } catch (error) {
      if (error instanceof ApiError && error.code === 'site-name-taken') {
        form.setFieldError('name', t('problems.site-name-taken'));
      } else {
        form.setErrors(translatedFieldErrors(t, error));
      }
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-start" gap="xs" wrap="wrap">
        <TextInput
          aria-label={t('sites.name')}
          placeholder={t('sites.name')}
          size="sm"
          miw={180}
          {...form.getInputProps('name')}
        />
        <TextInput
          aria-label={t('sites.address')}
          placeholder={t('sites.address')}
          size="sm"
          miw={220}
          {...form.getInputProps('address')}
        />
        <Button type="submit" size="sm" variant={site ? 'filled' : 'light'} loading={save.isPending}>
          {site ? t('common.save') : t('sites.add')}
        </Button>
        {site && (
          <Button size="sm" variant="subtle" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        )}
      </Group>
      {save.isError && !(save.error instanceof ApiError && save.error.code === 'site-name-taken') && (
        <Text size="xs" c="red" mt={4} role="alert">
          {errorSummary(t, save.error)}
        </Text>
      )}
    </form>
  );
}
