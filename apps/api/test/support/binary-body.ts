/** A supertest `.parse()` that keeps the body as raw bytes (zips, audio, ranges), whatever its content type. */
export const binaryBody = (
  res: NodeJS.ReadableStream,
  done: (err: Error | null, body: Buffer) => void,
): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
