import { Alert, Button, Group, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../lib/api/client.ts';
import { useAuth } from './AuthProvider.tsx';

/** Reminds an unverified user to confirm their email, with a way to get a new link. */
export function VerificationBanner() {
  const { t } = useTranslation();
  const auth = useAuth();
  const resend = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/auth/verify-email/resend')),
  });
  if (auth.status !== 'authenticated' || !auth.user || auth.user.verified) return null;
  return (
    <Alert color="yellow" mb="md" role="status">
      <Group justify="space-between" gap="xs">
        <Text size="sm">
          {resend.isSuccess
            ? t('auth.verify.resent', { email: auth.user.email })
            : t('auth.verify.banner', { email: auth.user.email })}
        </Text>
        {!resend.isSuccess && (
          <Button
            size="xs"
            variant="white"
            color="yellow"
            onClick={() => resend.mutate()}
            loading={resend.isPending}
          >
            {t('auth.verify.resend')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
