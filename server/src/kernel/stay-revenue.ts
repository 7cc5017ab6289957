import { nightsBetween } from './dates.ts';

/**
 * The share of a stay's price that falls on the nights of [from, to), in
 * cents. The price is spread evenly over the stay's nights, and the cents an
 * even split leaves over go one each to its first nights: every night holds
 * `floor(price / nights)` or one cent more, and the shares of any split of
 * the stay into ranges add up to its price exactly. Analytics (per month)
 * and owner statements (per house and month) count a stay across a month
 * end with this rule, so their figures agree to the cent.
 */
export function stayRevenueIn(
  stay: { totalCents: number; checkIn: string; checkOut: string },
  from: string,
  to: string,
): number {
  const nights = nightsBetween(stay.checkIn, stay.checkOut);
  if (nights <= 0) return 0;
  // Indexes of the stay's nights inside the range: [first, end).
  const first = Math.max(0, nightsBetween(stay.checkIn, from));
  const end = Math.min(nights, nightsBetween(stay.checkIn, to));
  if (end <= first) return 0;
  const base = Math.floor(stay.totalCents / nights);
  const leftOver = stay.totalCents - base * nights;
  return (end - first) * base + Math.max(0, Math.min(leftOver, end) - first);
}
