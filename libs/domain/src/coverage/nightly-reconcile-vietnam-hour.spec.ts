import { nightlyReconcileDue } from './reconcile';

describe('nightlyReconcileDue: the nightly reconcile on the Vietnam clock', () => {
  it('is not due before the hour in Vietnam, even when the UTC date already changed', () => {
    // 01:59 on 6 December in Vietnam is 18:59 UTC on 5 December.
    expect(nightlyReconcileDue(new Date('2026-12-05T18:59:00Z'), 2)).toBeNull();
  });

  it('is due from the hour for that Vietnam date, not the UTC one', () => {
    // 02:00 on 6 December in Vietnam is 19:00 UTC on 5 December.
    expect(nightlyReconcileDue(new Date('2026-12-05T19:00:00Z'), 2)).toBe('2026-12-06');
  });

  it('stays due for the rest of the Vietnam day (a worker that was down catches up), and not past midnight', () => {
    expect(nightlyReconcileDue(new Date('2026-12-06T16:59:59Z'), 2)).toBe('2026-12-06');
    // 00:00 on 7 December in Vietnam: before 02:00 again.
    expect(nightlyReconcileDue(new Date('2026-12-06T17:00:00Z'), 2)).toBeNull();
  });

  it('at hour 0 is due the whole Vietnam day', () => {
    expect(nightlyReconcileDue(new Date('2026-12-06T17:00:00Z'), 0)).toBe('2026-12-07');
  });

  it('refuses an hour outside 0–23', () => {
    expect(() => nightlyReconcileDue(new Date(), 24)).toThrow(RangeError);
    expect(() => nightlyReconcileDue(new Date(), -1)).toThrow(RangeError);
    expect(() => nightlyReconcileDue(new Date(), 1.5)).toThrow(RangeError);
  });
});
