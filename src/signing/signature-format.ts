/**
 * The compact recoverable signature BitGo verifies: 65 bytes, a header byte then r and s.
 * Header 31–34 says "compressed public key" (31 + recovery id); 27–30 is the uncompressed range,
 * which BitGo's verifier would read as a different address, so the gateway never sends one.
 */
export const SIGNATURE_BYTES = 65;
export const COMPRESSED_HEADER_BASE = 31;
export const UNCOMPRESSED_HEADER_BASE = 27;

export function isCompressedHeader(header: number): boolean {
  return header >= COMPRESSED_HEADER_BASE && header < COMPRESSED_HEADER_BASE + 4;
}
