/** A session place's coordinates as typed (decimal degrees; a comma is read as the decimal point, as Vietnamese writes it). */
export interface Coordinates {
  latitude: number;
  longitude: number;
}

const DECIMAL = /^[+-]?\d{1,3}(?:[.,]\d+)?$/;

/**
 * The coordinates from the form's two fields: none when both are empty, `'invalid'` when only one is filled or
 * either is not a number in range (latitude −90…90, longitude −180…180), so the API's rule is told before sending.
 */
export function parseCoordinates(latitude: string, longitude: string): Coordinates | undefined | 'invalid' {
  const lat = latitude.trim();
  const lng = longitude.trim();
  if (lat === '' && lng === '') return undefined;
  if (!DECIMAL.test(lat) || !DECIMAL.test(lng)) return 'invalid';
  const la = Number(lat.replace(',', '.'));
  const lo = Number(lng.replace(',', '.'));
  if (Math.abs(la) > 90 || Math.abs(lo) > 180) return 'invalid';
  return { latitude: la, longitude: lo };
}
