/**
 * Frame router: one WebSocket frame in, parsed payloads out to a sink, and the channel the frame
 * belonged to back to the socket (for the per-topic watchdog). Text frames are JSON-RPC (answers
 * and `subscription` notifications); binary frames are SBE public payloads, whose channel is not
 * on the wire and is recovered from the template and the market (paradex-sbe.md §1).
 *
 * Only channels registered with addChannel are routed: a late frame of an unsubscribed channel is
 * dropped. Public JSON frames are first offered to the one-pass scanner
 * (scan-public-frame.ts); what it declines is parsed by JSON.parse and the hand-checked public
 * parsers, which also report the errors. Private payloads and RPC answers
 * are parsed again with the lossless JSON reader, because their seq_no values exceed 2^53.
 */
import { DecodeError } from '../../../core/errors.js';
import type { BBO, FundingRate, Trade } from '../../../core/types.js';
import type { BookUpdate, MarketSummaryUpdate } from '../parse-ws-public.js';
import {
  bboFromSbe,
  bookUpdateFromSbe,
  fundingFromSbe,
  marketSummaryFromSbe,
  parseWsBbo,
  parseWsBookUpdate,
  parseWsFundingData,
  parseWsMarketSummary,
  parseWsTrade,
  tradeFromSbe,
} from '../parse-ws-public.js';
import { parseJsonLossless, redactSecrets } from '../rest/decode.js';
import type { ChannelInfo, ChannelKind } from './channels.js';
import type { RpcAnswer } from './rpc.js';
import { scanPublicFrame } from './scan-public-frame.js';
import { decodeParadexSbe } from './sbe/index.js';

export type PrivateKind = Exclude<ChannelKind, 'bbo' | 'trades' | 'order_book' | 'funding_data' | 'markets_summary'>;

export interface RouterSink {
  rpc(answer: RpcAnswer): void;
  bbo(bbo: BBO): void;
  trade(trade: Trade): void;
  book(channel: string, update: BookUpdate): void;
  funding(funding: FundingRate): void;
  summary(summary: MarketSummaryUpdate): void;
  /** `data` is the payload read losslessly (big integers as digit strings). */
  private(kind: PrivateKind, data: unknown): void;
  error(error: unknown): void;
}

interface JsonFrame {
  readonly method?: unknown;
  readonly id?: unknown;
  readonly params?: { readonly channel?: unknown; readonly data?: unknown };
}

export class ParadexRouter {
  private readonly kinds = new Map<string, ChannelKind>();
  /** SBE lookup: kind -> market ('' for bare channel names) -> subscribed channel. */
  private readonly sbeChannels = new Map<ChannelKind, Map<string, string>>();

  constructor(private readonly sink: RouterSink) {}

  addChannel(info: ChannelInfo): void {
    this.kinds.set(info.channel, info.kind);
    if (info.private) return;
    let byMarket = this.sbeChannels.get(info.kind);
    if (byMarket === undefined) {
      byMarket = new Map();
      this.sbeChannels.set(info.kind, byMarket);
    }
    byMarket.set(info.market ?? '', info.channel);
  }

  removeChannel(info: ChannelInfo): void {
    this.kinds.delete(info.channel);
    const byMarket = this.sbeChannels.get(info.kind);
    if (byMarket?.get(info.market ?? '') === info.channel) byMarket.delete(info.market ?? '');
  }

  /** Routes one frame; returns the channel it carried data for. Never throws (errors go to the sink). */
  handle(data: Buffer, isBinary: boolean): string | undefined {
    if (isBinary) return this.handleBinary(data);
    const scanned = scanPublicFrame(data, this.kinds);
    if (scanned === undefined) return this.handleText(data.toString('utf8'));
    try {
      switch (scanned.kind) {
        case 'bbo':
          this.sink.bbo(scanned.bbo);
          break;
        case 'trades':
          this.sink.trade(scanned.trade);
          break;
        case 'order_book':
          this.sink.book(scanned.channel, scanned.book);
          break;
        case 'funding_data':
          this.sink.funding(scanned.funding);
          break;
        case 'markets_summary':
          this.sink.summary(scanned.summary);
          break;
      }
    } catch (error) {
      this.sink.error(error);
    }
    return scanned.channel;
  }

  /** The general path for a text frame (everything the scanner declines). */
  handleText(text: string): string | undefined {
    let frame: JsonFrame;
    try {
      frame = JSON.parse(text) as JsonFrame;
    } catch {
      this.sink.error(new DecodeError('Paradex WS: a text frame is not JSON', redactSecrets(text), [], { exchange: 'paradex' }));
      return undefined;
    }
    if (typeof frame !== 'object' || frame === null) return undefined;
    if (frame.method === 'subscription') {
      const params = frame.params;
      const channel = params?.channel;
      if (typeof channel !== 'string') return undefined;
      const kind = this.kinds.get(channel);
      if (kind === undefined) return undefined;
      try {
        this.dispatchJson(kind, channel, params?.data, text);
      } catch (error) {
        this.sink.error(error);
      }
      return channel;
    }
    if (frame.id !== undefined) {
      try {
        this.sink.rpc(parseJsonLossless(text) as RpcAnswer);
      } catch (error) {
        this.sink.error(error);
      }
    }
    return undefined;
  }

  private dispatchJson(kind: ChannelKind, channel: string, data: unknown, text: string): void {
    switch (kind) {
      case 'bbo':
        this.sink.bbo(parseWsBbo(data));
        return;
      case 'trades':
        this.sink.trade(parseWsTrade(data));
        return;
      case 'order_book':
        this.sink.book(channel, parseWsBookUpdate(data));
        return;
      case 'funding_data':
        this.sink.funding(parseWsFundingData(data));
        return;
      case 'markets_summary':
        this.sink.summary(parseWsMarketSummary(data));
        return;
      default:
        this.sink.private(kind, (parseJsonLossless(text) as JsonFrame).params?.data);
    }
  }

  private handleBinary(bytes: Buffer): string | undefined {
    try {
      const message = decodeParadexSbe(bytes);
      switch (message.kind) {
        case 'bbo': {
          const channel = this.sbeChannels.get('bbo')?.get(message.data.market);
          if (channel !== undefined) this.sink.bbo(bboFromSbe(message.data));
          return channel;
        }
        case 'trade': {
          const channel = this.sbeChannel('trades', message.data.market);
          if (channel !== undefined) this.sink.trade(tradeFromSbe(message.data));
          return channel;
        }
        case 'book': {
          const channel = this.sbeChannels.get('order_book')?.get(message.data.market);
          if (channel !== undefined) this.sink.book(channel, bookUpdateFromSbe(message.data));
          return channel;
        }
        case 'funding_data': {
          const channel = this.sbeChannel('funding_data', message.data.market);
          if (channel !== undefined) this.sink.funding(fundingFromSbe(message.data));
          return channel;
        }
        case 'markets_summary': {
          const channel = this.sbeChannel('markets_summary', message.data.symbol);
          if (channel !== undefined) this.sink.summary(marketSummaryFromSbe(message.data));
          return channel;
        }
        default:
          // Heartbeats, reserved private templates, unknown templates: nothing to route.
          return undefined;
      }
    } catch (error) {
      this.sink.error(error);
      return undefined;
    }
  }

  /** A market's channel, or the all-markets one (`….ALL` or the bare name). */
  private sbeChannel(kind: ChannelKind, market: string): string | undefined {
    const byMarket = this.sbeChannels.get(kind);
    return byMarket === undefined ? undefined : (byMarket.get(market) ?? byMarket.get('ALL') ?? byMarket.get(''));
  }
}
