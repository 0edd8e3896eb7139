import { describe, expect, it } from '@jest/globals';
import { dataExportFileName, dataExportFileText } from './data-export-file';

describe('the downloaded data export', () => {
  it('is named after the day it was made, as the api names it', () => {
    expect(dataExportFileName('2026-11-28T23:59:59.123Z')).toBe('hocvuso-data-2026-11-28.json');
    expect(dataExportFileName('2027-01-01T00:00:00.000Z')).toBe('hocvuso-data-2027-01-01.json');
  });

  it('still gets a sensible name when the time is missing or malformed', () => {
    expect(dataExportFileName('')).toBe('hocvuso-data.json');
    expect(dataExportFileName('yesterday')).toBe('hocvuso-data.json');
    expect(dataExportFileName('../../etc/passwd')).toBe('hocvuso-data.json');
  });

  it('keeps every field and the Vietnamese text as it came, readable and parseable', () => {
    const data = {
      format: 'hocvuso-personal-data/1',
      generatedAt: '2026-11-28T08:00:00.000Z',
      account: { displayName: 'Đinh Thị Dữ Liệu', email: null, phone: '+84912345678' },
      enrolments: [{ courseTitle: 'Nhận biết lừa đảo trực tuyến', status: 'active' }],
    };
    const text = dataExportFileText(data);
    expect(JSON.parse(text)).toEqual(data);
    expect(text).toContain('"displayName": "Đinh Thị Dữ Liệu"');
    expect(text.endsWith('}\n')).toBe(true);
  });
});
