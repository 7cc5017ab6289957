import type { TFunction } from 'i18next';

/** The server's password rules, checked in the browser first so the answer comes at once. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const requiredRule = (t: TFunction) => (value: string) => (value.trim() ? null : t('errors.required'));

export const emailRule = (t: TFunction) => (value: string) =>
  /^\S+@\S+\.\S+$/.test(value.trim()) ? null : t('errors.email');

export const newPasswordRule = (t: TFunction) => (value: string) =>
  value.length < PASSWORD_MIN
    ? t('errors.minLength', { count: PASSWORD_MIN })
    : value.length > PASSWORD_MAX
      ? t('errors.maxLength', { count: PASSWORD_MAX })
      : null;
