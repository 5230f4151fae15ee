/**
 * The public development API wallet for the local simulator: the signer key printed in Aster's V3
 * documentation example (aster-vectors.json v3_eip712.credentials), used as its own main wallet
 * (user = signer, which needs no agent approval on the simulator). Public test data: never for a
 * real account.
 */
export const ASTER_DEV_CREDENTIALS = {
  kind: 'v3',
  user: '0x21cF8Ae13Bb72632562c6Fff438652Ba1a151bb0',
  signer: '0x21cF8Ae13Bb72632562c6Fff438652Ba1a151bb0',
  signerPrivateKey: '0x4fd0a42218f3eae43a6ce26d22544e986139a01e5b34a62db53757ffca81bae1',
} as const;
