import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { FailureAlert } from '../../components/FailureAlert.tsx';
import { NewPasswordInput } from '../../components/NewPasswordInput.tsx';
import { ApiError } from '../../lib/api/client.ts';
import { errorSummary, translatedFieldErrors } from '../../lib/form-errors.ts';
import { emailRule, newPasswordRule, requiredRule } from '../../lib/validation.ts';
import { AuthCard } from './AuthCard.tsx';
import { useAuth } from './AuthProvider.tsx';

export function RegisterPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const form = useForm({
    initialValues: { name: '', email: '', password: '' },
    validate: {
      name: requiredRule(t),
      email: emailRule(t),
      password: newPasswordRule(t),
    },
  });

  if (auth.status === 'authenticated') return <Navigate to="/" replace />;
  if (pending) {
    return (
      <AuthCard title={t('auth.register.pendingTitle')}>
        <Text>{t('auth.register.pendingBody')}</Text>
      </AuthCard>
    );
  }

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      const outcome = await auth.register({
        ...values,
        email: values.email.trim(),
        name: values.name.trim(),
      });
      if (outcome === 'pending-approval') setPending(true);
      else navigate('/', { replace: true });
    } catch (error) {
      const fields = translatedFieldErrors(t, error);
      form.setErrors(fields);
      if (Object.keys(fields).length === 0 || (error instanceof ApiError && error.code === 'email-taken')) {
        setFailure(errorSummary(t, error));
      }
    }
  });

  return (
    <AuthCard title={t('auth.register.title')} subtitle={t('auth.register.subtitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FailureAlert>{failure}</FailureAlert>
          <TextInput
            label={t('auth.fields.name')}
            autoComplete="name"
            required
            {...form.getInputProps('name')}
          />
          <TextInput
            label={t('auth.fields.email')}
            type="email"
            autoComplete="email"
            required
            {...form.getInputProps('email')}
          />
          <NewPasswordInput {...form.getInputProps('password')} />
          <Button type="submit" loading={form.submitting} fullWidth size="md">
            {t('auth.register.submit')}
          </Button>
          <Text size="sm" ta="center">
            {t('auth.register.haveAccount')}{' '}
            <Anchor component={Link} to="/login">
              {t('auth.register.login')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
