import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildOpenBadgeCredential,
  createDocumentLoader,
  didDocument,
  generateIssuerKey,
  signCredential,
} from '@hocvuso/credentials';
import { issueCertificate, rotateIssuerKey } from '@hocvuso/issuance';
import { LocalDiskStorage } from '@hocvuso/storage';
import { openRunDatabase } from '@hocvuso/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { completeCourse, correctAnswers } from './support/learning-world';
import { obSchemaErrors } from './support/ob-schema';
import {
  browser,
  expectErrorShape,
  placeLearner,
  signedInDemo,
  startTestApp,
  type TestApp,
} from './support/test-app';

const COURSE = 'cashless-payments';
const settings = () => ({
  publicUrl: 'http://localhost:3000',
  keySecret: process.env.ISSUER_KEY_SECRET!,
  name: { vi: 'Học vụ số', en: 'Học vụ số' },
});

describe('verifiable certificates', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: Awaited<ReturnType<typeof browser>>;
  beforeAll(async () => {
    t = await startTestApp({ HEARTBEAT_RATE_LIMIT_PER_MINUTE: '1000' });
    db = await openRunDatabase();
    admin = await signedInDemo(t.http);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  const deps = () => ({ db, storage: new LocalDiskStorage(process.env.STORAGE_DIR!), settings: settings() });

  /** A learner who completed the course, with the certificate issued as the worker would. */
  async function certified() {
    const { l } = await completeCourse(t, db, COURSE);
    const [req] = await db.query(
      `SELECT r.id FROM certificate_requests r JOIN enrolments e ON e.id = r.enrolment_id WHERE e.user_id = $1`,
      [l.id],
    );
    expect(await issueCertificate(deps(), req.id)).toBe('done');
    const mine = await l.agent.get('/api/me/certificates').expect(200);
    expect(mine.body.items).toHaveLength(1);
    return { l, cert: mine.body.items[0] };
  }

  it('lists the certificate for the learner, downloads the credential and the PDF', async () => {
    const { cert } = await certified();
    expect(cert).toMatchObject({
      courseId: COURSE,
      status: 'valid',
      serial: expect.stringMatching(/^HVS-\d{4}-[A-Z2-9]{8}$/),
    });
    expect(cert.verifyUrl).toBe(`http://localhost:3000/verify/${cert.id}`);
    const vc = await request(t.http).get(`/api/credentials/${cert.id}?download=1`).expect(200);
    expect(vc.headers['content-disposition']).toContain('attachment');
    expect(vc.body.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.body.proof).toEqual([
      expect.objectContaining({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' }),
    ]);
    expect(JSON.stringify(vc.body)).not.toMatch(/@example\.com|\+84/);
    const pdf = await request(t.http)
      .get(`/api/credentials/${cert.id}/pdf`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const file = join(mkdtempSync(join(tmpdir(), 'hvs-pdf-')), 'c.pdf');
    writeFileSync(file, pdf.body as Buffer);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize(
      'NFC',
    );
    expect(text).toContain('Nguyễn Văn Học');
    expect(text).toContain(cert.serial);
  });

  it('verifies an issued credential with every claim in plain terms', async () => {
    const { cert } = await certified();
    const res = await request(t.http).get(`/api/credentials/${cert.id}/verify`).expect(200);
    expect(res.body).toMatchObject({
      verdict: 'valid',
      checks: { signature: true, issuerAllowed: true, validity: 'ok', status: 'ok' },
      errors: [],
    });
    expect(res.body.claims).toMatchObject({
      recipientName: 'Nguyễn Văn Học',
      issuer: { id: 'did:web:localhost%3A3000', name: 'Học vụ số' },
    });
    expect(res.body.claims.competencies.length).toBeGreaterThan(0);
    // Each competency carries its framework page, so the verify page can link it (/frameworks/<id>#<code>).
    for (const c of res.body.claims.competencies as Array<{ code: string; url: string }>) {
      expect(new URL(c.url).pathname).toMatch(/^\/frameworks\/[a-z0-9.-]+$/);
      expect(new URL(c.url).hash).toBe(`#${c.code}`);
    }
    const did = await request(t.http).get('/.well-known/did.json').expect(200);
    expect(did.body.id).toBe('did:web:localhost%3A3000');
    expect(did.body.assertionMethod.length).toBeGreaterThan(0);
  });

  it('verifies a pasted credential: intact is valid, one changed character is tampered', async () => {
    const { cert } = await certified();
    const vc = (await request(t.http).get(`/api/credentials/${cert.id}`).expect(200)).body;
    const b = await browser(t.http);
    const ok = await b.post('/api/credentials/verify').send({ credential: vc }).expect(200);
    expect(ok.body.verdict).toBe('valid');
    const forged = structuredClone(vc);
    const id = forged.credentialSubject.identifier.find(
      (i: { identityType: string }) => i.identityType === 'name',
    );
    id.identityHash = id.identityHash.replace('Học', 'Hoc');
    const bad = await b.post('/api/credentials/verify').send({ credential: forged }).expect(200);
    expect(bad.body.verdict).toBe('tampered');
    const malformed = await b
      .post('/api/credentials/verify')
      .send({ credential: { hello: 'world' } })
      .expect(200);
    expect(malformed.body.verdict).toBe('malformed');
  });

  it('reports a credential signed by another issuer as unknown_issuer, without fetching anything', async () => {
    const did = 'did:web:evil.example';
    const key = generateIssuerKey(did);
    const loader = createDocumentLoader({
      didDocuments: (d) => (d === did ? didDocument(did, [{ ...key, active: true }]) : undefined),
      statusLists: async () => undefined,
    });
    const unsigned = buildOpenBadgeCredential({
      id: 'urn:uuid:0b8f6a2e-1111-4222-8333-944455556666',
      issuer: { did, name: { vi: 'Giả mạo' }, url: 'https://evil.example' },
      subjectId: 'urn:uuid:0b8f6a2e-1111-4222-8333-944455556667',
      recipientName: 'Kẻ Giả Mạo',
      achievement: {
        id: 'https://evil.example/a',
        name: { vi: 'Khóa giả' },
        description: { vi: 'Giả' },
        criteriaNarrative: { vi: 'Không' },
        alignments: [],
      },
      validFrom: new Date(),
      status: {
        statusListCredential: 'https://evil.example/status/1',
        statusListIndex: 1,
        statusPurpose: 'revocation',
      },
    });
    const signed = await signCredential(unsigned, key, loader);
    const b = await browser(t.http);
    const res = await b.post('/api/credentials/verify').send({ credential: signed }).expect(200);
    expect(res.body.verdict).toBe('unknown_issuer');
  });

  it('revokes with a reason: the status list is re-signed, verification says revoked, and it is audited', async () => {
    const { l, cert } = await certified();
    const [commune] = await db.query(
      `SELECT id, path FROM administrative_units WHERE code = 'DEMO01' AND valid_to IS NULL`,
    );
    await placeLearner(l, commune.id);
    const before = await request(t.http).get(`/api/credentials/${cert.id}`).expect(200);
    const listUrl = before.body.credentialStatus.statusListCredential;
    const listPath = new URL(listUrl).pathname;
    const list1 = await request(t.http).get(listPath).expect(200);
    expect(list1.headers.etag).toBeDefined();
    // A verifier (or a cache on the way) may keep the list 60 s, then must revalidate: never served stale.
    expect(list1.headers['cache-control']).toBe('public, max-age=60, must-revalidate');
    expect(list1.body.credentialSubject.ttl).toBe(60_000);
    await request(t.http).get(listPath).set('if-none-match', list1.headers.etag!).expect(304);
    const denied = await l
      .post(`/api/certificates/${cert.id}/status`)
      .send({ action: 'revoke', reason: 'thử thu hồi' })
      .expect(403);
    expectErrorShape(denied.body, 403, 'FORBIDDEN');
    await admin
      .post(`/api/certificates/${cert.id}/status`)
      .send({ action: 'revoke', reason: 'Cấp nhầm người học' })
      .expect(200, { status: 'revoked' });
    const list2 = await request(t.http).get(listPath).expect(200);
    expect(list2.headers.etag).not.toBe(list1.headers.etag);
    expect(list2.headers['cache-control']).not.toMatch(/stale/);
    expect(list2.body.credentialSubject.ttl).toBe(60_000);
    // Revalidating with the old ETag gets the new list, not a 304.
    await request(t.http).get(listPath).set('if-none-match', list1.headers.etag!).expect(200);
    const verify = await request(t.http).get(`/api/credentials/${cert.id}/verify`).expect(200);
    expect(verify.body).toMatchObject({ verdict: 'revoked', checks: { status: 'revoked', signature: true } });
    const audit = await db.query(
      `SELECT actor_user_id, action, reason, scope, after FROM audit_log WHERE subject_id = $1`,
      [cert.id],
    );
    // Scoped to the holder's place, so the administrators of that commune read it in their audit log.
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'certificate.revoke',
        reason: 'Cấp nhầm người học',
        scope: commune.path,
        after: { status: 'revoked' },
      }),
    ]);
    const again = await admin
      .post(`/api/certificates/${cert.id}/status`)
      .send({ action: 'reinstate', reason: 'không thể' })
      .expect(409);
    expectErrorShape(again.body, 409, 'CERTIFICATE_REVOKED');
    expect((await l.agent.get('/api/me/certificates').expect(200)).body.items[0].status).toBe('revoked');
  });

  it('a province admin cannot touch a certificate of a learner outside the province: 404', async () => {
    const { cert } = await certified();
    const province = await signedInDemo(t.http, 'province-admin');
    const res = await province
      .post(`/api/certificates/${cert.id}/status`)
      .send({ action: 'revoke', reason: 'ngoài phạm vi' })
      .expect(404);
    expectErrorShape(res.body, 404, 'CERTIFICATE_NOT_FOUND');
    expect((await request(t.http).get(`/api/credentials/${cert.id}/verify`).expect(200)).body.verdict).toBe(
      'valid',
    );
  });

  it('suspends and reinstates', async () => {
    const { cert } = await certified();
    const vc = (await request(t.http).get(`/api/credentials/${cert.id}`).expect(200)).body;
    await admin
      .post(`/api/certificates/${cert.id}/status`)
      .send({ action: 'suspend', reason: 'Đang xác minh' })
      .expect(200);
    expect((await request(t.http).get(`/api/credentials/${cert.id}/verify`).expect(200)).body.verdict).toBe(
      'suspended',
    );
    // The credential embeds only its revocation entry; the suspension is published beside it and applied to a
    // pasted copy too.
    expect(vc.credentialStatus.statusPurpose).toBe('revocation');
    expect(
      (await request(t.http).post('/api/credentials/verify').send({ credential: vc }).expect(200)).body
        .verdict,
    ).toBe('suspended');
    await admin
      .post(`/api/certificates/${cert.id}/status`)
      .send({ action: 'reinstate', reason: 'Đã xác minh xong' })
      .expect(200);
    expect((await request(t.http).get(`/api/credentials/${cert.id}/verify`).expect(200)).body.verdict).toBe(
      'valid',
    );
  });

  it('completing the same enrolment from two requests at once gives one outbox row and one certificate', async () => {
    const { l, lessons } = await completeCourse(t, db, COURSE, { skipLast: true });
    const last = lessons[lessons.length - 1]!;
    expect(last.kind).toBe('quiz');
    const attempt = (await l.post(`/api/lessons/${last.id}/quiz-attempts`).send({}).expect(201)).body;
    const answers = await correctAnswers(db, attempt.id);
    const key = 'same-idempotency-key-123';
    const results = await Promise.all(
      [0, 1].map(() =>
        l.post(`/api/quiz-attempts/${attempt.id}/submit`).set('idempotency-key', key).send({ answers }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(results.map((r) => r.body.enrolment.status)).toEqual(['completed', 'completed']);
    const reqs = await db.query(
      `SELECT r.id FROM certificate_requests r JOIN enrolments e ON e.id = r.enrolment_id WHERE e.user_id = $1`,
      [l.id],
    );
    expect(reqs).toHaveLength(1);
    const outcomes = await Promise.all([
      issueCertificate(deps(), reqs[0].id),
      issueCertificate(deps(), reqs[0].id),
    ]);
    expect(outcomes.filter((o) => o === 'done').length).toBeGreaterThanOrEqual(1);
    const certs = await db.query(
      `SELECT count(*)::int AS n FROM certificates c JOIN enrolments e ON e.id = c.enrolment_id WHERE e.user_id = $1`,
      [l.id],
    );
    expect(certs[0].n).toBe(1);
  });

  it('rotates the signing key: old certificates keep verifying, new ones use the new key', async () => {
    const { cert: before } = await certified();
    const oldKey = (await request(t.http).get(`/api/credentials/${before.id}`).expect(200)).body.proof[0]
      .verificationMethod;
    await db.transaction((tx) => rotateIssuerKey(tx, settings()));
    const { cert: after } = await certified();
    const newKey = (await request(t.http).get(`/api/credentials/${after.id}`).expect(200)).body.proof[0]
      .verificationMethod;
    expect(newKey).not.toBe(oldKey);
    const did = (await request(t.http).get('/.well-known/did.json').expect(200)).body;
    expect(did.assertionMethod).toEqual(expect.arrayContaining([oldKey, newKey]));
    for (const id of [before.id, after.id])
      expect((await request(t.http).get(`/api/credentials/${id}/verify`).expect(200)).body.verdict).toBe(
        'valid',
      );
  });

  it('issues credentials that pass the official 1EdTech OB 3.0 JSON Schema (ajv, draft 2019-09)', async () => {
    const { cert } = await certified();
    const vc = (await request(t.http).get(`/api/credentials/${cert.id}`).expect(200)).body;
    expect(obSchemaErrors(vc)).toEqual([]);
    expect(vc.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
    });
    expect(Array.isArray(vc.proof)).toBe(true);
    // The validator is real: the shape issued before (status array, proof object) fails it.
    const old = {
      ...vc,
      credentialStatus: [vc.credentialStatus, { ...vc.credentialStatus, statusPurpose: 'suspension' }],
      proof: vc.proof[0],
    };
    expect(obSchemaErrors(old).join('\n')).toMatch(
      /credentialStatus: must be object[\s\S]*proof: must be array|proof: must be array[\s\S]*credentialStatus: must be object/,
    );
  });

  it('gives every competency a public page: each alignment targetUrl opens on its code, HTML or JSON', async () => {
    const { cert } = await certified();
    const vc = (await request(t.http).get(`/api/credentials/${cert.id}`).expect(200)).body;
    const alignments = vc.credentialSubject.achievement.alignment as Array<{
      targetUrl: string;
      targetCode: string;
      targetName: string;
    }>;
    expect(alignments.length).toBeGreaterThan(0);
    for (const a of alignments) {
      const url = new URL(a.targetUrl);
      expect(url.origin).toBe('http://localhost:3000');
      expect(url.hash).toBe(`#${a.targetCode}`);
      for (const accept of [
        'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
        '*/*',
        undefined,
      ]) {
        const req = request(t.http).get(url.pathname);
        const page = await (accept ? req.set('accept', accept) : req).expect(200);
        expect(page.headers['content-type']).toMatch(/^text\/html/);
        expect(page.text).toContain(`id="${a.targetCode}"`);
        expect(page.text).toContain(a.targetName);
      }
      const english = await request(t.http).get(`${url.pathname}?lang=en`).expect(200);
      expect(english.text).toMatch(/<html lang="en"/);
      const json = await request(t.http).get(url.pathname).set('accept', 'application/json').expect(200);
      const codes = json.body.domains.flatMap((d: { competencies: Array<{ code: string }> }) =>
        d.competencies.map((c) => c.code),
      );
      expect(codes).toContain(a.targetCode);
    }
    const missing = await request(t.http)
      .get('/frameworks/no-such-framework')
      .set('accept', 'text/html')
      .expect(404);
    expect(missing.headers['content-type']).toMatch(/^text\/html/);
    const hostile = await request(t.http)
      .get(`/frameworks/${encodeURIComponent('<script>alert(1)</script>')}`)
      .expect(404);
    expect(hostile.text).not.toContain('<script>alert(1)</script>');
    expectErrorShape(
      (
        await request(t.http)
          .get('/frameworks/no-such-framework')
          .set('accept', 'application/json')
          .expect(404)
      ).body,
      404,
      'FRAMEWORK_NOT_FOUND',
    );
  });

  it('verifies a pasted credential for a machine client with no cookie and no CSRF token (it changes nothing)', async () => {
    const { cert } = await certified();
    const vc = (await request(t.http).get(`/api/credentials/${cert.id}`).expect(200)).body;
    const res = await request(t.http)
      .post('/api/credentials/verify')
      .set('accept', 'application/json')
      .send({ credential: vc })
      .expect(200);
    expect(res.body.verdict).toBe('valid');
    expect(res.headers['set-cookie']).toBeUndefined();
    // The exemption is that route only: a state-changing call without the token is still refused.
    const refused = await request(t.http)
      .post(`/api/certificates/${cert.id}/status`)
      .send({ action: 'revoke', reason: 'không có token' });
    expect(refused.status).toBe(403);
    await request(t.http)
      .post('/api/credentials/verify?lang=en')
      .send({ credential: { hello: 'world' } })
      .expect(200);
  });

  it('answers the QR link /verify/<id> whatever the Accept header: HTML for browsers and camera apps, JSON when asked', async () => {
    const { cert } = await certified();
    const path = new URL(cert.verifyUrl).pathname;
    expect(path).toBe(`/verify/${cert.id}`);
    const accepts = [
      undefined,
      '*/*',
      'text/html',
      'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'image/avif,image/webp,*/*',
      'text/*',
      'application/json;q=0.5, text/html',
    ];
    for (const accept of accepts) {
      const req = request(t.http).get(path);
      const res = await (accept ? req.set('accept', accept) : req);
      expect({ accept, status: res.status }).toEqual({ accept, status: 200 });
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('Nguyễn Văn Học');
      expect(res.text).toContain('data-verdict="valid"');
      expect(res.headers['cache-control']).toBe('no-store');
    }
    for (const accept of [
      'application/json',
      'application/ld+json',
      'application/json, text/plain, */*',
      'text/html;q=0.5, application/json',
    ]) {
      const res = await request(t.http).get(path).set('accept', accept).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toMatchObject({ verdict: 'valid', claims: { recipientName: 'Nguyễn Văn Học' } });
    }
    const en = await request(t.http).get(path).set('accept-language', 'en-US,en;q=0.9').expect(200);
    expect(en.text).toContain('This certificate is valid');
    const unknown = await request(t.http)
      .get('/verify/00000000-0000-4000-8000-000000000000')
      .set('accept', '*/*')
      .expect(404);
    expect(unknown.headers['content-type']).toMatch(/^text\/html/);
    const garbage = await request(t.http)
      .get(`/verify/${encodeURIComponent('"><img src=x onerror=alert(1)>')}`)
      .expect(404);
    expect(garbage.text).not.toContain('<img src=x');
    expectErrorShape(
      (await request(t.http).get('/verify/not-a-uuid').set('accept', 'application/json').expect(404)).body,
      404,
      'CERTIFICATE_NOT_FOUND',
    );
  });

  it('answers 404 for unknown or malformed certificate ids', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await request(t.http).get(`/api/credentials/${id}/verify`).expect(404);
      expectErrorShape(res.body, 404, 'CERTIFICATE_NOT_FOUND');
    }
  });
});

describe('public pages inside the built web app', () => {
  let t: TestApp;
  beforeAll(async () => {
    const webDist = mkdtempSync(join(tmpdir(), 'hvs-web-'));
    writeFileSync(
      join(webDist, 'index.html'),
      '<!doctype html>\n<html lang="vi" dir="ltr"><head><title>Học vụ số</title><script type="module" src="/assets/app-123.js"></script></head><body><div id="root"></div></body></html>\n',
    );
    t = await startTestApp({ WEB_DIST: webDist });
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves the framework page inside the app shell: the app takes over, readers without scripts see the page', async () => {
    const frameworks = (await request(t.http).get('/api/frameworks').expect(200)).body.items as Array<{
      id: string;
      domains: Array<{ competencies: Array<{ code: string }> }>;
    }>;
    const framework = frameworks.find((f) => f.domains.some((d) => d.competencies.length > 0))!;
    const code = framework.domains.find((d) => d.competencies.length > 0)!.competencies[0]!.code;
    const page = await request(t.http).get(`/frameworks/${framework.id}`).set('accept', '*/*').expect(200);
    expect(page.text).toContain('<script type="module" src="/assets/app-123.js"></script>');
    expect(page.text).toMatch(/<div id="root"><main>[\s\S]*<\/main><\/div>/);
    expect(page.text).toContain(`id="${code}"`);
    expect(page.text).not.toContain('<title>Học vụ số</title>');
    const english = await request(t.http)
      .get(`/frameworks/${framework.id}`)
      .set('accept-language', 'en')
      .expect(200);
    expect(english.text).toMatch(/^<!doctype html>\n<html lang="en"/);
    const missing = await request(t.http).get('/verify/00000000-0000-4000-8000-000000000000').expect(404);
    expect(missing.text).toContain('/assets/app-123.js');
  });
});
