import { z } from 'zod';

/**
 * The sets of places (administrative units, and organisations where a set has them) that `npm start` can load
 * from content/directory, chosen with `PLACES` (comma-separated, default `demo`). Each set also names the
 * units the demo accounts are scoped to when it is the first set chosen.
 */
export const PLACE_SETS = {
  /** Fictional units and organisations (every name says "minh hoạ"); never loaded in production. */
  demo: {
    units: 'directory/demo-units.csv',
    organisations: 'directory/demo-organisations.csv',
    fictional: true,
    demoScope: { province: 'DEMO', commune: 'DEMO01' },
  },
  /** Tỉnh Lai Châu and its 38 commune-level units after Resolution 1670/NQ-UBTVQH15 (lai-chau-units.md). */
  'lai-chau': {
    units: 'directory/lai-chau-units.csv',
    organisations: null,
    fictional: false,
    demoScope: { province: '12', commune: '03408' },
  },
} as const;

export type PlaceSet = keyof typeof PLACE_SETS;
export const PLACE_SET_NAMES = Object.keys(PLACE_SETS) as PlaceSet[];

const isPlaceSet = (name: string): name is PlaceSet => (PLACE_SET_NAMES as string[]).includes(name);

/**
 * `PLACES`: set names separated by commas (spaces around them ignored, repeats once), or `none`. An unknown
 * name, an empty value or `none` beside a set is a configuration error that names the known sets.
 */
export const placesField = z
  .string()
  .default('demo')
  .transform((value, ctx): PlaceSet[] => {
    const names = value
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    const expected = `expected set names separated by commas, from: ${PLACE_SET_NAMES.join(', ')} (or none)`;
    if (names.length === 0) {
      ctx.addIssue({ code: 'custom', message: `is empty: ${expected}` });
      return z.NEVER;
    }
    if (names.includes('none')) {
      if (names.length > 1) ctx.addIssue({ code: 'custom', message: `"none" stands alone: ${expected}` });
      return [];
    }
    const unknown = names.filter((n) => !isPlaceSet(n));
    if (unknown.length > 0) {
      const shown = unknown.map((n) => `"${n.slice(0, 40)}"`).join(', ');
      ctx.addIssue({ code: 'custom', message: `unknown place set ${shown}: ${expected}` });
      return z.NEVER;
    }
    return [...new Set(names.filter(isPlaceSet))];
  });
