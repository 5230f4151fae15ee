import { describe, expect, it } from 'vitest';
import { canonicalAddress } from '../../../../src/simulator/dialects/paradex/accounts.js';
import { FIXED, newVenue } from './support.js';

const ETH = '0x2c7536E3605D9C16a7a3D7b1898e529396a65c23';

describe('ParadexAccounts', () => {
  it('canonicalises addresses as integers (unpadded lower-case hex)', () => {
    expect(canonicalAddress('0x000ABC')).toBe('0xabc');
    expect(canonicalAddress(0xabcn)).toBe('0xabc');
    expect(canonicalAddress('abc')).toBeUndefined();
    expect(canonicalAddress('0x0')).toBeUndefined();
  });

  it('onboarding opens the engine account with the initial balance, once (idempotent)', () => {
    const { venue, engine } = newVenue(undefined, '2500');
    const padded = `0x0${FIXED.account_address.slice(2)}`;
    const first = venue.accounts.onboard({ address: padded, publicKey: BigInt(FIXED.stark_public_key), ethereumAccount: ETH, nowMs: 5 });
    expect(first).toMatchObject({ ok: true, created: true, account: { address: FIXED.account_address, createdAt: 5 } });
    expect(engine.accountSummary(FIXED.account_address).collateral).toBe('2500');
    const again = venue.accounts.onboard({ address: FIXED.account_address, publicKey: BigInt(FIXED.stark_public_key), ethereumAccount: ETH, nowMs: 9 });
    expect(again).toMatchObject({ ok: true, created: false });
    expect(engine.accountSummary(FIXED.account_address).collateral).toBe('2500');
    expect(venue.accounts.isOnboarded(padded.toUpperCase().replace('0X', '0x'))).toBe(true);
    expect(venue.accounts.addressOfEthereum(ETH.toLowerCase())).toBe(FIXED.account_address);
  });

  it('refuses a second Starknet account for the same Ethereum account', () => {
    const { venue } = newVenue();
    venue.accounts.onboard({ address: '0x123', publicKey: 5n, ethereumAccount: ETH, nowMs: 0 });
    expect(venue.accounts.onboard({ address: '0x456', publicKey: 6n, ethereumAccount: ETH, nowMs: 0 })).toEqual({
      ok: false,
      error: 'ETHEREUM_ADDRESS_ALREADY_ONBOARDED',
    });
    expect(venue.accounts.isOnboarded('0x456')).toBe(false);
  });

  it('keeps the main key first and manages subkeys', () => {
    const { venue } = newVenue();
    venue.accounts.onboard({ address: '0x123', publicKey: 5n, nowMs: 0 });
    expect(venue.accounts.addSubkey('0x123', 9n, 'bot', 7)).toBe(true);
    expect(venue.accounts.addSubkey('0x999', 9n)).toBe(false);
    expect(venue.accounts.publicKeysOf('0x123')).toEqual([5n, 9n]);
    expect(venue.accounts.subkeysOf('0x123')).toEqual([{ publicKey: 9n, name: 'bot', createdAt: 7 }]);
    expect(venue.accounts.hasPublicKey('0x123', 9n)).toBe(true);
    expect(venue.accounts.removeSubkey('0x123', 5n)).toBe(false);
    expect(venue.accounts.removeSubkey('0x123', 9n)).toBe(true);
    expect(venue.accounts.publicKeysOf('0x123')).toEqual([5n]);
    expect(venue.accounts.publicKeysOf('0x999')).toEqual([]);
  });
});
