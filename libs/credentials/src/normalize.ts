/**
 * RDF canonicalisation does not normalise Unicode: "Hương" in NFC and in NFD are different literals, so a
 * credential must be NFC before it is signed, and must never be re-normalised afterwards.
 * Returns a deep copy with every string (keys too) in NFC; the input is left alone.
 */
export function deepNfc<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map((v) => deepNfc(v)) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.normalize('NFC'), deepNfc(v)])) as T;
  }
  return value;
}

/** XSD dateTimeStamp to the second, in UTC: `2026-11-28T08:00:00Z`. */
export function xsdDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** True for an absolute URL or URN we are willing to put in an `id`. */
export function isIri(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^(https?:\/\/[^\s]+|urn:[a-z0-9][a-z0-9-]{0,31}:[^\s]+|did:[a-z0-9]+:[^\s]+)$/i.test(value)
  );
}
