/**
 * Response text -> typed value through a zod schema, or a DecodeError holding the zod issues and
 * the raw text (an HTML error page, an empty body, truncated JSON all end here, never as undefined).
 *
 * Aster ids are JSON numbers in the docs and strings in some V3 answers (aster.md §10.7); numbers
 * are read losslessly: an integer literal too long for a double is turned into a digit string
 * before JSON.parse rounds it, so a 19-digit tranId or a future 64-bit order id keeps its digits.
 */
import type { z } from 'zod';
import { DecodeError } from '../../../core/errors.js';

export interface DecodeContext {
  /** What was called, e.g. "GET /fapi/v3/order" (public text only). */
  readonly endpoint: string;
}

export type DecodeResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DecodeError };

const LONG_DIGIT_RUN = /\d{16}/;
const SAFE_DIGITS = String(Number.MAX_SAFE_INTEGER).length; // 16

/**
 * Quotes bare integer tokens that exceed 2^53. One pass over the text, skipping string contents,
 * so digits inside strings are left alone.
 */
function quoteLongIntegers(text: string): string {
  const parts: string[] = [];
  let copiedUpTo = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip a string literal, honouring escapes.
      i++;
      while (i < text.length && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c ? 2 : 1;
      i++;
      continue;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let end = i + 1;
      let integer = true;
      while (end < text.length) {
        const d = text.charCodeAt(end);
        if (d >= 0x30 && d <= 0x39) end++;
        else if (d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) {
          integer = false;
          end++;
        } else break;
      }
      const digits = c === 0x2d ? end - i - 1 : end - i;
      if (integer && digits >= SAFE_DIGITS && !Number.isSafeInteger(Number(text.slice(i, end)))) {
        parts.push(text.slice(copiedUpTo, i), `"${text.slice(i, end)}"`);
        copiedUpTo = end;
      }
      i = end;
      continue;
    }
    i++;
  }
  if (copiedUpTo === 0) return text;
  parts.push(text.slice(copiedUpTo));
  return parts.join('');
}

/** JSON.parse that keeps integers beyond 2^53 exact (as digit strings). Throws SyntaxError like JSON.parse. */
export function parseJsonLossless(text: string): unknown {
  return JSON.parse(LONG_DIGIT_RUN.test(text) ? quoteLongIntegers(text) : text);
}

function describeBody(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return 'an empty body';
  if (trimmed.startsWith('<')) return 'an HTML/XML page';
  return 'text that is not JSON';
}

function issuesOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.')}: ${issue.message}`);
}

/** Never throws: the typed value or the DecodeError decodeJson would throw. */
export function safeDecodeJson<S extends z.ZodType>(schema: S, text: string, context: DecodeContext): DecodeResult<z.output<S>> {
  let json: unknown;
  try {
    json = parseJsonLossless(text);
  } catch {
    return { ok: false, error: new DecodeError(`Aster ${context.endpoint}: expected JSON, got ${describeBody(text)}`, text, [], { exchange: 'aster' }) };
  }
  return safeDecodeValue(schema, json, context, text);
}

/** The typed value, or throws DecodeError (issues + raw text). */
export function decodeJson<S extends z.ZodType>(schema: S, text: string, context: DecodeContext): z.output<S> {
  const result = safeDecodeJson(schema, text, context);
  if (!result.ok) throw result.error;
  return result.value;
}

/** Same checks on a value already parsed (WS payloads, fixtures). */
export function safeDecodeValue<S extends z.ZodType>(schema: S, value: unknown, context: DecodeContext, rawText?: string): DecodeResult<z.output<S>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = issuesOf(parsed.error);
  const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
  let raw = rawText;
  if (raw === undefined) {
    try {
      raw = JSON.stringify(value) ?? String(value);
    } catch {
      raw = String(value);
    }
  }
  const error = new DecodeError(`Aster ${context.endpoint}: unexpected response shape: ${issues[0] ?? 'unknown issue'}${more}`, raw, issues, {
    exchange: 'aster',
  });
  return { ok: false, error };
}

export function decodeValue<S extends z.ZodType>(schema: S, value: unknown, context: DecodeContext): z.output<S> {
  const result = safeDecodeValue(schema, value, context);
  if (!result.ok) throw result.error;
  return result.value;
}
