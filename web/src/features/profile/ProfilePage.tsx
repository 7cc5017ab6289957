import {
  Alert,
  Button,
  Card,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NewPasswordInput } from '../../components/NewPasswordInput.tsx';
import { api, unwrap } from '../../lib/api/client.ts';
import { setSession } from '../../lib/auth/session.ts';
import { errorSummary, translatedFieldErrors } from '../../lib/form-errors.ts';
import { newPasswordRule, requiredRule } from '../../lib/validation.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { LinkedProviders } from './LinkedProviders.tsx';

export function ProfilePage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={560}>
      <Title order={2}>{t('profile.title')}</Title>
      <ProfileForm />
      <PasswordForm />
      <LinkedProviders />
    </Stack>
  );
}

function ProfileForm() {
  const { t, i18n } = useTranslation();
  const auth = useAuth();
  const [saved, setSaved] = useState(false);
  const accountLocale = auth.user?.locale === 'fr' ? 'fr' : 'en';
  const form = useForm({
    initialValues: { name: auth.user?.name ?? '', locale: accountLocale },
    validate: { name: requiredRule(t) },
  });
  // The header's language switch changes the account's language too; the field follows it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form is a new object at every render
  useEffect(() => form.setFieldValue('locale', accountLocale), [accountLocale]);
  const submit = form.onSubmit(async (values) => {
    setSaved(false);
    try {
      const locale = values.locale === 'fr' ? 'fr' : 'en';
      unwrap(await api.PATCH('/api/v1/users/me', { body: { name: values.name.trim(), locale } }));
      await i18n.changeLanguage(locale);
      await auth.reload();
      setSaved(true);
    } catch (error) {
      form.setErrors(translatedFieldErrors(t, error));
    }
  });
  return (
    <Card withBorder padding="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('profile.details')}
          </Title>
          <Text size="sm" c="dimmed">
            {auth.user?.email}
          </Text>
          <TextInput label={t('auth.fields.name')} required {...form.getInputProps('name')} />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('language.label')}
            </Text>
            <SegmentedControl
              data={[
                { value: 'en', label: 'English' },
                { value: 'fr', label: 'Français' },
              ]}
              {...form.getInputProps('locale')}
            />
          </Stack>
          {saved && (
            <Alert color="teal" role="status">
              {t('profile.saved')}
            </Alert>
          )}
          <Button type="submit" loading={form.submitting} style={{ alignSelf: 'flex-start' }}>
            {t('profile.save')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const [changed, setChanged] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '' },
    validate: {
      currentPassword: (value) => (value ? null : t('errors.required')),
      newPassword: newPasswordRule(t),
    },
  });
  const submit = form.onSubmit(async (values) => {
    setChanged(false);
    setFailure(null);
    try {
      // Every other session ends; this one continues with the new tokens.
      setSession(unwrap(await api.POST('/api/v1/users/me/password', { body: values })));
      form.reset();
      setChanged(true);
    } catch (error) {
      const fields = translatedFieldErrors(t, error);
      form.setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(errorSummary(t, error));
    }
  });
  return (
    <Card withBorder padding="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('profile.password')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('profile.passwordHint')}
          </Text>
          {failure && <Alert color="red">{failure}</Alert>}
          <PasswordInput
            label={t('auth.fields.currentPassword')}
            autoComplete="current-password"
            required
            {...form.getInputProps('currentPassword')}
          />
          <NewPasswordInput label={t('auth.fields.newPassword')} {...form.getInputProps('newPassword')} />
          {changed && (
            <Alert color="teal" role="status">
              {t('profile.passwordChanged')}
            </Alert>
          )}
          <Button type="submit" loading={form.submitting} style={{ alignSelf: 'flex-start' }}>
            {t('profile.changePassword')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
