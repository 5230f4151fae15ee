/**
 * Engine ids ("1", "2", ...) <-> Paradex-looking ids. The venue's order, fill and trade ids are
 * long decimal strings ("1681462103821101699438490000", 28 digits) that clients store as opaque
 * text and sign as a felt (ModifyOrder `id`), so the simulator gives them the same look: a kind
 * digit followed by the engine id zero-padded to 27 digits. The mapping is pure and reversible,
 * so REST and WebSocket render the same id without sharing state, and ids of different kinds
 * never collide (a fill id sent as an order id is simply not found).
 */

export type WireIdKind = 'order' | 'fill' | 'trade' | 'funding_payment';

const KIND_DIGIT: Record<WireIdKind, string> = { order: '1', fill: '2', trade: '3', funding_payment: '4' };
const BODY_DIGITS = 27;
const WIRE_ID = /^[1-9][0-9]{27}$/;

export function toWireId(kind: WireIdKind, engineId: string): string {
  return KIND_DIGIT[kind] + engineId.padStart(BODY_DIGITS, '0');
}

/** The engine id behind a wire id of `kind`, or undefined when the text is not one. */
export function fromWireId(kind: WireIdKind, wireId: string): string | undefined {
  if (!WIRE_ID.test(wireId) || wireId[0] !== KIND_DIGIT[kind]) return undefined;
  const body = wireId.slice(1).replace(/^0+/, '');
  return body === '' ? undefined : body;
}

export const orderIdToWire = (engineId: string): string => toWireId('order', engineId);
export const orderIdFromWire = (wireId: string): string | undefined => fromWireId('order', wireId);
export const fillIdToWire = (engineId: string): string => toWireId('fill', engineId);
export const fillIdFromWire = (wireId: string): string | undefined => fromWireId('fill', wireId);
export const tradeIdToWire = (engineId: string): string => toWireId('trade', engineId);

/**
 * Paradex seq_no values are "unique increasing (non-sequential)" per object. Engine objects count
 * their own changes (1, 2, ...); time-prefixing keeps the number increasing for one object while
 * staying below 2^53, so a client parsing it as a JSON number loses nothing.
 */
export function wireSeqNo(updatedAtMs: number, seq: number): number {
  return Math.max(0, Math.trunc(updatedAtMs)) * 1000 + (seq % 1000);
}
