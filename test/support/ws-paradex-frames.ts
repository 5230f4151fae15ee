/**
 * Paradex public market data as the venue sends it, in both encodings from one description:
 * JSON `subscription` notifications (text) and SBE messages (binary, built with the simulator's
 * independent encoder). Tests feed both to the client and compare the domain events.
 */
import { encodeBboEvent, encodeBookEvent, encodeFundingDataEvent, encodeTradeEvent } from '../../src/simulator/dialects/paradex-sbe/index.js';

export type Encoding = 'json' | 'sbe';

export interface BboInput {
  market: string;
  seq: number;
  ts: number;
  bid?: string;
  bidSize?: string;
  ask?: string;
  askSize?: string;
}

export interface TradeInput {
  market: string;
  id: string;
  side: 'BUY' | 'SELL';
  price: string;
  size: string;
  ts: number;
}

export interface BookInput {
  market: string;
  seq: number;
  ts: number;
  type: 's' | 'd';
  /** Best first; size "0" removes the level (JSON: a delete). */
  bids: readonly (readonly [string, string])[];
  asks: readonly (readonly [string, string])[];
}

export interface FundingInput {
  market: string;
  rate: string;
  ts: number;
}

export const notification = (channel: string, data: unknown): string => JSON.stringify({ jsonrpc: '2.0', method: 'subscription', params: { channel, data } });

const us = (ms: number): bigint => BigInt(ms) * 1000n;

export function bboFrame(channel: string, input: BboInput, encoding: Encoding): string | Buffer {
  if (encoding === 'sbe') {
    return Buffer.from(
      encodeBboEvent(
        { ts: us(input.ts), seq: input.seq, bidPrice: input.bid, bidSize: input.bidSize, askPrice: input.ask, askSize: input.askSize, market: input.market },
        1,
      ),
    );
  }
  return notification(channel, {
    market: input.market,
    bid: input.bid ?? '',
    bid_size: input.bidSize ?? '',
    ask: input.ask ?? '',
    ask_size: input.askSize ?? '',
    last_updated_at: input.ts,
    seq_no: input.seq,
  });
}

export function tradeFrame(channel: string, input: TradeInput, encoding: Encoding): string | Buffer {
  if (encoding === 'sbe') {
    const low64 = BigInt.asIntN(64, BigInt(input.id));
    return Buffer.from(
      encodeTradeEvent(
        { ts: us(input.ts), seq: 0, tradeId: low64, side: input.side, price: input.price, size: input.size, createdAt: us(input.ts), tradeType: 'FILL', market: input.market, tradeIdStr: input.id },
        2,
      ),
    );
  }
  return notification(channel, { id: input.id, market: input.market, side: input.side, size: input.size, price: input.price, created_at: input.ts, trade_type: 'FILL' });
}

export function bookFrame(channel: string, input: BookInput, encoding: Encoding): string | Buffer {
  if (encoding === 'sbe') {
    return Buffer.from(
      encodeBookEvent({ ts: us(input.ts), seq: input.seq, pkgType: input.type === 's' ? 'SNAPSHOT' : 'DELTA', bids: input.bids, asks: input.asks, market: input.market }, 1),
    );
  }
  const entries = (levels: BookInput['bids'], side: 'BUY' | 'SELL') => levels.map(([price, size]) => ({ side, price, size }));
  const all = [...entries(input.bids, 'BUY'), ...entries(input.asks, 'SELL')];
  // JSON spells removals as deletes and everything else as inserts (the client treats inserts and updates alike).
  return notification(channel, {
    seq_no: input.seq,
    market: input.market,
    last_updated_at: input.ts,
    update_type: input.type,
    inserts: all.filter((e) => e.size !== '0'),
    updates: [],
    deletes: all.filter((e) => e.size === '0'),
  });
}

export function fundingFrame(channel: string, input: FundingInput, encoding: Encoding): string | Buffer {
  if (encoding === 'sbe') {
    return Buffer.from(
      encodeFundingDataEvent(
        {
          ts: us(input.ts),
          seq: 1,
          market: input.market,
          fundingIndex: '0',
          fundingPremium: '0',
          fundingRate: input.rate,
          fundingRate8h: input.rate,
          fundingPeriodHours: 8,
          createdAt: us(input.ts),
        },
        1,
      ),
    );
  }
  return notification(channel, { market: input.market, funding_rate: input.rate, funding_rate_8h: input.rate, funding_index: '0', funding_premium: '0', funding_period_hours: 8, created_at: input.ts });
}
