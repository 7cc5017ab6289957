import { Anchor, Button, Divider, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { FailureAlert } from '../../components/FailureAlert.tsx';
import { errorSummary } from '../../lib/form-errors.ts';
import { emailRule } from '../../lib/validation.ts';
import { AuthCard } from './AuthCard.tsx';
import { useAuth } from './AuthProvider.tsx';
import { safeNext } from './next.ts';
import { useLoginProviders, useStartProvider } from './use-providers.ts';

export function LoginPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const oauthError = params.get('oauthError');
  const [failure, setFailure] = useState<string | null>(
    oauthError ? t(`oauthErrors.${oauthError}`, { defaultValue: t('oauthErrors.provider-error') }) : null,
  );
  const providers = useLoginProviders();
  const startProvider = useStartProvider('login');
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: emailRule(t),
      password: (value) => (value ? null : t('errors.required')),
    },
  });

  if (auth.status === 'authenticated') return <Navigate to={next} replace />;

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await auth.login(values.email.trim(), values.password);
      navigate(next, { replace: true });
    } catch (error) {
      setFailure(errorSummary(t, error));
    }
  });

  return (
    <AuthCard title={t('auth.login.title')} subtitle={t('auth.login.subtitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FailureAlert>{failure}</FailureAlert>
          <TextInput
            label={t('auth.fields.email')}
            type="email"
            autoComplete="username"
            required
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('auth.fields.password')}
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end">
            <Anchor component={Link} to="/forgot-password" size="sm">
              {t('auth.login.forgot')}
            </Anchor>
          </Group>
          <Button type="submit" loading={form.submitting} fullWidth size="md">
            {t('auth.login.submit')}
          </Button>
          {(providers.data?.length ?? 0) > 0 && (
            <>
              <Divider label={t('auth.login.or')} labelPosition="center" />
              {providers.data?.map((provider) => (
                <Button
                  key={provider.id}
                  variant="default"
                  fullWidth
                  loading={startProvider.isPending && startProvider.variables?.provider === provider.id}
                  onClick={() => startProvider.mutate({ provider: provider.id, next })}
                >
                  {t('auth.login.with', { provider: provider.name })}
                </Button>
              ))}
            </>
          )}
          <Text size="sm" ta="center">
            {t('auth.login.noAccount')}{' '}
            <Anchor component={Link} to="/register">
              {t('auth.login.register')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
