import { distanceMetres, nearbyVerdict } from './nearby';

// The commune hall of a commune in Lai Châu (approximate).
const hall = { latitude: 22.3964, longitude: 103.4582 };

describe('a QR check-in scanned from far away', () => {
  it('measures distances on the earth (one degree of latitude is about 111 km)', () => {
    const d = distanceMetres({ latitude: 22, longitude: 103 }, { latitude: 23, longitude: 103 });
    expect(d).toBeGreaterThan(110_000);
    expect(d).toBeLessThan(112_000);
  });

  it('accepts a phone in the hall and one 250 m away', () => {
    expect(nearbyVerdict(hall, { ...hall, accuracy: 20 })).toBe('near');
    expect(
      nearbyVerdict(hall, { latitude: hall.latitude + 0.00225, longitude: hall.longitude, accuracy: 10 }),
    ).toBe('near');
  });

  it('refuses a phone in the provincial town 3 km away, however poor it says its accuracy is', () => {
    const town = { latitude: hall.latitude + 0.027, longitude: hall.longitude };
    expect(nearbyVerdict(hall, { ...town, accuracy: 10 })).toBe('far');
    expect(nearbyVerdict(hall, { ...town, accuracy: 50_000 })).toBe('far');
  });

  it('widens the radius by the reported accuracy up to 200 m, and ignores a negative accuracy', () => {
    const at450 = { latitude: hall.latitude + 0.00405, longitude: hall.longitude };
    expect(nearbyVerdict(hall, { ...at450, accuracy: 10 })).toBe('far');
    expect(nearbyVerdict(hall, { ...at450, accuracy: 180 })).toBe('near');
    expect(nearbyVerdict(hall, { ...at450, accuracy: -1000 })).toBe('far');
  });

  it('needs a position when the session has a place, and none when it has not', () => {
    expect(nearbyVerdict(hall, null)).toBe('position-required');
    expect(nearbyVerdict(null, null)).toBe('no-place');
    expect(nearbyVerdict(null, { ...hall, accuracy: 5 })).toBe('no-place');
  });
});
