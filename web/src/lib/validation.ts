import type { TFunction } from 'i18next';

/** The server's password rules, checked in the browser first so the answer comes at once. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const requiredRule = (t: TFunction) => (value: string) => (value.trim() ? null : t('errors.required'));

export const emailRule = (t: TFunction) => (value: string) =>
  /^\S+@\S+\.\S+$/.test(value.trim()) ? null : t('errors.invalid-email');

export const newPasswordRule = (t: TFunction) => (value: string) =>
  value.length < PASSWORD_MIN
    ? t('errors.too-short', { count: PASSWORD_MIN })
    : value.length > PASSWORD_MAX
      ? t('errors.too-long', { count: PASSWORD_MAX })
      : null;

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const AMOUNT = /^\d{1,12}([.,]\d{1,2})?$/;

/** A date field's value as the browser's date input gives it: YYYY-MM-DD. */
export const isCalendarDate = (value: string) => CALENDAR_DATE.test(value);

export const dateRule = (t: TFunction) => (value: string) =>
  isCalendarDate(value) ? null : t('errors.invalid-date');

/** The end of a range (a check-out, a block's end): a date, after the start. */
export const endDateError = (t: TFunction, end: string, start: string) =>
  !isCalendarDate(end)
    ? t('errors.invalid-date')
    : end <= start
      ? t('reservations.errors.checkOutAfter')
      : null;

/** An amount as the API takes it (two decimals at most, a comma accepted), or nothing. */
export const isAmount = (value: string) => AMOUNT.test(value.trim());
export const optionalAmountRule = (t: TFunction) => (value: string) =>
  value.trim() === '' || isAmount(value) ? null : t('errors.invalid-amount');
