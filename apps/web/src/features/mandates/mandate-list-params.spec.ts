import { describe, expect, it } from '@jest/globals';
import { listParams, listSearch } from './mandate-list-params';

describe('the admin mandates list in the address', () => {
  it('reads defaults from an empty or hand-edited address, and writes back only what differs', () => {
    expect(listParams(new URLSearchParams())).toEqual({
      status: 'active',
      sort: 'dueOn',
      order: 'asc',
      page: 1,
      pageSize: 20,
    });
    const odd = listParams(new URLSearchParams('status=gone&sort=DROP&page=-3&pageSize=9999&q=%00'));
    expect(odd).toMatchObject({ status: 'active', sort: 'dueOn', page: 1 });
    expect(listSearch(listParams(new URLSearchParams())).toString()).toBe('');
  });

  it('round-trips a filtered, sorted page', () => {
    const q = listParams(new URLSearchParams('status=cancelled&q=an+toàn&sort=title&order=desc&page=3'));
    expect(listSearch(q).toString()).toBe('status=cancelled&q=an+to%C3%A0n&sort=title&order=desc&page=3');
  });
});
