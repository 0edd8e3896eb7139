import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { resetCsrfToken } from './client';
import { populationsApi } from './populations-api';

describe('sending a population sheet', () => {
  const realFetch = globalThis.fetch;
  let sent: Array<{ url: string; init?: RequestInit }>;
  beforeEach(() => {
    sent = [];
    resetCsrfToken();
    globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
      sent.push({ url: String(input), init });
      return Promise.resolve(
        String(input).endsWith('/auth/csrf') ? Response.json({ token: 'tok' }) : Response.json({ rows: 0 }),
      );
    };
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('posts the file’s bytes as they are, with its own media type, the dry run and the file name in the query', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff]);
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const content = new Blob([bytes], { type: xlsx });
    await populationsApi.importSheet({ content, contentType: xlsx, fileName: 'Dân số 2026.xlsx' }, true);
    const post = sent.find((s) => s.init?.method === 'POST')!;
    const url = new URL(post.url, 'http://localhost');
    expect(url.pathname).toBe('/api/admin/populations/import');
    expect(Object.fromEntries(url.searchParams)).toEqual({ dryRun: 'true', fileName: 'Dân số 2026.xlsx' });
    const headers = post.init!.headers as Record<string, string>;
    expect(headers['content-type']).toBe(xlsx);
    expect(headers['x-csrf-token']).toBe('tok');
    expect(post.init!.body).toBe(content);
    expect(new Uint8Array(await (post.init!.body as Blob).arrayBuffer())).toEqual(bytes);
  });

  it('leaves the dry run out of the query for the real import', async () => {
    await populationsApi.importSheet({ content: new Blob(['a,b\n']), contentType: 'text/csv' }, false);
    const post = sent.find((s) => s.init?.method === 'POST')!;
    expect(new URL(post.url, 'http://localhost').search).toBe('');
    expect((post.init!.headers as Record<string, string>)['content-type']).toBe('text/csv');
  });
});
