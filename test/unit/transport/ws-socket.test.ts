/**
 * ReconnectingSocket against a real local WebSocket server: state machine, backoff, heartbeat,
 * watchdog, desired-subscription replay. Timers are manual (heartbeat, backoff and watchdog move
 * only when the test advances them); sockets are real, so tests wait for network events.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.js';
import { AuthError, TimeoutError, TransportError } from '../../../src/core/errors.js';
import { ReconnectingSocket, reconnectDelayMs, resolveBackoff } from '../../../src/transport/ws.js';
import type { ReconnectingSocketHooks, ReconnectingSocketOptions, SocketEvent, SocketSession } from '../../../src/transport/ws.js';
import { eventually, startTestWsServer } from '../../support/ws-server.js';
import type { ServerConnection, TestWsServer } from '../../support/ws-server.js';
import { ManualTimers } from './manual-timers.js';

/**
 * Test protocol: client sends "auth", "sub:<topic>", "unsub:<topic>"; the server answers
 * "auth:ok" / "ok:<topic>" / "refused:<topic>"; data frames are "data:<topic>".
 */
interface Harness {
  server: TestWsServer;
  socket: ReconnectingSocket;
  clock: ManualClock;
  timers: ManualTimers;
  events: SocketEvent[];
  calls: string[];
  sessions: SocketSession[];
}

let harness: Harness | undefined;

afterEach(async () => {
  if (harness) {
    await harness.socket.close();
    await harness.server.close();
    harness = undefined;
  }
});

interface ScriptOptions {
  refuse?: Set<string>;
  /** Topics the server acknowledges only after this many ms of real time (never when Infinity). */
  silentAuth?: boolean;
  authFailures?: number;
}

async function setup(
  script: ScriptOptions = {},
  overrides: Partial<ReconnectingSocketOptions> = {},
  hookOverrides: Partial<ReconnectingSocketHooks> = {},
): Promise<Harness> {
  const refuse = script.refuse ?? new Set<string>();
  let authFailures = script.authFailures ?? 0;
  const server = await startTestWsServer({
    onText: (connection: ServerConnection, text: string) => {
      if (text === 'auth') {
        if (script.silentAuth) return;
        if (authFailures > 0) {
          authFailures -= 1;
          connection.ws.send('auth:denied');
        } else connection.ws.send('auth:ok');
      } else if (text.startsWith('sub:')) {
        const topic = text.slice(4);
        connection.ws.send(refuse.has(topic) ? `refused:${topic}` : `ok:${topic}`);
      } else if (text.startsWith('unsub:')) connection.ws.send(`unsubscribed:${text.slice(6)}`);
    },
  });
  const clock = new ManualClock(1_000_000);
  const timers = new ManualTimers(clock);
  const events: SocketEvent[] = [];
  const calls: string[] = [];
  const sessions: SocketSession[] = [];
  // Answers waited for, per connection: key "auth" or "sub:<topic>".
  const waiting = new Map<string, (answer: string) => void>();
  const ask = (session: SocketSession, frame: string, key: string): Promise<string> =>
    new Promise<string>((resolve) => {
      waiting.set(`${session.id}:${key}`, resolve);
      session.send(frame);
    });
  const hooks: ReconnectingSocketHooks = {
    authenticate: async (session) => {
      calls.push(`authenticate#${session.id}`);
      sessions.push(session);
      const answer = await ask(session, 'auth', 'auth');
      if (answer !== 'auth:ok') throw new AuthError('denied');
    },
    subscribe: async (topics, session) => {
      calls.push(`subscribe#${session.id}:${topics.join(',')}`);
      const answers = await Promise.all(topics.map((t) => ask(session, `sub:${t}`, `sub:${t}`)));
      return answers.flatMap((a, i) => (a.startsWith('refused:') ? [{ topic: topics[i] as string, error: new Error(`refused ${topics[i]}`) }] : []));
    },
    unsubscribe: async (topics, session) => {
      calls.push(`unsubscribe#${session.id}:${topics.join(',')}`);
      await Promise.all(topics.map((t) => ask(session, `unsub:${t}`, `unsub:${t}`)));
    },
    onMessage: (data, _isBinary, session) => {
      const text = data.toString();
      const [kind, topic = ''] = [text.slice(0, text.indexOf(':')), text.slice(text.indexOf(':') + 1)];
      if (kind === 'auth') waiting.get(`${session.id}:auth`)?.(text);
      if (kind === 'ok' || kind === 'refused') waiting.get(`${session.id}:sub:${topic}`)?.(text);
      if (kind === 'unsubscribed') waiting.get(`${session.id}:unsub:${topic}`)?.(text);
      return kind === 'data' ? topic : undefined;
    },
    beforeReady: async (session) => {
      calls.push(`beforeReady#${session.id}:${session.isReconnect ? 'reconnect' : 'first'}`);
    },
    onDisconnect: (session, reason) => {
      calls.push(`disconnect#${session.id}:${reason}`);
    },
    ...hookOverrides,
  };
  const socket = new ReconnectingSocket({
    url: server.url,
    name: 'test',
    clock,
    timers,
    backoff: { initialMs: 100, maxMs: 800, factor: 2, jitter: 0.5, random: () => 0.5 },
    heartbeat: { intervalMs: 10_000, pongTimeoutMs: 2_000 },
    connectTimeoutMs: 5_000,
    stableAfterMs: 30_000,
    hooks,
    ...overrides,
  });
  socket.on((e) => events.push(e));
  harness = { server, socket, clock, timers, events, calls, sessions };
  return harness;
}

const states = (events: readonly SocketEvent[]): string[] => events.flatMap((e) => (e.type === 'state' ? [e.state] : e.type === 'reconnected' ? ['(reconnected)'] : []));

async function waitState(h: Harness, state: string, count = 1): Promise<void> {
  await eventually(() => h.events.filter((e) => e.type === 'state' && e.state === state).length >= count, `state ${state} x${count}`);
}

describe('ReconnectingSocket state machine', () => {
  it('walks idle -> connecting -> open -> authenticating -> ready, authenticating before replaying topics', async () => {
    const h = await setup();
    expect(h.socket.state).toBe('idle');
    void h.socket.subscribe(['a', 'b']).catch(() => undefined);
    await h.socket.connect();
    expect(states(h.events)).toEqual(['connecting', 'open', 'authenticating', 'ready']);
    expect(h.calls).toEqual(['authenticate#1', 'subscribe#1:a,b', 'beforeReady#1:first']);
    expect(h.socket.isConfirmed('a')).toBe(true);
    expect(h.socket.desiredTopics()).toEqual(['a', 'b']);
  });

  it('skips authenticating when no authenticate hook is given', async () => {
    const h = await setup({}, {}, { authenticate: undefined });
    await h.socket.connect();
    expect(states(h.events)).toEqual(['connecting', 'open', 'ready']);
  });

  it('after a drop: reconnects with backoff, re-authenticates, replays topics, emits reconnected before ready', async () => {
    const h = await setup();
    await h.socket.subscribe([]).catch(() => undefined);
    await h.socket.connect();
    await h.socket.subscribe(['bbo']);
    h.server.dropAll();
    await waitState(h, 'reconnecting');
    const reconnecting = h.events.find((e) => e.type === 'state' && e.state === 'reconnecting');
    expect(reconnecting).toMatchObject({ attempt: 1, delayMs: 75 }); // ceiling 100 * (1 - 0.5 + 0.5 * 0.5)
    expect(h.server.connections).toHaveLength(1);
    h.timers.advance(74);
    expect(h.events.filter((e) => e.type === 'state' && e.state === 'connecting')).toHaveLength(1);
    h.timers.advance(1);
    await waitState(h, 'ready', 2);
    expect(states(h.events)).toEqual([
      'connecting', 'open', 'authenticating', 'ready',
      'reconnecting', 'connecting', 'open', 'authenticating', '(reconnected)', 'ready',
    ]);
    expect(h.calls.slice(-3)).toEqual(['authenticate#2', 'subscribe#2:bbo', 'beforeReady#2:reconnect']);
    expect(h.calls).toContainEqual(expect.stringMatching(/^disconnect#1:closed by peer \(1006/));
    expect(h.socket.isConfirmed('bbo')).toBe(true);
  });

  it('replays a topic added while connecting exactly once', async () => {
    const h = await setup();
    const connected = h.socket.connect();
    const subscribed = h.socket.subscribe(['x']);
    await connected;
    await subscribed;
    expect(h.calls.filter((c) => c.startsWith('subscribe'))).toEqual(['subscribe#1:x']);
    expect(h.server.connections[0]?.received.filter((t) => t === 'sub:x')).toHaveLength(1);
  });

  it('a refused topic rejects its subscriber and is not replayed after a reconnect', async () => {
    const h = await setup({ refuse: new Set(['bad']) });
    await h.socket.connect();
    await expect(h.socket.subscribe(['bad'])).rejects.toThrow('refused bad');
    expect(h.socket.desiredTopics()).toEqual([]);
    await h.socket.subscribe(['good']);
    h.server.dropAll();
    await waitState(h, 'reconnecting');
    h.timers.advance(100);
    await waitState(h, 'ready', 2);
    expect(h.calls.filter((c) => c.startsWith('subscribe#2'))).toEqual(['subscribe#2:good']);
  });

  it('unsubscribe removes the topic from the live connection and from the replay', async () => {
    const h = await setup();
    await h.socket.connect();
    await h.socket.subscribe(['a', 'b']);
    await h.socket.unsubscribe(['a']);
    expect(h.calls).toContain('unsubscribe#1:a');
    h.server.dropAll();
    await waitState(h, 'reconnecting');
    h.timers.advance(100);
    await waitState(h, 'ready', 2);
    expect(h.calls.filter((c) => c.startsWith('subscribe#2'))).toEqual(['subscribe#2:b']);
  });

  it('a failed authentication drops the connection and retries with backoff', async () => {
    const h = await setup({ authFailures: 1 });
    const connected = h.socket.connect();
    await waitState(h, 'reconnecting');
    expect(h.events.find((e) => e.type === 'error')).toMatchObject({ phase: 'authenticate' });
    h.timers.advance(100);
    await connected;
    expect(h.calls.filter((c) => c.startsWith('authenticate'))).toEqual(['authenticate#1', 'authenticate#2']);
  });

  it('a connection that never finishes authenticating is dropped at the connect timeout', async () => {
    const h = await setup({ silentAuth: true });
    void h.socket.connect().catch(() => undefined);
    await waitState(h, 'authenticating');
    h.timers.advance(4_999);
    expect(h.socket.state).toBe('authenticating');
    h.timers.advance(1);
    expect(h.socket.state).toBe('reconnecting');
    expect(h.events.find((e) => e.type === 'state' && e.state === 'reconnecting')).toMatchObject({ reason: 'connect timeout' });
    const error = h.events.find((e) => e.type === 'error');
    expect(error?.type === 'error' && error.error).toBeInstanceOf(TimeoutError);
  });

  it('a session refuses to send once its connection is gone; send() refuses when not connected', async () => {
    const h = await setup();
    expect(() => h.socket.send('x')).toThrow(TransportError);
    await h.socket.connect();
    const first = h.sessions[0] as SocketSession;
    h.server.dropAll();
    await waitState(h, 'reconnecting');
    expect(first.active).toBe(false);
    expect(() => first.send('late')).toThrow(/connection 1 is closed/);
    expect(() => h.socket.send('x')).toThrow(TransportError);
  });

  it('close() stops for good: no reconnect, waiters rejected, later calls refused', async () => {
    const h = await setup({ silentAuth: true });
    const connected = h.socket.connect();
    const subscribed = h.socket.subscribe(['a']);
    const connectRefused = expect(connected).rejects.toThrow(/socket closed/);
    const subscribeRefused = expect(subscribed).rejects.toThrow(/socket closed/);
    await waitState(h, 'authenticating');
    await h.socket.close();
    await connectRefused;
    await subscribeRefused;
    expect(h.socket.state).toBe('closed');
    h.timers.advance(60_000);
    expect(h.server.connections).toHaveLength(1);
    await expect(h.socket.connect()).rejects.toThrow(TransportError);
    await expect(h.socket.subscribe(['b'])).rejects.toThrow(TransportError);
  });
});

describe('ReconnectingSocket backoff', () => {
  it('grows exponentially with jitter, is capped, and gives up after maxReconnectAttempts', async () => {
    const h = await setup({}, { maxReconnectAttempts: 5 });
    h.server.refuseNext(100);
    const connected = h.socket.connect();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      await waitState(h, 'reconnecting', attempt);
      const last = h.events.filter((e) => e.type === 'state' && e.state === 'reconnecting').at(-1);
      delays.push(last?.type === 'state' ? (last.delayMs ?? -1) : -1);
      h.timers.advance(last?.type === 'state' ? (last.delayMs ?? 0) : 0);
    }
    expect(delays).toEqual([75, 150, 300, 600, 600]);
    await expect(connected).rejects.toThrow(/gave up after 5 reconnect attempts/);
    expect(h.socket.state).toBe('closed');
  });

  it('resets the attempt count after a connection stayed ready for stableAfterMs', async () => {
    const h = await setup({}, { heartbeat: { intervalMs: 0 } });
    h.server.refuseNext(2);
    const connected = h.socket.connect();
    await waitState(h, 'reconnecting', 1);
    h.timers.advance(75);
    await waitState(h, 'reconnecting', 2);
    h.timers.advance(150);
    await connected;
    h.timers.advance(29_999);
    h.server.dropAll();
    await waitState(h, 'reconnecting', 3);
    // Ready for less than stableAfterMs: the count goes on (attempt 3, ceiling 400).
    expect(h.events.filter((e) => e.type === 'state' && e.state === 'reconnecting').at(-1)).toMatchObject({ attempt: 3, delayMs: 300 });
    h.timers.advance(300);
    await waitState(h, 'ready', 2);
    h.timers.advance(30_000);
    h.server.dropAll();
    await waitState(h, 'reconnecting', 4);
    const last = h.events.filter((e) => e.type === 'state' && e.state === 'reconnecting').at(-1);
    expect(last).toMatchObject({ attempt: 1, delayMs: 75 });
  });

  it('computes delays from the formula and validates its options', () => {
    const backoff = resolveBackoff({ initialMs: 1000, maxMs: 30_000, factor: 2, jitter: 0.2, random: () => 0 });
    expect([0, 1, 2, 5, 10, 2000].map((n) => reconnectDelayMs(n, backoff))).toEqual([800, 1600, 3200, 24_000, 24_000, 24_000]);
    expect(() => resolveBackoff({ jitter: 2 })).toThrow(/jitter/);
    expect(() => resolveBackoff({ initialMs: 10, maxMs: 5 })).toThrow(/maxMs/);
  });
});

describe('ReconnectingSocket heartbeat', () => {
  it('pings on its interval and keeps a peer that answers', async () => {
    const h = await setup();
    await h.socket.connect();
    h.timers.advance(10_000);
    await eventually(() => h.server.connections[0]?.pings === 1, 'first ping');
    await new Promise((r) => setTimeout(r, 20)); // let the pong arrive
    h.timers.advance(2_000);
    expect(h.socket.state).toBe('ready');
  });

  it('detects a dead peer (no pong within the timeout) and reconnects', async () => {
    const h = await setup();
    await h.socket.connect();
    h.server.setAutoPong(false);
    h.timers.advance(10_000);
    await eventually(() => h.server.connections[0]?.pings === 1, 'ping reached the server');
    h.timers.advance(1_999);
    expect(h.socket.state).toBe('ready');
    h.timers.advance(1);
    expect(h.socket.state).toBe('reconnecting');
    expect(h.events.find((e) => e.type === 'state' && e.state === 'reconnecting')).toMatchObject({ reason: 'no pong within 2000 ms' });
    h.server.setAutoPong(true);
    h.timers.advance(100);
    await waitState(h, 'ready', 2);
  });

  it("answers the server's protocol pings", async () => {
    const h = await setup();
    await h.socket.connect();
    const serverSide = h.server.connections[0]?.ws;
    const pong = new Promise<string>((resolve) => serverSide?.once('pong', (data: Buffer) => resolve(data.toString())));
    serverSide?.ping('are-you-there');
    await expect(pong).resolves.toBe('are-you-there');
  });
});

describe('ReconnectingSocket watchdog', () => {
  const watchdog = { staleAfterMs: (topic: string) => (topic === 'quiet-ok' ? undefined : 5_000), checkEveryMs: 1_000 };

  it('resubscribes a quiet topic on the same connection, then recycles the socket if it stays quiet', async () => {
    const h = await setup({}, { watchdog });
    await h.socket.connect();
    await h.socket.subscribe(['live', 'stalled', 'quiet-ok']);
    // "live" keeps talking; "stalled" never does.
    for (let i = 0; i < 5; i++) {
      h.server.broadcast('data:live');
      await eventually(() => h.server.connections[0] !== undefined, 'frame sent');
      await new Promise((r) => setTimeout(r, 10));
      h.timers.advance(1_000);
    }
    const stale = h.events.filter((e) => e.type === 'stale');
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({ topic: 'stalled', action: 'resubscribe' });
    await eventually(() => h.calls.includes('subscribe#1:stalled'), 'resubscribe sent');
    expect(h.calls).toContain('unsubscribe#1:stalled');
    expect(h.socket.state).toBe('ready');
    // Still quiet a full window after the resubscribe: recycle.
    h.server.broadcast('data:live');
    await new Promise((r) => setTimeout(r, 10));
    h.timers.advance(5_000);
    expect(h.events.filter((e) => e.type === 'stale').at(-1)).toMatchObject({ topic: 'stalled', action: 'recycle' });
    expect(h.socket.state).toBe('reconnecting');
    h.timers.advance(100);
    await waitState(h, 'ready', 2);
    expect(h.calls).toContain('subscribe#2:live,stalled,quiet-ok');
  });

  it('a refused watchdog resubscribe recycles the socket and keeps the topic desired', async () => {
    const refuse = new Set<string>();
    const h = await setup({ refuse }, { watchdog });
    await h.socket.connect();
    await h.socket.subscribe(['t']);
    refuse.add('t');
    h.timers.advance(5_000);
    await eventually(() => h.socket.state === 'reconnecting', 'recycled after the refusal');
    expect(h.events.find((e) => e.type === 'state' && e.state === 'reconnecting')).toMatchObject({ reason: 'resubscribe of t refused' });
    expect(h.socket.desiredTopics()).toEqual(['t']);
    refuse.delete('t');
    h.timers.advance(100);
    await waitState(h, 'ready', 2);
    expect(h.socket.isConfirmed('t')).toBe(true);
  });

  it('a topic that talks again after the resubscribe is not recycled', async () => {
    const h = await setup({}, { watchdog });
    await h.socket.connect();
    await h.socket.subscribe(['t']);
    h.timers.advance(5_000);
    expect(h.events.filter((e) => e.type === 'stale')).toHaveLength(1);
    await eventually(() => h.calls.includes('subscribe#1:t'), 'resubscribed');
    h.server.broadcast('data:t');
    await new Promise((r) => setTimeout(r, 20));
    h.timers.advance(4_000);
    expect(h.events.filter((e) => e.type === 'stale')).toHaveLength(1);
    expect(h.socket.state).toBe('ready');
  });
});
