/**
 * Test support for the Paradex WebSocket dialect: a JSON-RPC client over the `ws` package, REST
 * onboarding + auth with the project's Paradex signer (independent of the simulator's code), and
 * an in-process venue for tests that need dialect options (heartbeat periods).
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { computeAccountAddress } from '../../../../src/exchanges/paradex/auth/derivation.js';
import { ParadexSigner } from '../../../../src/exchanges/paradex/auth/signer.js';
import { starkPublicKeyOf } from '../../../../src/crypto/starknet/stark-signature.js';
import { feltToHex } from '../../../../src/crypto/starknet/felt.js';
import { createParadexVenue } from '../../../../src/simulator/dialects/paradex/venue.js';
import type { ParadexVenue } from '../../../../src/simulator/dialects/paradex/venue.js';
import { createParadexWs } from '../../../../src/simulator/dialects/paradex/ws/index.js';
import type { ParadexWs, ParadexWsOptions } from '../../../../src/simulator/dialects/paradex/ws/index.js';
import { SimulatorEngine } from '../../../../src/simulator/engine/index.js';
import type { EngineOptions } from '../../../../src/simulator/engine/index.js';
import { FaultInjector } from '../../../../src/simulator/faults.js';

export interface Notification {
  readonly channel: string;
  readonly data: Record<string, unknown>;
}

export type Incoming = { readonly kind: 'json'; readonly message: Record<string, unknown> } | { readonly kind: 'binary'; readonly bytes: Buffer };

interface Waiter {
  readonly match: (incoming: Incoming) => boolean;
  readonly resolve: (incoming: Incoming) => void;
}

/** A raw JSON-RPC client that records everything it receives. */
export class RpcSocket {
  readonly received: Incoming[] = [];
  readonly #waiters: Waiter[] = [];
  #nextId = 1;
  closeCode: number | undefined;
  readonly closed: Promise<number>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      const incoming: Incoming = isBinary ? { kind: 'binary', bytes: buffer } : { kind: 'json', message: JSON.parse(buffer.toString('utf8')) as Record<string, unknown> };
      this.received.push(incoming);
      for (let i = 0; i < this.#waiters.length; i++) {
        const waiter = this.#waiters[i]!;
        if (waiter.match(incoming)) {
          this.#waiters.splice(i, 1);
          waiter.resolve(incoming);
          break;
        }
      }
    });
    this.closed = new Promise((resolve) => socket.on('close', (code) => resolve((this.closeCode = code))));
  }

  static open(url: string, options: WebSocket.ClientOptions = {}): Promise<RpcSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, options);
      socket.once('open', () => resolve(new RpcSocket(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends a request and resolves with the response (result or error) of the same id. */
  async call(method: string, params?: unknown): Promise<Record<string, unknown>> {
    const id = this.#nextId++;
    const answer = this.waitFor((m) => m.kind === 'json' && m.message.id === id && !('method' in m.message));
    this.socket.send(JSON.stringify({ jsonrpc: '2.0', method, params, id }));
    return ((await answer) as { message: Record<string, unknown> }).message;
  }

  /** Like call() but fails the test when the answer is an error. */
  async ok(method: string, params?: unknown): Promise<Record<string, unknown>> {
    const answer = await this.call(method, params);
    if ('error' in answer) throw new Error(`${method} failed: ${JSON.stringify(answer.error)}`);
    return answer.result as Record<string, unknown>;
  }

  sendRaw(text: string): void {
    this.socket.send(text);
  }

  /** Resolves with the first message (already received or future) that matches. */
  waitFor(match: (incoming: Incoming) => boolean, timeoutMs = 5000): Promise<Incoming> {
    const seen = this.received.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return this.#wait(match, timeoutMs);
  }

  /** Resolves with the next future message that matches. */
  next(match: (incoming: Incoming) => boolean, timeoutMs = 5000): Promise<Incoming> {
    return this.#wait(match, timeoutMs);
  }

  notifications(channel: string): Notification[] {
    return this.received.flatMap((m) => (m.kind === 'json' && m.message.method === 'subscription' && channelOf(m) === channel ? [notificationOf(m)] : []));
  }

  async nextNotification(channel: string, where: (data: Record<string, unknown>) => boolean = () => true, timeoutMs = 5000): Promise<Notification> {
    const incoming = await this.next((m) => m.kind === 'json' && m.message.method === 'subscription' && channelOf(m) === channel && where(notificationOf(m).data), timeoutMs);
    return notificationOf(incoming);
  }

  async firstNotification(channel: string, where: (data: Record<string, unknown>) => boolean = () => true, timeoutMs = 5000): Promise<Notification> {
    const incoming = await this.waitFor((m) => m.kind === 'json' && m.message.method === 'subscription' && channelOf(m) === channel && where(notificationOf(m).data), timeoutMs);
    return notificationOf(incoming);
  }

  binaries(): Buffer[] {
    return this.received.flatMap((m) => (m.kind === 'binary' ? [m.bytes] : []));
  }

  close(): Promise<number> {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.close();
    return this.closed;
  }

  #wait(match: (incoming: Incoming) => boolean, timeoutMs: number): Promise<Incoming> {
    // Created here so that the stack names the test line that waited.
    const timeout = new Error(`no matching message within ${timeoutMs} ms`);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const index = this.#waiters.indexOf(waiter);
        if (index >= 0) this.#waiters.splice(index, 1);
        reject(timeout);
      }, timeoutMs);
      const waiter: Waiter = {
        match,
        resolve: (incoming) => {
          clearTimeout(timer);
          resolve(incoming);
        },
      };
      this.#waiters.push(waiter);
    });
  }
}

function channelOf(incoming: Incoming): unknown {
  return incoming.kind === 'json' ? (incoming.message.params as { channel?: unknown } | undefined)?.channel : undefined;
}

export function notificationOf(incoming: Incoming): Notification {
  if (incoming.kind !== 'json') throw new Error('not a JSON notification');
  const params = incoming.message.params as { channel: string; data: Record<string, unknown> };
  return { channel: params.channel, data: params.data };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns true (tests never assert timings, only eventual outcomes). */
export async function eventually(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await sleep(5);
  }
}

// ---- accounts ------------------------------------------------------------------------------

const CHAIN_ID = 'PRIVATE_SN_POTC_SEPOLIA';

export interface TestAccount {
  readonly address: string;
  readonly signer: ParadexSigner;
  readonly jwt: string;
}

interface SystemConfigBody {
  readonly paraclear_account_hash: string;
  readonly paraclear_account_proxy_hash: string;
  readonly starknet_chain_id: string;
}

/** A fresh Stark key, onboarded and authenticated through the simulator's REST API. */
export async function onboardViaRest(httpUrl: string): Promise<TestAccount> {
  const config = (await (await fetch(`${httpUrl}/system/config`)).json()) as SystemConfigBody;
  const privateKey = `0x${(BigInt(`0x${randomBytes(31).toString('hex')}`) + 1n).toString(16)}`;
  const publicKey = feltToHex(starkPublicKeyOf(privateKey.slice(2).padStart(64, '0')));
  const address = computeAccountAddress(publicKey, config.paraclear_account_hash, config.paraclear_account_proxy_hash);
  const signer = ParadexSigner.create({ starkPrivateKey: privateKey, account: address, starknetChainId: config.starknet_chain_id });
  const onboarding = await fetch(`${httpUrl}/onboarding`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'PARADEX-ETHEREUM-ACCOUNT': `0x${randomBytes(20).toString('hex')}`,
      'PARADEX-STARKNET-ACCOUNT': address,
      'PARADEX-STARKNET-SIGNATURE': signer.signOnboarding(),
    },
    body: JSON.stringify({ public_key: publicKey }),
  });
  if (onboarding.status !== 200) throw new Error(`onboarding failed: ${onboarding.status} ${await onboarding.text()}`);
  const jwt = await authViaRest(httpUrl, signer);
  return { address, signer, jwt };
}

export async function authViaRest(httpUrl: string, signer: ParadexSigner): Promise<string> {
  const time = (await (await fetch(`${httpUrl}/system/time`)).json()) as { server_time: number | string };
  const timestamp = Math.floor(Number(time.server_time) / 1000);
  const expiration = timestamp + 300;
  const auth = await fetch(`${httpUrl}/auth`, {
    method: 'POST',
    headers: {
      'PARADEX-STARKNET-ACCOUNT': signer.account,
      'PARADEX-STARKNET-SIGNATURE': signer.signAuth(timestamp, expiration),
      'PARADEX-TIMESTAMP': String(timestamp),
      'PARADEX-SIGNATURE-EXPIRATION': String(expiration),
    },
  });
  if (auth.status !== 200) throw new Error(`auth failed: ${auth.status} ${await auth.text()}`);
  return ((await auth.json()) as { jwt_token: string }).jwt_token;
}

export interface OrderInput {
  readonly market?: string;
  readonly side: 'BUY' | 'SELL';
  readonly type?: string;
  readonly size: string;
  readonly price?: string;
  readonly clientId?: string;
  readonly instruction?: string;
  readonly timestampMs: number;
}

/** A signed order body (REST POST /orders and WS order.create params). */
export function signedOrder(signer: ParadexSigner, input: OrderInput): Record<string, unknown> {
  const type = input.type ?? 'LIMIT';
  const price = input.price ?? '0';
  const market = input.market ?? 'BTC-USD-PERP';
  const signature = signer.signOrder({ timestampMs: input.timestampMs, market, side: input.side, type, size: input.size, price });
  return {
    market,
    side: input.side,
    type,
    size: input.size,
    price,
    instruction: input.instruction ?? 'GTC',
    signature,
    signature_timestamp: input.timestampMs,
    ...(input.clientId === undefined ? {} : { client_id: input.clientId }),
  };
}

// ---- in-process venue ----------------------------------------------------------------------

export interface InProcessVenue {
  readonly venue: ParadexVenue;
  readonly ws: ParadexWs;
  readonly wsUrl: string;
  readonly engine: SimulatorEngine;
  readonly faults: FaultInjector;
  /** An onboarded account with a valid JWT (onboarded directly in the venue state). */
  account(): TestAccount;
  close(): Promise<void>;
}

/** The WebSocket dialect alone on an HTTP server of its own, with options startSimulator does not expose. */
export async function startInProcess(options: ParadexWsOptions = {}, engineOptions: EngineOptions = {}): Promise<InProcessVenue> {
  const engine = new SimulatorEngine({ seed: 7, ...engineOptions });
  const faults = new FaultInjector(() => engine.now());
  const venue = createParadexVenue({ engine, faults, initialBalance: '100000' });
  const ws = createParadexWs(venue, options);
  const server = createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket, head) => ws.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  engine.start(10);
  const { port } = server.address() as AddressInfo;
  return {
    venue,
    ws,
    engine,
    faults,
    wsUrl: `ws://127.0.0.1:${port}/v1`,
    account() {
      const privateKey = `0x${(BigInt(`0x${randomBytes(31).toString('hex')}`) + 1n).toString(16)}`;
      const publicKey = starkPublicKeyOf(privateKey.slice(2).padStart(64, '0'));
      const address = computeAccountAddress(feltToHex(publicKey), venue.systemConfig.accountClassHash, venue.systemConfig.accountProxyClassHash);
      const onboarded = venue.accounts.onboard({ address, publicKey, nowMs: venue.now() });
      if (!onboarded.ok) throw new Error('onboarding failed');
      const signer = ParadexSigner.create({ starkPrivateKey: privateKey, account: address, starknetChainId: CHAIN_ID });
      return { address: onboarded.account.address, signer, jwt: venue.tokens.issue(onboarded.account.address, venue.now()).jwt };
    },
    async close() {
      engine.stop();
      await ws.close();
      venue.dispose();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
