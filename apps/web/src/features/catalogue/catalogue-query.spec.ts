import { describe, expect, it } from '@jest/globals';
import { activeFilterCount, catalogueSearchParams, readCatalogueQuery } from './catalogue-query';

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
      subGroup: '',
      competency: '',
      level: '',
      page: 2,
    });
  });

  it('reads the framework filters: sub-group, competency and level', () => {
    const query = readCatalogueQuery(
      new URLSearchParams('subGroup=older-adults&competency=tt02-2025%3A4.2&level=3'),
    );
    expect(query).toMatchObject({ subGroup: 'older-adults', competency: 'tt02-2025:4.2', level: '3' });
    expect(activeFilterCount(query)).toBe(3);
    expect(catalogueSearchParams(query).toString()).toBe(
      'subGroup=older-adults&competency=tt02-2025%3A4.2&level=3',
    );
  });

  it('drops a forged competency or level instead of sending it to the api', () => {
    const forged = [
      'tt02-2025',
      'TT02:4.2',
      "x:4.2' or 1=1",
      'a:4.2\u0000',
      'a:\u200b4.2',
      `${'a'.repeat(500)}:1`,
    ];
    for (const competency of forged) {
      expect(readCatalogueQuery(new URLSearchParams({ competency })).competency).toBe('');
    }
    expect(readCatalogueQuery(new URLSearchParams('level=9')).level).toBe('');
    expect(readCatalogueQuery(new URLSearchParams('level=0')).level).toBe('');
    expect(readCatalogueQuery(new URLSearchParams('subGroup=aliens')).subGroup).toBe('');
  });

  it('drops values the api would refuse, so an old link still shows courses', () => {
    const query = readCatalogueQuery(
      new URLSearchParams('targetGroup=aliens&maxMinutes=7&language=fr&page=-3'),
    );
    expect(query).toEqual({
      q: '',
      targetGroup: '',
      maxMinutes: '',
      language: '',
      subGroup: '',
      competency: '',
      level: '',
      page: 1,
    });
  });

  it('writes short links: no empty values, no page 1', () => {
    expect(catalogueSearchParams({ q: '  điện thoại ', targetGroup: '', page: 1 }).toString()).toBe(
      'q=%C4%91i%E1%BB%87n+tho%E1%BA%A1i',
    );
  });
});
