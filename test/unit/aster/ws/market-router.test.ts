/** MarketRouter without a socket: routing by stream name, control frames, book snapshots and retries. */
import { describe, expect, it } from 'vitest';
import type { ExchangeEvent } from '../../../../src/core/exchange-client.js';
import type { WireDepth } from '../../../../src/exchanges/aster/rest/schemas/index.js';
import { MarketRouter, streamName } from '../../../../src/exchanges/aster/ws/market-router.js';
import { fixture } from '../support.js';

function setup(fetchDepth: (symbol: string) => Promise<WireDepth>) {
  const events: ExchangeEvent[] = [];
  const control: unknown[] = [];
  const scheduled: (() => void)[] = [];
  const router = new MarketRouter({
    emit: (e) => events.push(e),
    fetchDepth,
    timers: { setTimeout: (fn) => scheduled.push(fn), clearTimeout: () => undefined },
    now: () => 42,
    snapshotLimit: 1000,
    onControl: (m) => control.push(m),
  });
  return { router, events, control, scheduled };
}

const frame = (stream: string, data: unknown) => Buffer.from(JSON.stringify({ stream, data }));

describe('MarketRouter', () => {
  it('routes frames by stream name, ignores unrouted streams and hands control frames over', () => {
    const { router, events, control } = setup(() => Promise.reject(new Error('unused')));
    expect(router.add('bbo', 'BTCUSDT')).toBe('btcusdt@bookTicker');
    expect(streamName('funding', 'ETHUSDT')).toBe('ethusdt@markPrice@1s');
    expect(router.handleFrame(frame('btcusdt@bookTicker', fixture('ws_bookTicker.json')))).toBe('btcusdt@bookTicker');
    expect(router.handleFrame(frame('ethusdt@bookTicker', fixture('ws_bookTicker.json')))).toBe('ethusdt@bookTicker');
    expect(router.handleFrame('{"result":null,"id":7}')).toBeUndefined();
    expect(events.map((e) => e.type)).toEqual(['bbo']);
    expect(control).toEqual([{ result: null, id: 7 }]);
    router.remove('bbo', 'BTCUSDT');
    router.handleFrame(frame('btcusdt@bookTicker', fixture('ws_bookTicker.json')));
    expect(events).toHaveLength(1);
  });

  it('retries a failed snapshot after a pause and counts resyncs after the first sync', async () => {
    let calls = 0;
    const { router, events, scheduled } = setup(async () => {
      calls += 1;
      if (calls === 1) throw new Error('network');
      return { lastUpdateId: 10, bids: [['1.0', '1']], asks: [['2.0', '1']] };
    });
    router.add('book', 'BTCUSDT', 5);
    await router.resync('BTCUSDT', false);
    expect(events).toHaveLength(0);
    expect(scheduled).toHaveLength(1);
    scheduled[0]?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(events.at(-1)).toMatchObject({ type: 'book', book: { bids: [['1.0', '1']], seq: 10 } });
    const diff = (U: number, u: number, pu: number) => frame('btcusdt@depth@100ms', { e: 'depthUpdate', E: 1, T: 1, s: 'BTCUSDT', U, u, pu, b: [], a: [] });
    router.handleFrame(diff(9, 11, 8));
    router.handleFrame(diff(15, 16, 14));
    await new Promise((resolve) => setImmediate(resolve));
    expect(router.resyncCount('BTCUSDT')).toBe(1);
    expect(calls).toBe(3);
    // The new snapshot waits for a diff that straddles it before the book counts as synced.
    expect(router.book('BTCUSDT')).toBeUndefined();
    router.handleFrame(diff(9, 11, 8));
    expect(router.book('BTCUSDT')).toMatchObject({ seq: 11 });
  });
});
