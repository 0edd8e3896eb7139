import { smsConcatHeader, smsDestination, splitSmsText } from '@hocvuso/domain';
import { connect, ESME_ROK, type Pdu, type Session } from 'smpp';
import type { SmsGateway } from './sms-gateway';

/**
 * The SMPP gateway: SMPP 3.4 to the operator's SMSC (SMPP_URL). Without it nothing leaves; the messages wait
 * in sms_outbox (`configured` false). The provider ids it answers are the SMSC's message id of each part.
 */

export interface SmppSettings {
  /** smpp://host:port (smpps:// for TLS). */
  url?: string;
  systemId: string;
  password: string;
  /** The sender shown on the phone: an alphanumeric name (TON 5) or a number (TON 1). */
  sourceAddr: string;
  /** A bind or a submit that gets no answer in this time fails (the row is retried later). */
  timeoutMs?: number;
}

/** SMPP data_coding 8: UCS-2 (big-endian UTF-16), for Vietnamese. */
const DATA_CODING_UCS2 = 0x08;
/** esm_class bit 6: the short message starts with a user data header (the concatenation header). */
const ESM_UDHI = 0x40;

const ucs2 = (text: string): Buffer => {
  const le = Buffer.from(text, 'utf16le');
  return le.swap16();
};

/**
 * One bound transceiver session, opened on the first send and kept for the next ones; a lost connection
 * (the SMSC restarted, a network cut) is dropped and the next send binds again. A text longer than one SMS
 * goes as parts with the 8-bit concatenation header, each part its own submit_sm, all under one reference.
 */
export function createSmppSender(settings: SmppSettings): SmsGateway {
  if (!settings.url) {
    return {
      name: 'smpp',
      configured: false,
      send: () => Promise.reject(new Error('no SMPP_URL: SMS stay queued in sms_outbox')),
      close: () => Promise.resolve(),
    };
  }
  const url = new URL(settings.url);
  const timeoutMs = settings.timeoutMs ?? 15_000;
  let session: Promise<Session> | undefined;
  let reference = Math.floor(Math.random() * 256);

  const withTimeout = <T>(what: string, work: (done: (v: T) => void, fail: (e: Error) => void) => void) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`SMPP ${what}: no answer in ${timeoutMs} ms`)),
        timeoutMs,
      );
      work(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e) => {
          clearTimeout(timer);
          reject(e);
        },
      );
    });

  const open = (): Promise<Session> => {
    const opening = withTimeout<Session>('bind', (done, fail) => {
      const s = connect({
        host: url.hostname,
        port: Number(url.port || (url.protocol === 'smpps:' ? 3550 : 2775)),
        tls: url.protocol === 'smpps:',
      });
      const lost = (err?: Error) => {
        if (session === opening) session = undefined;
        fail(err ?? new Error('SMPP connection closed'));
      };
      s.on('error', (err: Error) => lost(err));
      s.on('close', () => lost());
      s.once('connect', () => {
        s.bind_transceiver({ system_id: settings.systemId, password: settings.password }, (pdu: Pdu) => {
          if (pdu.command_status === ESME_ROK) done(s);
          else {
            s.destroy();
            fail(new Error(`SMPP bind refused (status ${pdu.command_status})`));
          }
        });
      });
      s.on('enquire_link', (pdu: Pdu) => s.send(pdu.response()));
      s.on('unbind', (pdu: Pdu) => {
        s.send(pdu.response());
        s.close();
      });
    });
    session = opening;
    opening.catch(() => {
      if (session === opening) session = undefined;
    });
    return opening;
  };

  const submit = (s: Session, fields: Record<string, unknown>) =>
    withTimeout<string>('submit_sm', (done, fail) => {
      const sent = s.submit_sm(fields, (pdu: Pdu) => {
        if (pdu.command_status === ESME_ROK) done(String(pdu.message_id ?? ''));
        else fail(new Error(`SMPP submit_sm refused (status ${pdu.command_status})`));
      });
      if (!sent) fail(new Error('SMPP connection not writable'));
    });

  const alphanumeric = /[^0-9+]/.test(settings.sourceAddr);
  return {
    name: 'smpp',
    configured: true,
    async send(toE164, text) {
      const destination = smsDestination(toE164);
      const parts = splitSmsText(text);
      const s = await (session ?? open());
      const common = {
        source_addr_ton: alphanumeric ? 5 : 1,
        source_addr_npi: alphanumeric ? 0 : 1,
        source_addr: settings.sourceAddr.replace(/^\+/, ''),
        dest_addr_ton: 1,
        dest_addr_npi: 1,
        destination_addr: destination,
        data_coding: DATA_CODING_UCS2,
        registered_delivery: 0,
      };
      if (parts.length === 1)
        return { providerIds: [await submit(s, { ...common, short_message: ucs2(parts[0]!) })] };
      reference = (reference + 1) % 256;
      const ids: string[] = [];
      for (const [i, part] of parts.entries())
        ids.push(
          await submit(s, {
            ...common,
            esm_class: ESM_UDHI,
            short_message: Buffer.concat([
              Buffer.from(smsConcatHeader(reference, parts.length, i + 1)),
              ucs2(part),
            ]),
          }),
        );
      return { providerIds: ids };
    },
    async close() {
      const current = session;
      session = undefined;
      const s = await current?.catch(() => undefined);
      if (!s) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          s.destroy();
          resolve();
        }, 2_000);
        s.unbind({}, () => {
          clearTimeout(timer);
          s.close(() => resolve());
        });
      });
    },
  };
}
