import { Alert, Button, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadingState } from '../../components/States.tsx';
import { api, unwrap } from '../../lib/api/client.ts';
import { errorSummary } from '../../lib/form-errors.ts';
import { AuthCard } from './AuthCard.tsx';
import { useAuth } from './AuthProvider.tsx';

export function VerifyEmailPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const auth = useAuth();
  const token = params.get('token') ?? '';
  const verify = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/auth/verify-email', { body: { token } })),
    onSuccess: () => (auth.status === 'authenticated' ? auth.reload() : undefined),
  });
  const { mutate } = verify;

  useEffect(() => {
    if (token) mutate();
  }, [token, mutate]);

  return (
    <AuthCard title={t('auth.verify.title')}>
      {!token || verify.isError ? (
        <Alert color="red" role="alert">
          {verify.isError ? errorSummary(t, verify.error) : t('problems.invalid-verification-token')}
        </Alert>
      ) : verify.isSuccess ? (
        <>
          <Text>{t('auth.verify.done')}</Text>
          <Button component={Link} to="/" fullWidth>
            {t('auth.verify.continue')}
          </Button>
        </>
      ) : (
        <LoadingState />
      )}
    </AuthCard>
  );
}
