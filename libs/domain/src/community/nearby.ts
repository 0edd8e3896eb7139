/**
 * "Scanned from far away" (docs/community-sessions.md): when a session has the coordinates of its place, a QR
 * check-in must carry the phone's position and it must lie within NEARBY_METRES of the place, widened by the
 * position's own accuracy up to MAX_ACCURACY_METRES. A session without coordinates relies on the rotating code
 * alone. The position is what the phone reports: it raises the bar for someone relaying a code from afar, it is
 * not proof; the host's list of attendees is.
 */

export const NEARBY_METRES = 300;
export const MAX_ACCURACY_METRES = 200;

export interface LatLng {
  latitude: number;
  longitude: number;
}

export interface ReportedPosition extends LatLng {
  /** The phone's estimate of its error, in metres. */
  accuracy: number;
}

const EARTH_RADIUS_METRES = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance between two points (haversine), in metres. */
export function distanceMetres(a: LatLng, b: LatLng): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLng = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
}

export type NearbyVerdict = 'no-place' | 'near' | 'far' | 'position-required';

/** Whether a QR check-in's reported position satisfies the session's place (see the rule above). */
export function nearbyVerdict(place: LatLng | null, position: ReportedPosition | null): NearbyVerdict {
  if (!place) return 'no-place';
  if (!position) return 'position-required';
  const allowed = NEARBY_METRES + Math.min(Math.max(position.accuracy, 0), MAX_ACCURACY_METRES);
  return distanceMetres(place, position) <= allowed ? 'near' : 'far';
}
