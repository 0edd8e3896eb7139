import { createSmppSender, type SmppSettings } from './smpp-sender';

/**
 * How an SMS leaves the platform (docs/sms.md, "Gateways"). The outbox (sms_outbox) does not care which: the
 * worker claims a row, hands its number and text to the gateway, and records what the gateway answered.
 *
 * The gateways shipped: `smpp` (SMPP 3.4 to an operator's or aggregator's SMSC, `SMPP_URL`). The slot for
 * another (a provider's HTTP API for brand-name SMS, Zalo ZNS templates) is this interface and one more case
 * in `createSmsGateway` with its settings in worker.config.ts; none is shipped until it has been run against the
 * provider's real service (a fake would pass every test and send nothing).
 */
export type SmsGatewayName = 'smpp';
export const SMS_GATEWAYS: readonly SmsGatewayName[] = ['smpp'];

export interface SmsSendResult {
  /** The provider's id of each part sent (one per SMS part for SMPP), recorded on the outbox row. */
  providerIds: string[];
}

export interface SmsGateway {
  readonly name: SmsGatewayName;
  /** False when the gateway has no address: nothing leaves, the SMS wait in sms_outbox. */
  readonly configured: boolean;
  /**
   * Sends one text to an E.164 number. `outboxId` is stable across retries of the same row: a gateway whose
   * provider accepts a client reference (HTTP APIs' request id, ZNS `tracking_id`) passes it, so a retry after
   * a lost answer is recognised by the provider and not charged or delivered twice. SMPP has no such field: its
   * rows are locked while sent and marked sent in the same transaction (at-least-once only across a crash).
   */
  send(toE164: string, text: string, ref: { outboxId: string }): Promise<SmsSendResult>;
  close(): Promise<void>;
}

export interface SmsGatewaySettings extends SmppSettings {
  gateway: SmsGatewayName;
}

/** The configured gateway (SMS_GATEWAY, default smpp). */
export function createSmsGateway(settings: SmsGatewaySettings): SmsGateway {
  switch (settings.gateway) {
    case 'smpp':
      return createSmppSender(settings);
  }
}
