import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FailureAlert } from '../../components/FailureAlert.tsx';
import { api, unwrap } from '../../lib/api/client.ts';
import { errorSummary } from '../../lib/form-errors.ts';
import { emailRule } from '../../lib/validation.ts';
import { AuthCard } from './AuthCard.tsx';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: emailRule(t) },
  });

  const submit = form.onSubmit(async ({ email }) => {
    setFailure(null);
    try {
      unwrap(await api.POST('/api/v1/auth/password-reset/request', { body: { email: email.trim() } }));
      setSentTo(email.trim());
    } catch (error) {
      setFailure(errorSummary(t, error));
    }
  });

  return (
    <AuthCard title={t('auth.forgot.title')} subtitle={sentTo ? undefined : t('auth.forgot.subtitle')}>
      {sentTo ? (
        <Alert color="teal" role="status">
          {t('auth.forgot.sent', { email: sentTo })}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <FailureAlert>{failure}</FailureAlert>
            <TextInput
              label={t('auth.fields.email')}
              type="email"
              autoComplete="email"
              required
              {...form.getInputProps('email')}
            />
            <Button type="submit" loading={form.submitting} fullWidth size="md">
              {t('auth.forgot.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <Text size="sm" ta="center">
        <Anchor component={Link} to="/login">
          {t('auth.forgot.back')}
        </Anchor>
      </Text>
    </AuthCard>
  );
}
