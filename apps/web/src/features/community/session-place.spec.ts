import { describe, expect, it } from '@jest/globals';
import { parseCoordinates } from './session-place';

describe('parseCoordinates', () => {
  it('is nothing when both fields are empty (or blank)', () => {
    expect(parseCoordinates('', '')).toBeUndefined();
    expect(parseCoordinates('  ', ' ')).toBeUndefined();
  });

  it('reads decimal degrees, with a point or a Vietnamese comma', () => {
    expect(parseCoordinates('22.39642', '103.45827')).toEqual({ latitude: 22.39642, longitude: 103.45827 });
    expect(parseCoordinates('22,39642', '103,45827')).toEqual({ latitude: 22.39642, longitude: 103.45827 });
    expect(parseCoordinates('-8.5', '-179.99')).toEqual({ latitude: -8.5, longitude: -179.99 });
  });

  it.each([
    ['22.4', ''],
    ['', '103.4'],
    ['91', '103'],
    ['22', '181'],
    ['22°23′', '103'],
    ['1e2', '3'],
    ['22.4.5', '103'],
    ['0x16', '103'],
    ['22\u0000', '103'],
    ['Infinity', '103'],
  ])('refuses %j, %j', (lat, lng) => {
    expect(parseCoordinates(lat, lng)).toBe('invalid');
  });
});
