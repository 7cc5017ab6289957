import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates.ts';
import { stayRevenueIn } from './stay-revenue.ts';

describe("a stay's price over its nights", () => {
  it('splits a stay across a month end and a leap day, the cents left over on the first nights', () => {
    const stay = { totalCents: 100_00, checkIn: '2028-02-27', checkOut: '2028-03-03' };
    // Five nights of 20.00: three in February (27, 28, 29), two in March.
    expect(stayRevenueIn(stay, '2028-02-01', '2028-03-01')).toBe(60_00);
    expect(stayRevenueIn(stay, '2028-03-01', '2028-04-01')).toBe(40_00);
    // 100.01 over three nights: 33.34, 33.34, 33.33.
    const odd = { totalCents: 100_01, checkIn: '2026-10-30', checkOut: '2026-11-02' };
    expect(stayRevenueIn(odd, '2026-10-01', '2026-11-01')).toBe(66_68);
    expect(stayRevenueIn(odd, '2026-11-01', '2026-12-01')).toBe(33_33);
    expect(stayRevenueIn(odd, '2026-10-31', '2026-11-01')).toBe(33_34);
  });

  it('counts nothing outside the stay, and a one-night stay whole', () => {
    const night = { totalCents: 80_00, checkIn: '2026-12-31', checkOut: '2027-01-01' };
    expect(stayRevenueIn(night, '2026-12-01', '2027-01-01')).toBe(80_00);
    expect(stayRevenueIn(night, '2027-01-01', '2027-02-01')).toBe(0);
    expect(stayRevenueIn(night, '2026-11-01', '2026-12-01')).toBe(0);
  });

  it('adds up to the price exactly, however the stay is cut into ranges', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_00 }),
        fc.integer({ min: 1, max: 400 }),
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 12 }),
        (totalCents, nights, cuts) => {
          const stay = { totalCents, checkIn: '2027-01-15', checkOut: addDays('2027-01-15', nights) };
          let from = addDays(stay.checkIn, -10);
          let sum = stayRevenueIn(stay, '2000-01-01', from);
          for (const length of [...cuts, 10_000]) {
            const to = addDays(from, length);
            const share = stayRevenueIn(stay, from, to);
            expect(share).toBeGreaterThanOrEqual(0);
            sum += share;
            from = to;
          }
          expect(sum).toBe(totalCents);
        },
      ),
    );
  });
});
