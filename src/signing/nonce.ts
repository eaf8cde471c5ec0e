import { randomBytes } from 'node:crypto';

/** 32 bytes from the OS CSPRNG as 64 lowercase hex: what BitGo's SDK uses, and what BitGo expects to be unique. */
export function newNonce(): string {
  return randomBytes(32).toString('hex');
}
