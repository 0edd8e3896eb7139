import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AwsClient } from 'aws4fetch';
import type { ByteRange, ObjectStorage } from './storage';

export interface S3Settings {
  /** e.g. https://s3.ap-southeast-1.amazonaws.com or http://127.0.0.1:9000 (MinIO, Ceph, any S3-compatible store) */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style addressing (endpoint/bucket/key), which most self-hosted stores need. */
  forcePathStyle: boolean;
}

const KEY = /^[a-z0-9][a-z0-9/_.-]{0,300}$/;

/**
 * S3-compatible object storage over plain HTTPS with AWS Signature V4 (aws4fetch), for deployments with more than
 * one server: the api and the worker then share PDFs and exports through the bucket instead of a disk.
 */
export class S3ObjectStorage implements ObjectStorage {
  private readonly client: AwsClient;

  constructor(private readonly s: S3Settings) {
    this.client = new AwsClient({
      accessKeyId: s.accessKeyId,
      secretAccessKey: s.secretAccessKey,
      region: s.region,
      service: 's3',
    });
  }

  private url(key: string): string {
    if (!KEY.test(key) || key.includes('..') || key.includes('//'))
      throw new Error(`invalid storage key: ${key}`);
    const base = this.s.endpoint.replace(/\/$/, '');
    const path = key.split('/').map(encodeURIComponent).join('/');
    if (this.s.forcePathStyle) return `${base}/${encodeURIComponent(this.s.bucket)}/${path}`;
    const u = new URL(base);
    return `${u.protocol}//${this.s.bucket}.${u.host}/${path}`;
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    const res = await this.client.fetch(this.url(key), {
      method: 'PUT',
      body,
      headers: { 'content-type': contentType },
    });
    if (!res.ok) throw new Error(`storage: PUT ${key} failed with HTTP ${res.status}`);
  }

  async get(key: string): Promise<Buffer | undefined> {
    const res = await this.client.fetch(this.url(key), { method: 'GET' });
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`storage: GET ${key} failed with HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  async exists(key: string): Promise<boolean> {
    const res = await this.client.fetch(this.url(key), { method: 'HEAD' });
    if (res.status === 404) return false;
    if (!res.ok) throw new Error(`storage: HEAD ${key} failed with HTTP ${res.status}`);
    return true;
  }

  /**
   * Streams a local file up with one signed PUT: the payload's SHA-256 (known from the upload) is part of the
   * signature, so the store checks every byte, and nothing is buffered in memory.
   */
  async putFile(key: string, path: string, contentType: string, sha256: string): Promise<void> {
    const { size } = await stat(path);
    const signed = await this.client.sign(this.url(key), {
      method: 'PUT',
      headers: {
        'content-type': contentType,
        'content-length': String(size),
        'x-amz-content-sha256': sha256,
      },
    });
    const headers: Record<string, string> = {};
    signed.headers.forEach((v, k) => (headers[k] = v));
    const url = new URL(signed.url);
    const status = await new Promise<number>((resolveStatus, reject) => {
      const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
        url,
        { method: 'PUT', headers },
        (res) => {
          res.resume();
          res.on('end', () => resolveStatus(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      pipeline(createReadStream(path), req).catch(reject);
    });
    if (status < 200 || status >= 300) throw new Error(`storage: PUT ${key} failed with HTTP ${status}`);
  }

  async size(key: string): Promise<number | undefined> {
    const res = await this.client.fetch(this.url(key), { method: 'HEAD' });
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`storage: HEAD ${key} failed with HTTP ${res.status}`);
    return Number(res.headers.get('content-length') ?? 0);
  }

  async read(key: string, range?: ByteRange): Promise<Readable | undefined> {
    const res = await this.client.fetch(this.url(key), {
      method: 'GET',
      headers: range ? { range: `bytes=${range.start}-${range.end}` } : {},
    });
    if (res.status === 404) return undefined;
    if (!res.ok || !res.body) throw new Error(`storage: GET ${key} failed with HTTP ${res.status}`);
    return Readable.fromWeb(res.body as unknown as WebReadableStream);
  }

  async delete(key: string): Promise<void> {
    const res = await this.client.fetch(this.url(key), { method: 'DELETE' });
    if (!res.ok && res.status !== 404)
      throw new Error(`storage: DELETE ${key} failed with HTTP ${res.status}`);
  }
}

export type StorageSettings = { driver: 'local'; dir: string } | ({ driver: 's3' } & S3Settings);
