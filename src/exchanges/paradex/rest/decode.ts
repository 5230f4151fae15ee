/**
 * Response text -> typed value through a zod schema, or a DecodeError that keeps the zod issues
 * (path + message) and the raw text. Survives anything a server or a proxy may answer: HTML error
 * pages, empty bodies, truncated JSON.
 *
 * Two things happen before the schema runs:
 *  - integer literals beyond 2^53 are turned into digit strings, because JSON.parse would round
 *    them (Paradex seq_no values such as 1681471234972000000 exceed 2^53, and some documentation
 *    payloads carry felts as bare integers);
 *  - the raw text kept on the error has bearer tokens masked, since a POST /auth body that fails
 *    to decode would otherwise carry a live JWT into logs.
 */
import type { z } from 'zod';
import { DecodeError } from '../../../core/errors.js';

export interface DecodeContext {
  readonly exchange: 'paradex';
  /** What was called, e.g. "GET /orders"; public text only. */
  readonly endpoint: string;
}

export type DecodeResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DecodeError };

/** A bare (unquoted) number token of 16+ digits: only then is the slower scan needed. */
const LONG_NUMBER_TOKEN = /(?:^|[:[,])\s*-?\d{16}/;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Quote integer literals that a double cannot hold exactly. Walks the text once, tracking string
 * state, so digits inside strings are never touched.
 */
function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) {
      inString = true;
      continue;
    }
    const isNumberStart = c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39);
    if (!isNumberStart) continue;
    let end = i + 1;
    while (end < text.length && /[0-9eE.+-]/.test(text[end] as string)) end++;
    const token = text.slice(i, end);
    if (/^-?\d{16,}$/.test(token)) {
      const magnitude = BigInt(token.startsWith('-') ? token.slice(1) : token);
      if (magnitude > MAX_SAFE) {
        out += `${text.slice(last, i)}"${token}"`;
        last = end;
      }
    }
    i = end - 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** JSON.parse that keeps integers beyond 2^53 exact (as digit strings). Throws SyntaxError like JSON.parse. */
export function parseJsonLossless(text: string): unknown {
  return JSON.parse(LONG_NUMBER_TOKEN.test(text) ? quoteUnsafeIntegers(text) : text);
}

const JWT_RE = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

/** Mask bearer tokens in text that is about to be kept on an error or logged. */
export function redactSecrets(text: string): string {
  return text.replace(JWT_RE, '[REDACTED]');
}

function describeBody(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return 'an empty body';
  if (trimmed.startsWith('<')) return 'an HTML/XML page';
  return 'text that is not JSON';
}

/** Issues as "results.0.price: must be a decimal string like ..." (the root is "(root)"). */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
    return `${path}: ${issue.message}`;
  });
}

/** Never throws: a typed value or the DecodeError that decodeJson would throw. */
export function safeDecodeJson<S extends z.ZodType>(schema: S, text: string, context: DecodeContext): DecodeResult<z.output<S>> {
  let json: unknown;
  try {
    json = parseJsonLossless(text);
  } catch {
    const error = new DecodeError(`Paradex ${context.endpoint}: expected JSON, got ${describeBody(text)}`, redactSecrets(text), [], {
      exchange: context.exchange,
    });
    return { ok: false, error };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = formatIssues(parsed.error.issues);
  const first = issues[0] ?? 'unknown issue';
  const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
  const error = new DecodeError(
    `Paradex ${context.endpoint}: unexpected response shape: ${first}${more}`,
    redactSecrets(text),
    issues,
    { exchange: context.exchange },
  );
  return { ok: false, error };
}

/** The typed value, or throws DecodeError (issues + raw text, tokens masked). */
export function decodeJson<S extends z.ZodType>(schema: S, text: string, context: DecodeContext): z.output<S> {
  const result = safeDecodeJson(schema, text, context);
  if (!result.ok) throw result.error;
  return result.value;
}

/** Same checks on a value already parsed (fixtures, WS payloads routed elsewhere). */
export function decodeValue<S extends z.ZodType>(schema: S, value: unknown, context: DecodeContext): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = formatIssues(parsed.error.issues);
  let raw: string;
  try {
    raw = JSON.stringify(value) ?? String(value);
  } catch {
    raw = String(value);
  }
  throw new DecodeError(`Paradex ${context.endpoint}: unexpected shape: ${issues[0] ?? 'unknown issue'}`, redactSecrets(raw), issues, {
    exchange: context.exchange,
  });
}
