/** How the dashboard and the analytics page write the API's numbers, in the user's language. */

/** A share (0–1, as the API gives occupancy) as a percentage: "72,4 %". */
export const percent = (value: number, language: string | undefined): string =>
  new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(value);

/** A count or an average: "3,5". */
export const decimal = (value: number, language: string | undefined, digits = 1): string =>
  new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);

/**
 * The change from last year, as a reader says it: points for a rate, a
 * percentage for an amount; null when last year had nothing to compare with.
 */
export function change(
  now: number,
  before: number,
  kind: 'rate' | 'amount',
): { direction: 'up' | 'down' | 'flat'; points: number } | null {
  if (kind === 'rate') {
    const points = Math.round((now - before) * 1000) / 10;
    return { direction: points > 0 ? 'up' : points < 0 ? 'down' : 'flat', points };
  }
  if (before === 0) return null;
  const points = Math.round(((now - before) / before) * 1000) / 10;
  return { direction: points > 0 ? 'up' : points < 0 ? 'down' : 'flat', points };
}

/** The month (YYYY-MM) `months` after another. */
export function addMonths(month: string, months: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + number - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** A month (YYYY-MM) with its year, as a heading or a choice starts it: "Novembre 2026". */
export const monthTitle = (month: string, language: string | undefined): string => {
  const text = new Date(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 15).toLocaleDateString(
    language,
    { month: 'long', year: 'numeric' },
  );
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
};

/** A month (YYYY-MM) short, with its year when it is not the current one: "janv.", "déc. 2025". */
export function shortMonth(month: string, language: string | undefined, currentYear?: string): string {
  const date = new Date(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 15);
  return date.toLocaleDateString(language, {
    month: 'short',
    ...(currentYear && month.slice(0, 4) !== currentYear ? { year: 'numeric' } : {}),
  });
}
