import { describe, expect, it } from 'vitest';
import { parseChannel } from '../../../../src/simulator/dialects/paradex/ws/channels.js';
import type { ChannelSpec } from '../../../../src/simulator/dialects/paradex/ws/channels.js';
import { SubscriptionRegistry } from '../../../../src/simulator/dialects/paradex/ws/registry.js';

const markets = new Set(['BTC-USD-PERP', 'ETH-USD-PERP']);
function spec(name: string): ChannelSpec {
  const parsed = parseChannel(name, markets);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.spec;
}
const names = (topics: Iterable<{ key: string }>): string[] => [...topics].map((t) => t.key).sort();

describe('SubscriptionRegistry', () => {
  it('shares one topic between the subscribers of a channel', () => {
    const registry = new SubscriptionRegistry<string>();
    const first = registry.add('a', spec('bbo.BTC-USD-PERP'));
    const second = registry.add('b', spec('bbo.BTC-USD-PERP'));
    expect(first.ok && first.created).toBe(true);
    expect(second.ok && second.created).toBe(false);
    expect(first.ok && second.ok && first.topic === second.topic).toBe(true);
    expect(registry.size).toBe(1);
    expect(first.ok && [...first.topic.subscribers]).toEqual(['a', 'b']);
  });

  it('refuses a second subscription of the same channel by the same subscriber', () => {
    const registry = new SubscriptionRegistry<string>();
    registry.add('a', spec('trades.ALL'));
    expect(registry.add('a', spec('trades.ALL'))).toEqual({ ok: false, reason: 'already subscribed' });
  });

  it('routes a market event to the market topic and the every-market topics', () => {
    const registry = new SubscriptionRegistry<string>();
    registry.add('a', spec('trades.BTC-USD-PERP'));
    registry.add('b', spec('trades.ALL'));
    registry.add('c', spec('trades.ETH-USD-PERP'));
    registry.add('d', spec('bbo.BTC-USD-PERP'));
    expect(names(registry.topicsFor('trades', 'BTC-USD-PERP'))).toEqual(['trades.ALL', 'trades.BTC-USD-PERP']);
    expect(names(registry.topicsFor('trades', 'ETH-USD-PERP'))).toEqual(['trades.ALL', 'trades.ETH-USD-PERP']);
    expect(registry.hasTopics('bbo', 'ETH-USD-PERP')).toBe(false);
    expect(registry.hasTopics('bbo', 'BTC-USD-PERP')).toBe(true);
  });

  it('treats the bare and ALL spellings as two channels routed alike', () => {
    const registry = new SubscriptionRegistry<string>();
    registry.add('a', spec('markets_summary'));
    registry.add('a', spec('markets_summary.ALL'));
    expect(names(registry.topicsFor('markets_summary', 'ETH-USD-PERP'))).toEqual(['markets_summary', 'markets_summary.ALL']);
  });

  it('keeps private topics per account', () => {
    const registry = new SubscriptionRegistry<string>();
    const a = registry.add('conn1', spec('orders.ALL'), '0xa');
    const b = registry.add('conn2', spec('orders.ALL'), '0xb');
    expect(a.ok && b.ok && a.topic !== b.topic).toBe(true);
    expect(names(registry.topicsFor('orders', 'BTC-USD-PERP', '0xa'))).toEqual(['orders.ALL#0xa']);
    expect([...registry.topicsFor('orders', 'BTC-USD-PERP', '0xc')]).toEqual([]);
    expect(registry.hasAccountTopics('0xa')).toBe(true);
    expect(registry.hasAccountTopics('0xc')).toBe(false);
    expect(() => registry.add('conn3', spec('positions'))).toThrow(/needs an account/);
  });

  it('removes a subscription and reports the emptied topic', () => {
    const registry = new SubscriptionRegistry<string>();
    registry.add('a', spec('bbo.BTC-USD-PERP'));
    registry.add('b', spec('bbo.BTC-USD-PERP'));
    const first = registry.remove('a', 'bbo.BTC-USD-PERP');
    expect(first.ok && first.emptied).toBe(false);
    expect(registry.remove('a', 'bbo.BTC-USD-PERP')).toEqual({ ok: false, reason: 'not subscribed' });
    const last = registry.remove('b', 'bbo.BTC-USD-PERP');
    expect(last.ok && last.emptied).toBe(true);
    expect(registry.size).toBe(0);
    expect(registry.hasTopics('bbo', 'BTC-USD-PERP')).toBe(false);
  });

  it('drops everything of a subscriber at once', () => {
    const registry = new SubscriptionRegistry<string>();
    registry.add('a', spec('bbo.BTC-USD-PERP'));
    registry.add('a', spec('account'), '0xa');
    registry.add('b', spec('bbo.BTC-USD-PERP'));
    expect(registry.channelsOf('a').sort()).toEqual(['account', 'bbo.BTC-USD-PERP']);
    const emptied = registry.removeAll('a');
    expect(names(emptied)).toEqual(['account#0xa']);
    expect(registry.channelsOf('a')).toEqual([]);
    expect(registry.hasAccountTopics('0xa')).toBe(false);
    expect(names(registry.topics())).toEqual(['bbo.BTC-USD-PERP']);
    expect(registry.removeAll('a')).toEqual([]);
  });
});
