import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../lib/api/client.ts';
import { errorSummary } from '../../lib/form-errors.ts';
import { type ProviderId, useLoginProviders, useStartProvider } from '../auth/use-providers.ts';

/** The providers this instance offers, which of them are linked, and the way to link or unlink each. */
export function LinkedProviders() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const providers = useLoginProviders();
  const linked = useQuery({
    queryKey: ['linked-providers'],
    queryFn: async () => unwrap(await api.GET('/api/v1/users/me/providers')).items,
  });
  const link = useStartProvider('link');
  const unlink = useMutation({
    mutationFn: async (provider: ProviderId) =>
      unwrap(await api.DELETE('/api/v1/users/me/providers/{provider}', { params: { path: { provider } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['linked-providers'] }),
  });

  if (!providers.data?.length) return null;
  const oauthError = params.get('oauthError');
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('profile.providers')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('profile.providersHint')}
        </Text>
        {params.get('linked') && (
          <Alert color="teal" role="status">
            {t('profile.linked')}
          </Alert>
        )}
        {oauthError && (
          <Alert color="red" role="alert">
            {t(`oauthErrors.${oauthError}`, { defaultValue: t('oauthErrors.provider-error') })}
          </Alert>
        )}
        {unlink.isError && <Alert color="red">{errorSummary(t, unlink.error)}</Alert>}
        {providers.data.map((provider) => {
          const linkedAccount = linked.data?.find((item) => item.provider === provider.id);
          return (
            <Group key={provider.id} justify="space-between" wrap="nowrap">
              <div>
                <Text fw={500} size="sm">
                  {provider.name}
                </Text>
                {linkedAccount && (
                  <Text size="xs" c="dimmed">
                    {linkedAccount.email ?? ''} ·{' '}
                    {t('profile.linkedOn', {
                      date: new Date(linkedAccount.linkedAt).toLocaleDateString(i18n.resolvedLanguage),
                    })}
                  </Text>
                )}
              </div>
              {linkedAccount ? (
                <Group gap="xs" wrap="nowrap">
                  <Badge color="teal" variant="light">
                    {t('profile.isLinked')}
                  </Badge>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => unlink.mutate(provider.id)}
                    loading={unlink.isPending}
                  >
                    {t('profile.unlink')}
                  </Button>
                </Group>
              ) : (
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => link.mutate({ provider: provider.id, next: '/profile' })}
                  loading={link.isPending && link.variables?.provider === provider.id}
                >
                  {t('profile.link')}
                </Button>
              )}
            </Group>
          );
        })}
      </Stack>
    </Card>
  );
}
