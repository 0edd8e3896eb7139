import argon2 from 'argon2';

/** argon2id with the library's defaults (m=64 MiB, t=3, p=4), the OWASP-recommended family. */
export const hashPassword = (password: string) =>
  argon2.hash(password.normalize('NFC'), { type: argon2.argon2id });

export const verifyPassword = (hash: string, password: string) =>
  argon2.verify(hash, password.normalize('NFC'));

/** Compared against when the account does not exist, so timing does not tell whether it does. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = () => (dummyHash ??= hashPassword('not-a-real-password-0000'));
