export { messageHash, signMessage, recoverPublicKey, verifyMessage, publicKeyOf } from './bitcoin-message.js';
export { SigningError, type Signer, type SigningErrorCode } from './signer.js';
export { LocalKeySigner } from './local-key.signer.js';
export { ExpressSigner, type ExpressSignerOptions } from './express.signer.js';
export { payloadForExpress } from './express-payload.js';
export { parseXprv, parsePublicKey, type ParsedXprv } from './extended-key.js';
export { newNonce } from './nonce.js';
export { SigningService, type SigningServiceOptions } from './signing.service.js';
