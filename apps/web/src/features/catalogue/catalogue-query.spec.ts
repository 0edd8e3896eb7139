import { describe, expect, it } from '@jest/globals';
import { catalogueSearchParams, readCatalogueQuery } from './catalogue-query';

describe('catalogue query in the address bar', () => {
  it('reads a search with filters and a page', () => {
    const query = readCatalogueQuery(
      new URLSearchParams('q=dien+thoai&targetGroup=citizens&maxMinutes=60&language=vi&page=2'),
    );
    expect(query).toEqual({
      q: 'dien thoai',
      targetGroup: 'citizens',
      maxMinutes: '60',
      language: 'vi',
      page: 2,
    });
  });

  it('drops values the api would refuse, so an old link still shows courses', () => {
    const query = readCatalogueQuery(
      new URLSearchParams('targetGroup=aliens&maxMinutes=7&language=fr&page=-3'),
    );
    expect(query).toEqual({ q: '', targetGroup: '', maxMinutes: '', language: '', page: 1 });
  });

  it('writes short links: no empty values, no page 1', () => {
    expect(catalogueSearchParams({ q: '  điện thoại ', targetGroup: '', page: 1 }).toString()).toBe(
      'q=%C4%91i%E1%BB%87n+tho%E1%BA%A1i',
    );
  });
});
