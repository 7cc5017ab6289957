import { Alert, Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { NewPasswordInput } from '../../components/NewPasswordInput.tsx';
import { ApiError, api, unwrap } from '../../lib/api/client.ts';
import { errorSummary, translatedFieldErrors } from '../../lib/form-errors.ts';
import { newPasswordRule } from '../../lib/validation.ts';
import { AuthCard } from './AuthCard.tsx';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [done, setDone] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { password: '', confirmation: '' },
    validate: {
      password: newPasswordRule(t),
      confirmation: (value, values) => (value === values.password ? null : t('errors.passwordsDiffer')),
    },
  });

  const submit = form.onSubmit(async ({ password }) => {
    setFailure(null);
    try {
      unwrap(await api.POST('/api/v1/auth/password-reset/confirm', { body: { token, password } }));
      setDone(true);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid-reset-token')
        setFailure(errorSummary(t, error));
      else form.setErrors(translatedFieldErrors(t, error));
    }
  });

  if (done) {
    return (
      <AuthCard title={t('auth.reset.doneTitle')}>
        <Text>{t('auth.reset.doneBody')}</Text>
        <Button component={Link} to="/login" fullWidth size="md">
          {t('auth.login.submit')}
        </Button>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('auth.reset.title')}>
      {!token ? (
        <Alert color="red">{t('problems.invalid-reset-token')}</Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            {failure && (
              <Alert color="red" role="alert">
                {failure}{' '}
                <Anchor component={Link} to="/forgot-password">
                  {t('auth.reset.again')}
                </Anchor>
              </Alert>
            )}
            <NewPasswordInput label={t('auth.fields.newPassword')} {...form.getInputProps('password')} />
            <PasswordInput
              label={t('auth.fields.confirmPassword')}
              autoComplete="new-password"
              required
              {...form.getInputProps('confirmation')}
            />
            <Button type="submit" loading={form.submitting} fullWidth size="md">
              {t('auth.reset.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
