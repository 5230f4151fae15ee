/**
 * Test-side Aster clients written from shared/protocol/aster.md, independent of the simulator's
 * code and of the project's AsterClient: V3 requests signed with ethers' signTypedData, V1
 * requests signed with node:crypto HMAC, a WebSocket probe, and fixture helpers.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Wallet, ZeroAddress, id } from 'ethers';
import WebSocket from 'ws';
import { ManualClock } from '../../../../src/core/clock.js';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../../../../src/simulator/server.js';

export const MESSAGE_TYPES = { Message: [{ name: 'msg', type: 'string' }] };
export const domain = (chainId = 1666) => ({ name: 'AsterSignTransaction', version: '1', chainId, verifyingContract: ZeroAddress });

/** A deterministic wallet per label. */
export const walletFor = (label: string): Wallet => new Wallet(id(`aster-simulator-test:${label}`));

/**
 * A simulator on a frozen ManualClock (time moves only through control.advance / clock.advance),
 * with the random price walk off so that prices move only when a test moves them.
 */
export async function startAster(options: Partial<SimulatorOptions> = {}): Promise<SimulatorHandle & { clock: ManualClock }> {
  const clock = new ManualClock(Date.now());
  const sim = await startSimulator({ exchange: 'aster', port: 0, clock, seed: 11, engine: { priceProcess: { enabled: false } }, ...options });
  return Object.assign(sim, { clock });
}

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

async function reply(res: Response): Promise<Reply> {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

export async function publicGet(baseUrl: string, path: string, params: Record<string, string> = {}): Promise<Reply> {
  const query = new URLSearchParams(params).toString();
  return reply(await fetch(`${baseUrl}${path}${query === '' ? '' : `?${query}`}`));
}

export type Params = Record<string, string> | readonly (readonly [string, string])[];

const entries = (params: Params): [string, string][] => (Array.isArray(params) ? params.map(([k, v]) => [k, v]) : Object.entries(params));
const formText = (pairs: readonly (readonly [string, string])[]): string => pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');

export interface V3Options {
  /** 'body' (default for non-GET) or 'query'. */
  readonly place?: 'query' | 'body';
  /** Put nonce/user/signer first, as ccxt does (default: last, as the docs do). */
  readonly authFirst?: boolean;
  /** Send `user` (default true). */
  readonly includeUser?: boolean;
  readonly nonce?: string;
  readonly chainId?: number;
  /** Replace the computed signature. */
  readonly signature?: string;
  /** Sign this text instead of the wire text. */
  readonly signText?: (wire: string) => string;
}

/** V3 (EIP-712) client: an agent `wallet` acting for `user`. */
export class V3Client {
  #counter = 0;

  constructor(
    readonly baseUrl: string,
    readonly wallet: Wallet,
    readonly user: string,
    /** Server time in ms (the test reads it from the simulator, as a client syncs with /time). */
    readonly now: () => number,
  ) {}

  nextNonce(): string {
    this.#counter = (this.#counter + 1) % 1000;
    return String(this.now() * 1000 + this.#counter);
  }

  async sign(msg: string, chainId = 1666): Promise<string> {
    return this.wallet.signTypedData(domain(chainId), MESSAGE_TYPES, { msg });
  }

  async request(method: string, path: string, params: Params = {}, options: V3Options = {}): Promise<Reply> {
    const auth: [string, string][] = [['nonce', options.nonce ?? this.nextNonce()]];
    if (options.includeUser !== false) auth.push(['user', this.user]);
    auth.push(['signer', this.wallet.address]);
    const pairs = options.authFirst === true ? [...auth, ...entries(params)] : [...entries(params), ...auth];
    const wire = formText(pairs);
    const signature = options.signature ?? (await this.sign(options.signText === undefined ? wire : options.signText(wire), options.chainId));
    const full = `${wire}&signature=${signature}`;
    const place = options.place ?? (method === 'GET' ? 'query' : 'body');
    const url = place === 'query' ? `${this.baseUrl}${path}?${full}` : `${this.baseUrl}${path}`;
    const init: RequestInit = place === 'body' ? { method, body: full, headers: { 'content-type': 'application/x-www-form-urlencoded' } } : { method };
    return reply(await fetch(url, init));
  }
}

export interface V1Options {
  readonly timestamp?: number;
  readonly recvWindow?: number;
  readonly place?: 'query' | 'body';
  readonly signature?: string;
  readonly apiKey?: string;
}

/** V1 (HMAC-SHA256) client. */
export class V1Client {
  constructor(
    readonly baseUrl: string,
    readonly apiKey: string,
    readonly secretKey: string,
    readonly now: () => number,
  ) {}

  static sign(secretKey: string, payload: string): string {
    return createHmac('sha256', secretKey).update(payload).digest('hex');
  }

  async signed(method: string, path: string, params: Params = {}, options: V1Options = {}): Promise<Reply> {
    const pairs = entries(params);
    if (options.recvWindow !== undefined) pairs.push(['recvWindow', String(options.recvWindow)]);
    pairs.push(['timestamp', String(options.timestamp ?? this.now())]);
    const wire = formText(pairs);
    const full = `${wire}&signature=${options.signature ?? V1Client.sign(this.secretKey, wire)}`;
    return this.#send(method, path, full, options.place ?? (method === 'GET' ? 'query' : 'body'), options.apiKey);
  }

  /** USER_STREAM endpoints: API key only. */
  async keyOnly(method: string, path: string): Promise<Reply> {
    return this.#send(method, path, '', 'query', undefined);
  }

  async #send(method: string, path: string, text: string, place: 'query' | 'body', apiKey: string | undefined): Promise<Reply> {
    const headers: Record<string, string> = { 'X-MBX-APIKEY': apiKey ?? this.apiKey };
    if (place === 'body') headers['content-type'] = 'application/x-www-form-urlencoded';
    const url = place === 'query' && text !== '' ? `${this.baseUrl}${path}?${text}` : `${this.baseUrl}${path}`;
    return reply(await fetch(url, { method, headers, ...(place === 'body' ? { body: text } : {}) }));
  }
}

/** A WebSocket that records every message and waits for the one a test expects. */
export class WsProbe {
  readonly messages: unknown[] = [];
  readonly #waiters: { match: (m: unknown) => boolean; resolve: (m: unknown) => void }[] = [];
  closed: { code: number; reason: string } | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message: unknown = JSON.parse(String(data));
      this.messages.push(message);
      for (const waiter of [...this.#waiters]) {
        if (waiter.match(message)) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
    });
  }

  static open(url: string): Promise<WsProbe> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const probe = new WsProbe(ws);
      ws.once('open', () => resolve(probe));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += String(c)));
        res.on('end', () => reject(Object.assign(new Error(`upgrade refused ${res.statusCode}`), { status: res.statusCode, body })));
      });
    });
  }

  /** The first recorded or future message matching `match`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  next(match: (m: any) => boolean, timeoutMs = 5000): Promise<any> {
    const seen = this.messages.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return this.#wait(match, timeoutMs);
  }

  /** The next message arriving from now on that matches. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  upcoming(match: (m: any) => boolean, timeoutMs = 5000): Promise<any> {
    return this.#wait(match, timeoutMs);
  }

  send(value: unknown): void {
    this.ws.send(JSON.stringify(value));
  }

  /** Sends a method frame and waits for the answer with the same id. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async call(method: string, params: unknown[] | undefined, idValue: number): Promise<any> {
    const answer = this.upcoming((m) => typeof m === 'object' && m !== null && (m as { id?: unknown }).id === idValue);
    this.send(params === undefined ? { method, id: idValue } : { method, params, id: idValue });
    return answer;
  }

  waitClosed(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    if (this.closed !== undefined) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
      this.ws.once('close', (code, reason) => {
        clearTimeout(timer);
        resolve({ code, reason: String(reason) });
      });
    });
  }

  close(): void {
    this.ws.terminate();
  }

  #wait(match: (m: unknown) => boolean, timeoutMs: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new Error(`no matching WebSocket message within ${timeoutMs} ms (got ${this.messages.length})`));
      }, timeoutMs);
      const waiter = {
        match,
        resolve: (m: unknown) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      this.#waiters.push(waiter);
    });
  }
}

/** Waits `ms` of wall-clock time. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const FIXTURES = fileURLToPath(new URL('../../../fixtures/aster/', import.meta.url));

export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(`${FIXTURES}${name}`, 'utf8'));
}

/** The recorded response of a multi-case fixture, or the fixture itself. */
export function recorded(name: string, caseName?: string): unknown {
  const value = fixture(name);
  if (!Array.isArray(value) || caseName === undefined) return value;
  const entry = (value as { case?: string; response?: unknown; message?: unknown }[]).find((c) => c.case === caseName);
  if (entry === undefined) throw new Error(`fixture ${name} has no case ${caseName}`);
  return entry.response ?? entry.message;
}

/** Sorted keys of an object (the first element of an array). */
export function keysOf(value: unknown): string[] {
  const object = Array.isArray(value) ? value[0] : value;
  if (typeof object !== 'object' || object === null) throw new Error(`not an object: ${JSON.stringify(value)}`);
  return Object.keys(object).sort();
}

export const vectors = (): Record<string, Record<string, Record<string, unknown>>> =>
  fixture('vectors/aster-vectors.json') as Record<string, Record<string, Record<string, unknown>>>;
