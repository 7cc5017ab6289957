import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN } from '../lib/validation.ts';

/** A field for choosing a password: says the rule, lets password managers fill in a new one. */
export function NewPasswordInput(props: PasswordInputProps) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      label={t('auth.fields.password')}
      description={t('auth.fields.passwordHint', { min: PASSWORD_MIN })}
      autoComplete="new-password"
      required
      {...props}
    />
  );
}
