import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorSummary, translatedFieldErrors } from '../../lib/form-errors.ts';
import { useAuth } from './AuthProvider.tsx';
import { PASSWORD_MAX, PASSWORD_MIN } from './RegisterPage.tsx';

/** Creates the invitee's account, for the invited email, and joins the organization. */
export function InvitationRegisterForm({ email, token }: { email: string; token: string }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '', password: '' },
    validate: {
      name: (value) => (value.trim() ? null : t('errors.required')),
      password: (value) =>
        value.length < PASSWORD_MIN
          ? t('errors.minLength', { count: PASSWORD_MIN })
          : value.length > PASSWORD_MAX
            ? t('errors.maxLength', { count: PASSWORD_MAX })
            : null,
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await auth.register({
        email,
        name: values.name.trim(),
        password: values.password,
        invitationToken: token,
      });
      navigate('/', { replace: true });
    } catch (error) {
      const fields = translatedFieldErrors(t, error);
      form.setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(errorSummary(t, error));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <TextInput label={t('auth.fields.email')} value={email} readOnly />
        <TextInput
          label={t('auth.fields.name')}
          autoComplete="name"
          required
          {...form.getInputProps('name')}
        />
        <PasswordInput
          label={t('auth.fields.password')}
          description={t('auth.fields.passwordHint', { min: PASSWORD_MIN })}
          autoComplete="new-password"
          required
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={form.submitting} fullWidth size="md">
          {t('invitation.createAndJoin')}
        </Button>
      </Stack>
    </form>
  );
}
