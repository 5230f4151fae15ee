/** Helpers shared by the Aster parsers (wire -> domain). */
import { isZero } from '../../core/decimal.js';
import { DecodeError } from '../../core/errors.js';

/** A payload that passed its schema but contradicts itself: refused rather than turned into a plausible object. */
export function inconsistent(what: string, field: string, rule: string, raw: unknown): DecodeError {
  let text: string;
  try {
    text = JSON.stringify(raw) ?? String(raw);
  } catch {
    text = String(raw);
  }
  return new DecodeError(`Aster ${what}: ${field} breaks "${rule}"`, text, [`${field}: ${rule}`], { exchange: 'aster' });
}

/** "0" (and "0.00000") mean "none" for prices on order payloads (market orders, untriggered stops). */
export function priceOrUndefined(value: string | undefined): string | undefined {
  return value === undefined || isZero(value) ? undefined : value;
}

export function textOrUndefined(value: string | undefined | null): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : value;
}

/** Fills are keyed by symbol, trade id and order id: trade ids are per symbol, and a self-trade has two sides. */
export function fillId(symbol: string, tradeId: string, orderId: string): string {
  return `${symbol}:${tradeId}:${orderId}`;
}
