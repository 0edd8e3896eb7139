// A real SMPP server (the `smpp` package's own) for tests: it checks the bind and keeps what it receives.
import type { AddressInfo } from 'node:net';
import { createServer, ESME_RBINDFAIL, ESME_ROK, type Pdu, type Server } from 'smpp';

export const SMSC_SYSTEM_ID = 'hvs-test';
export const SMSC_PASSWORD = 's3cret';

export interface Submitted {
  to: string;
  ton: number;
  dataCoding: number;
  /** The concatenation header as bytes, when the message is a part. */
  udh: number[] | null;
  text: string;
}

export type Smsc = Awaited<ReturnType<typeof startSmsc>>;

/** Starts the SMSC on `port` (0: any free one); binds only with SMSC_SYSTEM_ID / SMSC_PASSWORD. */
export async function startSmsc(port = 0) {
  const submitted: Submitted[] = [];
  const binds: Array<{ systemId: string; ok: boolean }> = [];
  let nextId = 1;
  const server: Server = createServer((session) => {
    let bound = false;
    session.on('error', () => undefined);
    session.on('bind_transceiver', (pdu: Pdu) => {
      const ok = pdu.system_id === SMSC_SYSTEM_ID && pdu.password === SMSC_PASSWORD;
      binds.push({ systemId: String(pdu.system_id), ok });
      bound = ok;
      session.send(pdu.response({ command_status: ok ? ESME_ROK : ESME_RBINDFAIL }));
      if (!ok) session.close();
    });
    session.on('submit_sm', (pdu: Pdu) => {
      if (!bound) {
        session.send(pdu.response({ command_status: ESME_RBINDFAIL }));
        return;
      }
      const sm = pdu.short_message as { udh?: Buffer[]; message: string };
      submitted.push({
        to: String(pdu.destination_addr),
        ton: Number(pdu.dest_addr_ton),
        dataCoding: Number(pdu.data_coding),
        udh: sm.udh?.[0] ? [...sm.udh[0]] : null,
        text: sm.message,
      });
      session.send(pdu.response({ message_id: `m${nextId++}` }));
    });
    session.on('unbind', (pdu: Pdu) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('enquire_link', (pdu: Pdu) => session.send(pdu.response()));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const address = server.address() as AddressInfo;
  return {
    port: address.port,
    url: `smpp://127.0.0.1:${address.port}`,
    submitted,
    binds,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of server.sessions) s.destroy();
        server.close(() => resolve());
      }),
  };
}
