import { failedCertificateRequests, notifyChannel } from '@hocvuso/db';
import { moveIssuerUrl, type IssuerSettings } from '@hocvuso/issuance';
import { PgNotifyJobQueue } from '@hocvuso/jobs';
import type { DataSource } from 'typeorm';
import { retryFailedCertificates } from '../modules/credentials/failed-certificates.service';

/**
 * `certificates:retry-failed`: puts every certificate request that failed for good back in line, once its cause
 * is fixed. The worker's sweep issues them (within CERTIFICATE_SWEEP_EVERY_SECONDS); without Redis they are also
 * announced at once through Postgres notifications.
 */
export async function retryFailedCertificatesCommand(db: DataSource): Promise<string> {
  const before = await failedCertificateRequests(db, 10_000);
  const byCode = new Map<string, number>();
  for (const r of before) byCode.set(r.failure_code, (byCode.get(r.failure_code) ?? 0) + 1);
  const retried = await retryFailedCertificates(
    db,
    new PgNotifyJobQueue((channel, payload) => notifyChannel(db, channel, payload)),
  );
  const codes = [...byCode].map(([code, n]) => `${code}: ${n}`).join(', ');
  return `certificates: ${retried.length} failed request(s) re-run${codes ? ` (${codes})` : ''}; the worker issues them now`;
}

/**
 * `issuer:move-url`: the platform moved to a new PUBLIC_URL on purpose. Makes the new address's did:web the
 * issuer (its key and status lists); the earlier identities keep their keys, so what they issued keeps verifying
 * here. Without this, the api and the worker refuse to start on a changed PUBLIC_URL.
 */
export async function moveIssuerUrlCommand(db: DataSource, settings: IssuerSettings): Promise<string> {
  const { did, previous, created } = await moveIssuerUrl(db, settings);
  return created
    ? `issuer: new certificates are issued as ${did}${previous.length ? ` (earlier: ${previous.join(', ')})` : ''}`
    : `issuer: ${did} is already the issuer; nothing to do`;
}
