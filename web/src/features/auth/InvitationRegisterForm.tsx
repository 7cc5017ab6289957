import { Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FailureAlert } from '../../components/FailureAlert.tsx';
import { NewPasswordInput } from '../../components/NewPasswordInput.tsx';
import { errorSummary, translatedFieldErrors } from '../../lib/form-errors.ts';
import { newPasswordRule, requiredRule } from '../../lib/validation.ts';
import { useAuth } from './AuthProvider.tsx';

/** Creates the invitee's account, for the invited email, and joins the organization. */
export function InvitationRegisterForm({ email, token }: { email: string; token: string }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '', password: '' },
    validate: {
      name: requiredRule(t),
      password: newPasswordRule(t),
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
        <FailureAlert>{failure}</FailureAlert>
        <TextInput label={t('auth.fields.email')} value={email} readOnly />
        <TextInput
          label={t('auth.fields.name')}
          autoComplete="name"
          required
          {...form.getInputProps('name')}
        />
        <NewPasswordInput {...form.getInputProps('password')} />
        <Button type="submit" loading={form.submitting} fullWidth size="md">
          {t('invitation.createAndJoin')}
        </Button>
      </Stack>
    </form>
  );
}
