/**
 * Amounts as the API writes them ("380.00") and as people type them ("380",
 * "380,5"), counted in integer cents like the server: a price is never the
 * product of two floating point numbers.
 */
const AMOUNT = /^(\d{1,12})(?:[.,](\d{1,2}))?$/;

/** The cents of an amount, or null when the text is not one. */
export function toCents(value: string): number | null {
  const match = AMOUNT.exec(value.trim());
  if (!match) return null;
  const [, units = '0', fraction = ''] = match;
  return Number(units) * 100 + Number(fraction.padEnd(2, '0'));
}

/** An amount in the API's form: two decimals, a dot. */
export function fromCents(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** What `nights` cost at a nightly price, as the server counts a stay given no price. */
export function priceOfNights(nightlyPrice: string, nights: number): string | null {
  const cents = toCents(nightlyPrice);
  return cents === null ? null : fromCents(cents * nights);
}
