// The library-bound rate of certificate issuance for `npm run bench`: what one process does per certificate with
// the issuer's own libraries (build the Open Badge, sign it, render the PDF), with no database, queue or storage.
// Bundled by tools/bench.mjs into dist/tools/bench-certificate-library.cjs; prints { perCertificateMs, perSecond }.
//   node dist/tools/bench-certificate-library.cjs [count]
import { randomUUID } from 'node:crypto';
import {
  buildOpenBadgeCredential,
  createDocumentLoader,
  didDocument,
  generateIssuerKey,
  renderCertificatePdf,
  signOpenBadge,
} from '@hocvuso/credentials';

const PUBLIC_URL = 'https://bench.hocvuso.example';
const DID = 'did:web:bench.hocvuso.example';

async function main(count: number): Promise<void> {
  const key = generateIssuerKey(DID, 'key-1');
  const loader = createDocumentLoader({
    didDocuments: (d) =>
      d === DID
        ? didDocument(DID, [{ id: key.id, publicKeyMultibase: key.publicKeyMultibase, active: true }])
        : undefined,
    statusLists: async () => undefined,
  });
  const one = async (n: number) => {
    const id = randomUUID();
    const credential = buildOpenBadgeCredential({
      id: `urn:uuid:${id}`,
      issuer: { did: DID, name: { vi: 'Học vụ số', en: 'Hoc vu so' }, url: PUBLIC_URL },
      subjectId: `urn:uuid:${randomUUID()}`,
      recipientName: `Nguyễn Thị Học Viên ${n}`,
      achievement: {
        id: `${PUBLIC_URL}/courses/online-public-services`,
        name: { vi: 'Dịch vụ công trực tuyến', en: 'Online public services' },
        description: { vi: 'Khoá học thử tải', en: 'Benchmark course' },
        criteriaNarrative: {
          vi: 'Hoàn thành mọi bài học và đạt bài kiểm tra 70 %.',
          en: 'All lessons, quiz 70 %.',
        },
        alignments: [
          {
            framework: 'dccl',
            frameworkName: 'Khung năng lực số',
            code: '1.1',
            name: 'Duyệt, tìm kiếm và lọc dữ liệu',
            level: 1,
            url: `${PUBLIC_URL}/frameworks/dccl#1.1`,
          },
        ],
      },
      validFrom: new Date(),
      status: {
        statusListCredential: `${PUBLIC_URL}/api/status-lists/${randomUUID()}`,
        statusListIndex: n,
        statusPurpose: 'revocation',
      },
    });
    await signOpenBadge(credential, key, loader);
    await renderCertificatePdf({
      learnerName: `Nguyễn Thị Học Viên ${n}`,
      courseTitle: 'Dịch vụ công trực tuyến',
      competencies: [
        { code: '1.1', name: 'Duyệt, tìm kiếm và lọc dữ liệu', level: 1, frameworkName: 'Khung năng lực số' },
      ],
      issuedOn: new Date(),
      serial: `HVS-2026-BENCH${String(n).padStart(4, '0')}`,
      issuerName: 'Học vụ số',
      verifyUrl: `${PUBLIC_URL}/verify/${id}`,
      language: 'vi',
    });
  };
  for (let i = 0; i < 3; i++) await one(i); // warm-up: fonts, contexts, JIT
  const started = performance.now();
  for (let i = 0; i < count; i++) await one(i);
  const ms = (performance.now() - started) / count;
  console.log(JSON.stringify({ perCertificateMs: ms, perSecond: 1000 / ms }));
}

main(Number(process.argv[2] ?? 50) || 50).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
