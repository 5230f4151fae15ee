/**
 * Topic fan-out with the simulator's WebSocket faults. A topic is a stream name as the client
 * spells it ("btcusdt@depth@100ms", "btcusdt@aggTrade", or a listenKey for the user stream).
 *
 * For every outgoing frame of a topic that has subscribers, `faults.frameAction(topic)` is asked
 * once (not per subscriber) and applied: drop, duplicate, hold (sent after the next frame of the
 * topic: a reorder) or gap. The frame builder always runs, so stateful streams (depth U/u/pu)
 * advance even when the frame is lost, exactly as a client would experience a lost frame; a
 * builder handles `gap` itself (depth skips an update id) or returns undefined to lose the frame.
 */
import type { FaultInjector, FrameAction } from '../../../faults.js';

export interface StreamSubscriber {
  /** `data` is the JSON text of the payload; the subscriber wraps it for combined streams. */
  deliver(topic: string, data: string): void;
}

const PASS: FrameAction = { kind: 'pass' };

export class StreamHub {
  readonly #subscribers = new Map<string, Set<StreamSubscriber>>();
  readonly #held = new Map<string, string>();

  constructor(private readonly faults: FaultInjector) {}

  /** Adds a subscriber; true when it is the topic's first. */
  subscribe(topic: string, subscriber: StreamSubscriber): boolean {
    let set = this.#subscribers.get(topic);
    const first = set === undefined || set.size === 0;
    if (set === undefined) {
      set = new Set();
      this.#subscribers.set(topic, set);
    }
    set.add(subscriber);
    return first;
  }

  /** Removes a subscriber; true when the topic has none left. */
  unsubscribe(topic: string, subscriber: StreamSubscriber): boolean {
    const set = this.#subscribers.get(topic);
    if (set === undefined || !set.delete(subscriber)) return false;
    if (set.size > 0) return false;
    this.#subscribers.delete(topic);
    this.#held.delete(topic);
    return true;
  }

  hasSubscribers(topic: string): boolean {
    return (this.#subscribers.get(topic)?.size ?? 0) > 0;
  }

  /** Publishes one frame of `topic` (nothing happens without subscribers). */
  publish(topic: string, build: (action: FrameAction) => unknown): void {
    const subscribers = this.#subscribers.get(topic);
    if (subscribers === undefined || subscribers.size === 0) return;
    const action = this.faults.hasFrameFaults() ? this.faults.frameAction(topic) : PASS;
    const payload = build(action);
    if (payload === undefined || action.kind === 'drop') return;
    const data = JSON.stringify(payload);
    if (action.kind === 'hold') {
      const earlier = this.#held.get(topic);
      this.#held.set(topic, data);
      if (earlier !== undefined) this.#send(topic, subscribers, earlier);
      return;
    }
    this.#send(topic, subscribers, data);
    if (action.kind === 'duplicate') this.#send(topic, subscribers, data);
    const held = this.#held.get(topic);
    if (held !== undefined) {
      this.#held.delete(topic);
      this.#send(topic, subscribers, held);
    }
  }

  #send(topic: string, subscribers: ReadonlySet<StreamSubscriber>, data: string): void {
    for (const subscriber of [...subscribers]) subscriber.deliver(topic, data);
  }
}
