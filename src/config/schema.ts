/**
 * The environment schema (zod). Every variable is documented in VARIABLES (config/variables.ts) and
 * in .env.example; this file turns raw strings into typed, validated settings. Error messages name
 * the variable and the rule and never contain a secret's value.
 */
import { z } from 'zod';
import { isDecimal, normalize } from '../core/decimal.js';
import { Secret } from '../core/secret.js';
import type { KeyCheck } from './keys.js';
import {
  normalizeEthAddress,
  normalizeEthPrivateKey,
  normalizeStarkPrivateKey,
  normalizeStarknetAddress,
} from './keys.js';

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off', '']);

export const bool = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return fallback;
      const v = value.trim().toLowerCase();
      if (TRUE.has(v)) return true;
      if (FALSE.has(v)) return false;
      ctx.addIssue({ code: 'custom', message: 'must be true or false (also 1/0, yes/no, on/off)' });
      return z.NEVER;
    });

/** A decimal setting, kept as an exact string. */
export const decimal = (fallback: string, rule?: { min?: number; max?: number; positive?: boolean; negative?: boolean }) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const raw = value === undefined || value.trim() === '' ? fallback : value.trim();
      if (!isDecimal(raw)) {
        ctx.addIssue({ code: 'custom', message: `must be a decimal number like ${fallback}` });
        return z.NEVER;
      }
      const n = Number(raw);
      if (rule?.positive && !(n > 0)) ctx.addIssue({ code: 'custom', message: 'must be greater than 0' });
      if (rule?.negative && !(n < 0)) ctx.addIssue({ code: 'custom', message: 'must be below 0 (a loss)' });
      if (rule?.min !== undefined && n < rule.min) ctx.addIssue({ code: 'custom', message: `must be at least ${rule.min}` });
      if (rule?.max !== undefined && n > rule.max) ctx.addIssue({ code: 'custom', message: `must be at most ${rule.max}` });
      return normalize(raw);
    });

export const integer = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const raw = value === undefined || value.trim() === '' ? String(fallback) : value.trim();
      if (!/^\d+$/.test(raw)) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      const n = Number(raw);
      if (n < min || n > max) ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
      return n;
    });

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z
    .string()
    .optional()
    .transform((value, ctx): T[number] => {
      const raw = value === undefined || value.trim() === '' ? fallback : value.trim().toLowerCase();
      if (!(values as readonly string[]).includes(raw)) {
        ctx.addIssue({ code: 'custom', message: `must be one of ${values.join(', ')}` });
        return z.NEVER;
      }
      return raw as T[number];
    });

export const url = (protocols: readonly string[]) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return undefined;
      try {
        const parsed = new URL(value.trim());
        if (!protocols.includes(parsed.protocol)) {
          ctx.addIssue({ code: 'custom', message: `must be a ${protocols.map((p) => p.replace(':', '')).join(' or ')} URL` });
          return z.NEVER;
        }
        return value.trim().replace(/\/+$/, '');
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be an absolute URL' });
        return z.NEVER;
      }
    });

/** A key or address; the rule is reported, the value never. Secrets come back wrapped in Secret. */
function keyed<T>(check: (input: string) => KeyCheck, wrap: (value: string) => T) {
  return z
    .string()
    .optional()
    .transform((value, ctx): T | undefined => {
      if (value === undefined || value.trim() === '') return undefined;
      const result = check(value);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.rule });
        return z.NEVER;
      }
      return wrap(result.value);
    });
}

export const ethPrivateKey = () => keyed(normalizeEthPrivateKey, (v) => new Secret(v));
export const starkPrivateKey = () => keyed(normalizeStarkPrivateKey, (v) => new Secret(v));
export const starknetAddress = () => keyed(normalizeStarknetAddress, (v) => v);
export const ethAddress = () => keyed(normalizeEthAddress, (v) => v);
export const secretText = () =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? undefined : new Secret(value.trim())));
export const text = () =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/** The trading settings every venue shares, with the defaults of the design card. */
export const tradingShape = (prefix: 'PARADEX' | 'ASTER') => ({
  [`${prefix}_LEVERAGE`]: decimal('10', { min: 1, max: 100 }),
  [`${prefix}_POSITION_SIZE_PERCENT`]: decimal('25', { positive: true, max: 100 }),
  [`${prefix}_MAX_POSITIONS`]: integer(10, 1, 1000),
  [`${prefix}_TAKE_PROFIT_ROE`]: decimal('1.5', { positive: true }),
  [`${prefix}_STOP_LOSS_ROE`]: decimal('-0.5', { negative: true }),
  [`${prefix}_RATE_LIMIT_PER_SEC`]: integer(10, 1, 10_000),
});
