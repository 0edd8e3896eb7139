import { describe, expect, it } from '@jest/globals';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';
import { errorMessage } from './error-message';

/** A t() that shows which key and values were asked for. */
const t = ((key: string, values?: Record<string, unknown>) =>
  values ? `${key} ${JSON.stringify(values)}` : key) as unknown as TFunction;

describe('errorMessage', () => {
  it('names the missing CSV columns when the api lists them, and falls back to the plain message when not', () => {
    const named = new ApiError(400, 'CSV_COLUMNS_MISSING', 'x', {
      missing: ['email', 'phone'],
      expected: ['name'],
    });
    expect(errorMessage(t, named)).toBe('errors.CSV_COLUMNS_MISSING_named {"columns":"email, phone"}');
    expect(errorMessage(t, new ApiError(400, 'CSV_COLUMNS_MISSING', 'x'))).toBe('errors.CSV_COLUMNS_MISSING');
  });
});
