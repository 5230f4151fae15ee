/**
 * The venue's error answers: `{"error": "<ErrorCode>", "message": "...", "data": null}` with the
 * HTTP status the OpenAPI gives the route (400 validation/business, 401 auth, 404, 429, 5xx).
 * Messages never carry secrets (JWTs, signatures, keys).
 */
import type { SimResponse } from '../../dialect.js';

export interface VenueError {
  readonly status: number;
  readonly error: string;
  readonly message: string;
}

export const venueError = (status: number, error: string, message: string): VenueError => ({ status, error, message });

export const JSON_HEADERS: Readonly<Record<string, string>> = { 'content-type': 'application/json' };

export function jsonResponse(status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): SimResponse {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

export function errorResponse(error: VenueError, headers: Readonly<Record<string, string>> = {}): SimResponse {
  return jsonResponse(error.status, { error: error.error, message: error.message, data: null }, headers);
}

/** The error body as a plain object (batch `errors` entries, WS JSON-RPC `data`). */
export function errorBody(error: VenueError): { error: string; message: string } {
  return { error: error.error, message: error.message };
}

/** Status and code the venue uses for a generic HTTP status forced by a fault. */
export function faultError(status: number): VenueError {
  if (status === 429) return venueError(429, 'RATE_LIMIT_EXCEEDED', 'rate limit exceeded');
  if (status === 401) return venueError(401, 'UNAUTHORIZED_ERROR', 'unauthorized');
  if (status === 403) return venueError(403, 'REQUEST_NOT_ALLOWED', 'request not allowed');
  if (status === 404) return venueError(404, 'NOT_FOUND', 'not found');
  if (status === 503) return venueError(503, 'SERVICE_UNAVAILABLE', 'request exceeded the server timeout, try again');
  if (status >= 500) return venueError(status, 'INTERNAL_ERROR', 'internal server error');
  return venueError(status, 'VALIDATION_ERROR', 'bad request');
}
