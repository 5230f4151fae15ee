/**
 * Paper fills against simulator fills for the same market data. The Paradex simulator runs with a
 * fixed seed, its market maker on and its random walk off (so the market only changes when we
 * trade); a real ParadexClient trades on it over 127.0.0.1, and a PaperExchangeClient mirrors that
 * client's BBO into its own engine, whose market maker then quotes around the mirrored mid. The
 * same small market buy, then sell, goes through each, leg by leg at the same market state.
 *
 * What "agree" means: the paper engine does not copy the venue's book, only its mid (rounded to
 * the tick), and quotes its own spread around it. A market order smaller than the top level fills
 * at that book's best quote, i.e. mid ± spread/2 of its own book. So with s_sim and s_paper the two
 * books' top-of-book spreads (ask - bid, each at least one tick) and mids at most half a tick apart:
 *   |fill_sim - fill_paper| <= tick/2 + |s_sim - s_paper|/2 <= max(s_sim, s_paper)   (= tolerance)
 * and for the round trip, where the mids cancel (buy at mid + s/2, sell at mid - s/2, so the PnL is
 * about -s x size on each side):
 *   |pnl_sim - pnl_paper| <= |s_sim - s_paper| x size <= tolerance x size.
 * Sizes and sides must match exactly. With identical market-maker settings both books are in fact
 * the same and the fills equal; the tolerance is what the design promises, not what we observe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abs, add, compare, div, max, mul, sub, sum } from '../../../src/core/decimal.js';
import type { ExchangeClient } from '../../../src/core/exchange-client.js';
import { Secret } from '../../../src/core/secret.js';
import type { DecimalString, Fill, Side } from '../../../src/core/types.js';
import { ParadexClient } from '../../../src/exchanges/paradex/client.js';
import { PaperExchangeClient } from '../../../src/paper/paper-client.js';
import { startSimulator, type SimulatorHandle } from '../../../src/simulator/server.js';
import { waitUntil } from '../../support/execution-sim.js';

const ETH_KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const BTC = 'BTC-USD-PERP';
const SEED = 29;
/** Above the 500 USD minimum notional at ~67 000, below the 0.05 top level of the market maker. */
const SIZE = '0.01';

let sim: SimulatorHandle;
let venue: ParadexClient;
let paper: PaperExchangeClient;

beforeAll(async () => {
  sim = await startSimulator({
    exchange: 'paradex',
    port: 0,
    seed: SEED,
    initialBalance: '100000',
    engine: { marketMaker: { enabled: true }, priceProcess: { enabled: false } },
  });
  venue = new ParadexClient({ apiBaseUrl: sim.httpUrl, credentials: { kind: 'ethereum', ethPrivateKey: new Secret(ETH_KEY) }, rateLimitPerSec: 1_000 });
  await venue.connect();
  paper = new PaperExchangeClient({ marketData: venue, mirrorMarkets: [BTC], seed: SEED, collateral: '100000' });
  await paper.connect();
});

afterAll(async () => {
  await paper?.close();
  await venue?.close();
  await sim?.close();
});

interface Book {
  readonly bid: DecimalString;
  readonly ask: DecimalString;
  readonly spread: DecimalString;
}

async function topOfBook(client: ExchangeClient): Promise<Book> {
  const bbo = await client.getBBO(BTC);
  if (bbo.bid === undefined || bbo.ask === undefined) throw new Error(`${client.exchange} book is one-sided`);
  return { bid: bbo.bid, ask: bbo.ask, spread: sub(bbo.ask, bbo.bid) };
}

/** Brings the paper engine's mark to the venue's current mid, as the mirror would on its next BBO. */
async function mirrorNow(): Promise<void> {
  await paper.mirror!.poll();
}

interface Leg {
  readonly fills: readonly Fill[];
  readonly size: DecimalString;
  readonly notional: DecimalString;
  readonly fees: DecimalString;
  readonly averagePrice: DecimalString;
}

/** One market order, waited for until the venue closed it, with the fills it made. */
async function marketOrder(client: ExchangeClient, side: Side): Promise<Leg> {
  const placed = await client.placeOrder({ market: BTC, side, type: 'market', size: SIZE });
  const done = await waitUntil(
    () => client.getOrder({ id: placed.id, market: BTC }),
    (o) => o !== undefined && ['filled', 'canceled', 'rejected', 'expired'].includes(o.status),
    `${client.exchange} market ${side} to close`,
  );
  expect(done?.status).toBe('filled');
  const fills = await waitUntil(
    async () => (await client.getFills({ market: BTC })).filter((f) => f.orderId === placed.id),
    (found) => compare(sum(found.map((f) => f.size)), SIZE) === 0,
    `${client.exchange} fills of the market ${side}`,
  );
  const size = sum(fills.map((f) => f.size));
  const notional = sum(fills.map((f) => mul(f.price, f.size)));
  return { fills, size, notional, fees: sum(fills.map((f) => f.fee)), averagePrice: div(notional, size, 8) };
}

/** Realized PnL of a buy-then-sell round trip from its fills: proceeds - cost - fees. */
function roundTripPnl(buy: Leg, sell: Leg): DecimalString {
  return sub(sub(sell.notional, buy.notional), add(buy.fees, sell.fees));
}

describe('paper fills vs simulator fills for the same market data', () => {
  it('a market buy then sell fill at the same sizes and sides, prices within one spread, PnL within spread x size', async () => {
    const account = venue.account ?? '';
    const legs: Record<'venue' | 'paper', Leg[]> = { venue: [], paper: [] };
    let tolerance = '0';

    for (const side of ['buy', 'sell'] as const) {
      // Same market state for both legs: the paper mark follows the venue's mid right now.
      await mirrorNow();
      const venueBook = await topOfBook(venue);
      const paperBook = await topOfBook(paper);
      expect(compare(venueBook.spread, '0')).toBe(1);
      expect(compare(paperBook.spread, '0')).toBe(1);
      tolerance = max(tolerance, max(venueBook.spread, paperBook.spread));

      const onVenue = await marketOrder(venue, side);
      const onPaper = await marketOrder(paper, side);
      legs.venue.push(onVenue);
      legs.paper.push(onPaper);

      expect(onVenue.size).toBe(SIZE);
      expect(onPaper.size).toBe(SIZE);
      expect(onVenue.fills.every((f) => f.side === side)).toBe(true);
      expect(onPaper.fills.every((f) => f.side === side)).toBe(true);
      // Each took its own book's best quote on the aggressive side...
      expect(compare(onVenue.averagePrice, side === 'buy' ? venueBook.ask : venueBook.bid)).toBe(0);
      expect(compare(onPaper.averagePrice, side === 'buy' ? paperBook.ask : paperBook.bid)).toBe(0);
      // ...and the two prices are within one spread of each other (see the header).
      expect(compare(abs(sub(onVenue.averagePrice, onPaper.averagePrice)), tolerance)).toBeLessThanOrEqual(0);
    }

    const [venueBuy, venueSell] = legs.venue as [Leg, Leg];
    const [paperBuy, paperSell] = legs.paper as [Leg, Leg];
    const venuePnl = roundTripPnl(venueBuy, venueSell);
    const paperPnl = roundTripPnl(paperBuy, paperSell);
    expect(compare(abs(sub(venuePnl, paperPnl)), mul(tolerance, SIZE))).toBeLessThanOrEqual(0);

    // Both accounts are flat again and each engine booked the same realized PnL its fills imply
    // (fees are excluded there and are zero on both engines by default).
    const venuePosition = sim.engine.position(account, BTC);
    const paperPosition = paper.engine.position(paper.account, BTC);
    expect(venuePosition.side).toBe('FLAT');
    expect(paperPosition.side).toBe('FLAT');
    expect(compare(venuePosition.realizedPnl, sub(venueSell.notional, venueBuy.notional))).toBe(0);
    expect(compare(paperPosition.realizedPnl, sub(paperSell.notional, paperBuy.notional))).toBe(0);
  });
});
