/**
 * The simulator's fault knobs, shared by every dialect. A fault is armed through `control` (or the
 * HTTP control routes) and consumed by the dialect at the point where the real venue would
 * misbehave: the HTTP router asks `takeHttpFault` before and after a request is handled, the
 * WebSocket fan-out asks `frameAction` for every outgoing frame of a topic. Every fault that fires
 * is appended to `log`, so a test can assert that the fault it armed really happened.
 */

export type FaultTiming = 'before' | 'after';

/** Which requests a one-shot HTTP fault applies to (all given conditions must hold). */
export interface RequestMatcher {
  /** GET, POST, ... (case-insensitive). */
  readonly method?: string;
  /** Exact path without query (e.g. "/v1/orders"), or a RegExp tested against it. */
  readonly path?: string | RegExp;
}

export type HttpFaultEffect =
  /** Answer with this status (and the dialect's error body for it, or `body` when given). */
  | { readonly kind: 'status'; readonly status: number; readonly body?: string }
  /** Never answer: the connection stays open until the client gives up (or the server closes). */
  | { readonly kind: 'timeout' };

export interface HttpFault {
  readonly match: RequestMatcher;
  readonly effect: HttpFaultEffect;
  /** 'before': the venue never acts; 'after': the venue acts (the order exists) and the answer is lost. */
  readonly when: FaultTiming;
}

/** What a dialect does with one outgoing frame of a topic. */
export type FrameAction =
  | { readonly kind: 'pass' }
  /** The topic is stalled: drop the frame silently (the socket stays healthy). */
  | { readonly kind: 'drop' }
  /** Send the frame twice. */
  | { readonly kind: 'duplicate' }
  /** Hold this frame and send it after the next one of the same topic. */
  | { readonly kind: 'hold' }
  /** Skip one sequence number before this frame (book deltas: seq_no jumps by 2). */
  | { readonly kind: 'gap' };

export interface FaultLogEntry {
  readonly fault: string;
  readonly detail: string;
  readonly at: number;
}

interface Counted {
  remaining: number;
}

type ConnectionDropper = (reason: string) => number;

export class FaultInjector {
  readonly #now: () => number;
  readonly #httpFaults: (HttpFault & Counted)[] = [];
  #rateLimitRemaining = 0;
  #rateLimitRetryAfterMs = 1000;
  readonly #stalled = new Map<string, number>();
  readonly #duplicates = new Map<string, number>();
  readonly #holds = new Map<string, number>();
  readonly #gaps = new Map<string, number>();
  readonly #droppers = new Set<ConnectionDropper>();
  readonly #log: FaultLogEntry[] = [];

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Every fault that fired, oldest first (bounded to the last 10,000). */
  get log(): readonly FaultLogEntry[] {
    return this.#log;
  }

  count(fault: string): number {
    return this.#log.filter((entry) => entry.fault === fault).length;
  }

  record(fault: string, detail: string): void {
    this.#log.push({ fault, detail, at: this.#now() });
    if (this.#log.length > 10_000) this.#log.splice(0, this.#log.length - 10_000);
  }

  // ---- HTTP ----

  /** Fail the next `times` requests matching `match`. */
  failNext(fault: HttpFault, times = 1): void {
    this.#httpFaults.push({ ...fault, remaining: times });
  }

  /** The next `count` requests (any route except control routes) answer 429. */
  rateLimitBurst(count: number, retryAfterMs = 1000): void {
    this.#rateLimitRemaining = count;
    this.#rateLimitRetryAfterMs = retryAfterMs;
  }

  /** Consumes a 429 of an armed burst; returns the retry-after in ms, or undefined. */
  takeRateLimit(method: string, path: string): number | undefined {
    if (this.#rateLimitRemaining <= 0) return undefined;
    this.#rateLimitRemaining--;
    this.record('rate_limit', `${method} ${path}`);
    return this.#rateLimitRetryAfterMs;
  }

  /** Consumes the first armed HTTP fault that matches this request at this timing. */
  takeHttpFault(method: string, path: string, when: FaultTiming): HttpFaultEffect | undefined {
    const index = this.#httpFaults.findIndex((fault) => fault.when === when && matches(fault.match, method, path));
    if (index < 0) return undefined;
    const fault = this.#httpFaults[index]!;
    fault.remaining--;
    if (fault.remaining <= 0) this.#httpFaults.splice(index, 1);
    const effect = fault.effect.kind === 'status' ? `status ${fault.effect.status}` : 'timeout';
    this.record(`http_${fault.effect.kind}`, `${method} ${path} ${effect} ${when} acting`);
    return fault.effect;
  }

  // ---- WebSocket ----

  /** Dialects register how to drop their sockets; returns an unregister function. */
  onDropConnections(dropper: ConnectionDropper): () => void {
    this.#droppers.add(dropper);
    return () => this.#droppers.delete(dropper);
  }

  /** Drops every WebSocket connection of every dialect; returns how many were dropped. */
  dropConnections(reason = 'fault: drop connections'): number {
    let dropped = 0;
    for (const dropper of this.#droppers) dropped += dropper(reason);
    this.record('drop_connections', `${dropped} connection(s)`);
    return dropped;
  }

  /** Silence one topic (e.g. "bbo.BTC-USD-PERP") until `resumeTopic` or for `frames` frames. */
  stallTopic(topic: string, frames = Number.POSITIVE_INFINITY): void {
    this.#stalled.set(topic, frames);
  }

  resumeTopic(topic: string): void {
    this.#stalled.delete(topic);
  }

  duplicateNext(topic: string, frames = 1): void {
    this.#duplicates.set(topic, (this.#duplicates.get(topic) ?? 0) + frames);
  }

  /** Swap the next frame of the topic with the one after it, `pairs` times. */
  reorderNext(topic: string, pairs = 1): void {
    this.#holds.set(topic, (this.#holds.get(topic) ?? 0) + pairs);
  }

  /** The next sequenced frame of the topic skips one sequence number. */
  sequenceGap(topic: string, gaps = 1): void {
    this.#gaps.set(topic, (this.#gaps.get(topic) ?? 0) + gaps);
  }

  /**
   * Decides the fate of one outgoing frame of `topic`. Called once per frame per topic (not per
   * subscriber), so a fault affects every subscriber of the topic alike.
   */
  frameAction(topic: string): FrameAction {
    const stalled = this.#stalled.get(topic);
    if (stalled !== undefined) {
      if (stalled <= 1) this.#stalled.delete(topic);
      else this.#stalled.set(topic, stalled - 1);
      this.record('stall', topic);
      return { kind: 'drop' };
    }
    if (this.#consume(this.#gaps, topic)) {
      this.record('sequence_gap', topic);
      return { kind: 'gap' };
    }
    if (this.#consume(this.#duplicates, topic)) {
      this.record('duplicate', topic);
      return { kind: 'duplicate' };
    }
    if (this.#consume(this.#holds, topic)) {
      this.record('reorder', topic);
      return { kind: 'hold' };
    }
    return { kind: 'pass' };
  }

  /** True while any WS fault is armed for the topic (lets a hot path skip the lookup). */
  hasFrameFaults(): boolean {
    return this.#stalled.size + this.#gaps.size + this.#duplicates.size + this.#holds.size > 0;
  }

  /** Disarm everything not yet fired. */
  clear(): void {
    this.#httpFaults.length = 0;
    this.#rateLimitRemaining = 0;
    this.#stalled.clear();
    this.#duplicates.clear();
    this.#holds.clear();
    this.#gaps.clear();
  }

  #consume(map: Map<string, number>, topic: string): boolean {
    const left = map.get(topic);
    if (left === undefined) return false;
    if (left <= 1) map.delete(topic);
    else map.set(topic, left - 1);
    return true;
  }
}

function matches(match: RequestMatcher, method: string, path: string): boolean {
  if (match.method !== undefined && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (match.path === undefined) return true;
  return typeof match.path === 'string' ? match.path === path : match.path.test(path);
}
