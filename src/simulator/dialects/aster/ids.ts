/**
 * Aster's numeric ids from the engine's serial ids. Orders and trades live in separate ranges
 * (11-digit order ids like the venue's "17338441758", 9-digit trade ids like "23424931"), so a
 * client that mixes them up fails against the simulator instead of passing by coincidence.
 * JSON numbers, as the docs show; all stay below 2^53.
 */

const ORDER_ID_OFFSET = 10_000_000_000;
const TRADE_ID_OFFSET = 100_000_000;

export const orderIdOf = (engineId: string): number => ORDER_ID_OFFSET + Number(engineId);
export const tradeIdOf = (engineTradeId: string): number => TRADE_ID_OFFSET + Number(engineTradeId);

/** The engine id behind an Aster orderId parameter; undefined when it cannot be one of ours. */
export function engineOrderId(orderId: number): string | undefined {
  const serial = orderId - ORDER_ID_OFFSET;
  return Number.isSafeInteger(serial) && serial > 0 ? String(serial) : undefined;
}

/** The engine trade serial behind an Aster trade id (fromId filters). */
export const engineTradeSerial = (tradeId: number): number => tradeId - TRADE_ID_OFFSET;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A venue-style 22-character client order id for orders placed without one. Deterministic
 * (derived from a counter) so that runs with the same seed and inputs are identical.
 */
export function autoClientOrderId(counter: number): string {
  let x = BigInt(counter) * 6_364_136_223_846_793_005n + 1_442_695_040_888_963_407n;
  let out = '';
  for (let i = 0; i < 22; i++) {
    x = (x * 6_364_136_223_846_793_005n + 1_442_695_040_888_963_407n) & 0xffff_ffff_ffff_ffffn;
    out += ALPHABET[Number((x >> 33n) % 62n)];
  }
  return out;
}
