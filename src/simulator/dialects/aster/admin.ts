/**
 * Control side of the Aster dialect: the credentials a real user would create on the venue's web
 * site, and the dialect's settings.
 *
 * In process (tests): `asterAdmin(sim.engine)` returns the admin of the Aster dialect serving
 * that engine.
 *
 * Over HTTP (other tools; answered by the dialect, outside the venue's /fapi paths; the
 * simulator's HTTP faults apply to these routes like to any other):
 *   POST   /_aster/agents      {"user": "0x..", "signer": "0x.."}       approve an API wallet (V3)
 *   DELETE /_aster/agents      {"user": "0x..", "signer": "0x.."}       revoke it
 *   POST   /_aster/api-keys    {"account"?: "0x..", "apiKey"?, "secretKey"?}  create (or register) a V1 key
 *                              -> {"apiKey", "secretKey", "account"}
 *   GET    /_aster/settings                                              current AsterSettings
 *   POST   /_aster/settings    {"nonceWindowMs": 10000, ...}             change settings
 * The secret key is returned once, to the caller that asked for it, and never logged.
 */
import type { SimRequest, SimResponse } from '../../dialect.js';
import type { SimulatorEngine } from '../../engine/index.js';
import type { ApiKeyRecord } from './auth/credentials.js';
import type { AsterContext } from './context.js';
import { mergeSettings, type AsterSettings } from './settings.js';

export const ADMIN_PREFIX = '/_aster/';

export interface AsterAdmin {
  /** Lets `signer` sign V3 requests for `user` (a signer equal to the user needs no approval). */
  approveAgent(user: string, signer: string): void;
  revokeAgent(user: string, signer: string): boolean;
  /** A new V1 API key + secret for `account` (default: a fresh random address). */
  createApiKey(account?: string): ApiKeyRecord;
  /** Registers a known V1 key pair (e.g. the docs' example) for `account`. */
  registerApiKey(apiKey: string, secretKey: string, account: string): ApiKeyRecord;
  settings(): AsterSettings;
  configure(changes: Partial<AsterSettings>): AsterSettings;
  /** Open WebSocket connections of the dialect. */
  connectionCount(): number;
}

const admins = new WeakMap<SimulatorEngine, AsterAdmin>();

/** The admin of the Aster dialect serving `engine` (throws when there is none). */
export function asterAdmin(engine: SimulatorEngine): AsterAdmin {
  const admin = admins.get(engine);
  if (admin === undefined) throw new Error('no Aster dialect runs on this engine');
  return admin;
}

export function createAdmin(ctx: AsterContext, connectionCount: () => number): AsterAdmin {
  const admin: AsterAdmin = {
    approveAgent: (user, signer) => ctx.credentials.approveAgent(user, signer),
    revokeAgent: (user, signer) => ctx.credentials.revokeAgent(user, signer),
    createApiKey: (account) => ctx.credentials.createApiKey(account),
    registerApiKey: (apiKey, secretKey, account) => ctx.credentials.registerApiKey(apiKey, secretKey, account),
    settings: () => ctx.settings,
    configure: (changes) => {
      ctx.settings = mergeSettings(ctx.settings, changes);
      return ctx.settings;
    },
    connectionCount,
  };
  admins.set(ctx.engine, admin);
  return admin;
}

export function handleAdminRequest(admin: AsterAdmin, request: SimRequest): SimResponse {
  let body: Record<string, unknown> = {};
  if (request.body.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(request.body);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return json(400, { error: 'BAD_REQUEST', message: 'body must be a JSON object' });
      body = parsed as Record<string, unknown>;
    } catch {
      return json(400, { error: 'BAD_REQUEST', message: 'body is not valid JSON' });
    }
  }
  const route = `${request.method} ${request.path.slice(ADMIN_PREFIX.length)}`;
  try {
    switch (route) {
      case 'POST agents':
        admin.approveAgent(text(body, 'user'), text(body, 'signer'));
        return json(200, { approved: true });
      case 'DELETE agents':
        return json(200, { revoked: admin.revokeAgent(text(body, 'user'), text(body, 'signer')) });
      case 'POST api-keys': {
        const account = optional(body, 'account');
        const apiKey = optional(body, 'apiKey');
        const record =
          apiKey === undefined ? admin.createApiKey(account) : admin.registerApiKey(apiKey, text(body, 'secretKey'), account ?? text(body, 'account'));
        return json(200, record);
      }
      case 'GET settings':
        return json(200, admin.settings());
      case 'POST settings':
        return json(200, admin.configure(body as Partial<AsterSettings>));
      default:
        return json(404, { error: 'NOT_FOUND', message: `no Aster admin route ${request.method} ${request.path}` });
    }
  } catch (error) {
    return json(400, { error: 'BAD_REQUEST', message: error instanceof Error ? error.message : String(error) });
  }
}

function text(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw new RangeError(`${field} is required (a string)`);
  return value;
}

function optional(body: Record<string, unknown>, field: string): string | undefined {
  return body[field] === undefined ? undefined : text(body, field);
}

function json(status: number, value: unknown): SimResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}
