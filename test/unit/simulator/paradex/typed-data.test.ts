import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getMessageHashV0, shortStringToFelt, type StarknetTypedDataV0 } from '../../../../src/crypto/starknet/index.js';
import { ParadexMessageHasher } from '../../../../src/simulator/dialects/paradex/typed-data.js';
import { FIXED, vectors } from './support.js';

const hasher = new ParadexMessageHasher('PRIVATE_SN_POTC_SEPOLIA');
const account = BigInt(FIXED.account_address);
const DOMAIN = { name: 'Paradex', chainId: 'PRIVATE_SN_POTC_SEPOLIA', version: '1' };
const felt = (name: string) => ({ name, type: 'felt' });
const DOMAIN_TYPE = ['name', 'chainId', 'version'].map(felt);
const ORDER_TYPE = ['timestamp', 'market', 'side', 'orderType', 'size', 'price'].map(felt);

function orderFelts(message: Record<string, string>) {
  return {
    timestamp: BigInt(message.timestamp as string),
    market: shortStringToFelt(message.market as string),
    side: BigInt(message.side as string),
    orderType: shortStringToFelt(message.orderType as string),
    size: BigInt(message.size as string),
    price: BigInt(message.price as string),
  };
}

describe('ParadexMessageHasher', () => {
  it('reproduces every recorded Order hash', () => {
    for (const order of vectors.orders) {
      expect(`0x${hasher.order(account, orderFelts(order.typed_data.message)).toString(16)}`).toBe(order.message_hash);
    }
  });

  it('reproduces the ModifyOrder, auth Request and Onboarding hashes', () => {
    const modify = vectors.modify_order.typed_data.message;
    expect(`0x${hasher.modifyOrder(account, orderFelts(modify), BigInt(modify.id as string)).toString(16)}`).toBe(vectors.modify_order.message_hash);
    const auth = vectors.auth.typed_data.message;
    expect(`0x${hasher.request(account, 'POST', '/v1/auth', '', BigInt(auth.timestamp as string), BigInt(auth.expiration as string)).toString(16)}`).toBe(
      vectors.auth.message_hash,
    );
    expect(`0x${hasher.onboarding(account).toString(16)}`).toBe(vectors.onboarding.message_hash);
  });

  it('does not match the documented mistakes (negative vectors)', () => {
    const good = hasher.order(account, orderFelts(vectors.orders[0]!.typed_data.message));
    for (const negative of vectors.negative_vectors_for_order_0) expect(BigInt(negative.message_hash)).not.toBe(good);
  });

  it('agrees with the literal SNIP-12 reference hasher on random orders and accounts (cached terms change nothing)', () => {
    const markets = ['BTC-USD-PERP', 'ETH-USD-PERP', 'SOL-USD-PERP'];
    const types = ['LIMIT', 'MARKET', 'STOP_LIMIT', 'TAKE_PROFIT_MARKET'];
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: (1n << 251n) - 1n }),
        fc.bigInt({ min: 0n, max: 10n ** 16n }),
        fc.constantFrom(...markets),
        fc.constantFrom(1n, 2n),
        fc.constantFrom(...types),
        fc.bigInt({ min: 0n, max: 10n ** 20n }),
        fc.bigInt({ min: 0n, max: 10n ** 20n }),
        (acct, ts, market, side, type, size, price) => {
          const typed: StarknetTypedDataV0 = {
            domain: DOMAIN,
            primaryType: 'Order',
            types: { StarkNetDomain: DOMAIN_TYPE, Order: ORDER_TYPE },
            message: { timestamp: ts.toString(), market, side: side.toString(), orderType: type, size: size.toString(), price: price.toString() },
          };
          const fast = hasher.order(acct, {
            timestamp: ts,
            market: shortStringToFelt(market),
            side,
            orderType: shortStringToFelt(type),
            size,
            price,
          });
          expect(fast).toBe(getMessageHashV0(typed, acct));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('changes the domain hash with the chain id', () => {
    expect(new ParadexMessageHasher('PRIVATE_SN_PARACLEAR_MAINNET').domainHash).not.toBe(hasher.domainHash);
  });
});
