import type { Role } from '../identity';

/** A role held for a scope. `unitPath` is the materialised path of codes (`/01/00004/`). */
export interface Grant {
  role: Role;
  unitPath: string | null;
  organisationId: string | null;
}

/** Where a resource sits: a learner's unit and organisation, a mandate's scope, an organisation's unit. */
export interface ScopeTarget {
  unitPath: string | null;
  organisationId: string | null;
}

/** The filter a list query applies (see scopeFor): everything, or these unit paths and organisations. */
export interface ScopeFilter {
  global: boolean;
  unitPaths: string[];
  organisationIds: string[];
}

/** Unit paths are chains of official codes: `/01/`, `/01/00004/`, `/01/00004/T1/`. */
export const UNIT_CODE = /^[A-Za-z0-9]{1,20}$/;
export const unitPathOf = (parentPath: string | null, code: string) => `${parentPath ?? '/'}${code}/`;
