/** Helpers shared by the Paradex parsers (wire -> domain). */
import { DecodeError } from '../../core/errors.js';
import { isZero } from '../../core/decimal.js';
import { redactSecrets } from './rest/decode.js';

/**
 * A payload that passed its schema but contradicts itself (remaining > size, a LONG with a
 * negative size...): refused as a DecodeError rather than turned into a plausible domain object.
 */
export function inconsistent(what: string, field: string, rule: string, raw: unknown): DecodeError {
  let text: string;
  try {
    text = JSON.stringify(raw) ?? String(raw);
  } catch {
    text = String(raw);
  }
  return new DecodeError(`Paradex ${what}: ${field} breaks "${rule}"`, redactSecrets(text), [`${field}: ${rule}`], {
    exchange: 'paradex',
  });
}

/** "" and "0" mean "no price" in order payloads (market orders, untriggered trigger price). */
export function priceOrUndefined(value: string | undefined): string | undefined {
  return value === undefined || isZero(value) ? undefined : value;
}

/** "" means "none" for client ids and cancel reasons. */
export function textOrUndefined(value: string | undefined | null): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : value;
}

/** A sequence number as a number when it fits exactly (book and BBO sequences do); else undefined. */
export function safeSeq(seq: string | undefined): number | undefined {
  if (seq === undefined) return undefined;
  const n = Number(seq);
  return Number.isSafeInteger(n) ? n : undefined;
}
