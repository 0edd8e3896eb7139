import { isIP } from 'node:net';
import { z } from 'zod';

/** Empty counts as unset (compose and Kubernetes pass empty variables through). */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** An IP address or a CIDR (address/prefix length). */
export function isAddressOrCidr(p: string): boolean {
  const [address, bits, extra] = p.split('/');
  if (extra !== undefined || !address || isIP(address) === 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n <= (isIP(address) === 4 ? 32 : 128);
}

/**
 * Who may read the metrics, for the api and the worker alike (`.env.example` documents them). Without either,
 * nobody may: the metrics answer 401.
 */
export const metricsEnvFields = {
  /** A bearer token (32+ characters) Prometheus sends as `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z.preprocess(
    blankToUndefined,
    z
      .string()
      .min(32, 'must be at least 32 characters')
      .regex(/^[\x21-\x7E]+$/, 'printable ASCII without spaces')
      .optional(),
  ),
  /** Client addresses or CIDRs that may read the metrics without the token (e.g. the cluster's pod network). */
  METRICS_ALLOW: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || v.split(',').every((p) => isAddressOrCidr(p.trim())), {
      message: 'expected a comma-separated list of IP addresses or CIDRs',
    }),
};

/** The worker's own metrics listener: off unless METRICS_PORT is set (0: a port the system chooses, for tests). */
export const workerMetricsEnvFields = {
  ...metricsEnvFields,
  METRICS_PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65535).optional()),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
};

export interface MetricsAccessSettings {
  token?: string;
  /** Addresses or CIDRs allowed without the token. */
  allow: string[];
}

/** Validated metrics variables to settings. */
export function metricsAccessSettings(c: {
  METRICS_TOKEN?: string;
  METRICS_ALLOW: string;
}): MetricsAccessSettings {
  return {
    token: c.METRICS_TOKEN,
    allow: c.METRICS_ALLOW === '' ? [] : c.METRICS_ALLOW.split(',').map((p) => p.trim()),
  };
}
