/**
 * The consumer's subscriptions and the channels they hold. Channels are reference-counted: 'fills'
 * and 'tradebusts' share the tradebusts channel, two book subscriptions of one market share its
 * book channel, and a channel is unsubscribed only when nobody needs it any more.
 */
import type { ParadexSubscription } from './channels.js';
import { subscriptionKey } from './channels.js';

interface Entry {
  readonly subscription: ParadexSubscription;
  readonly channels: readonly string[];
}

export class SubscriptionRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly refs = new Map<string, number>();

  has(subscription: ParadexSubscription): boolean {
    return this.entries.has(subscriptionKey(subscription));
  }

  /** Registers the subscription; returns the channels nobody held before (undefined when already registered). */
  add(subscription: ParadexSubscription, channels: readonly string[]): string[] | undefined {
    const key = subscriptionKey(subscription);
    if (this.entries.has(key)) return undefined;
    this.entries.set(key, { subscription, channels });
    const fresh: string[] = [];
    for (const channel of channels) {
      const count = this.refs.get(channel) ?? 0;
      if (count === 0) fresh.push(channel);
      this.refs.set(channel, count + 1);
    }
    return fresh;
  }

  /** Forgets the subscription; returns the channels nobody holds any more. */
  remove(subscription: ParadexSubscription): string[] {
    const key = subscriptionKey(subscription);
    const entry = this.entries.get(key);
    if (entry === undefined) return [];
    this.entries.delete(key);
    const released: string[] = [];
    for (const channel of entry.channels) {
      const count = (this.refs.get(channel) ?? 1) - 1;
      if (count <= 0) {
        this.refs.delete(channel);
        released.push(channel);
      } else this.refs.set(channel, count);
    }
    return released;
  }

  channels(): string[] {
    return [...this.refs.keys()];
  }

  /** Levels per side to emit for a market's book: the largest depth asked for. */
  bookDepth(market: string, fallback: number): number {
    let depth = 0;
    for (const { subscription } of this.entries.values()) {
      if (subscription.channel === 'book' && subscription.market === market) depth = Math.max(depth, subscription.depth ?? fallback);
    }
    return depth === 0 ? fallback : depth;
  }

  /** Markets of the 'orders' or 'fills' subscriptions ('ALL' for the all-markets ones). */
  privateMarkets(channel: 'orders' | 'fills'): string[] {
    const markets: string[] = [];
    for (const { subscription } of this.entries.values()) {
      if (subscription.channel === channel) markets.push(subscription.market ?? 'ALL');
    }
    return markets;
  }

  wants(channel: 'positions' | 'account'): boolean {
    for (const { subscription } of this.entries.values()) if (subscription.channel === channel) return true;
    return false;
  }
}
