/**
 * Engine account state -> Paradex private payloads: fills (FillResult), positions (PositionResp),
 * the account summary (AccountSummaryResponse), balances (BalanceResp) and funding payments.
 * Field sets follow the recorded REST responses (GET /positions, /balance) and, where nothing was
 * recorded, the OpenAPI examples in test/fixtures/paradex.
 */
import { sub } from '../../../../core/decimal.js';
import type {
  EngineAccountSummary,
  EngineFill,
  EngineFundingPayment,
  EnginePosition,
} from '../../../engine/index.js';
import { fillIdToWire, orderIdToWire, toWireId, wireSeqNo } from '../ids.js';

export interface WireFill {
  readonly id: string;
  readonly account: string;
  readonly client_id: string;
  readonly created_at: number;
  readonly fee: string;
  readonly fee_currency: string;
  readonly fill_type: string;
  readonly flags: readonly string[];
  readonly liquidity: 'MAKER' | 'TAKER';
  readonly market: string;
  readonly order_id: string;
  readonly orderbook_seq_no: number;
  readonly price: string;
  readonly realized_funding: string;
  readonly realized_pnl: string;
  readonly remaining_size: string;
  readonly side: 'BUY' | 'SELL';
  readonly size: string;
  readonly underlying_price: string;
}

/** `underlyingPrice`: the index price when the fill happened, if the caller knows it ("" otherwise). */
export function fillToWire(fill: EngineFill, underlyingPrice = ''): WireFill {
  return {
    id: fillIdToWire(fill.id),
    account: fill.account,
    client_id: fill.clientId ?? '',
    created_at: fill.createdAt,
    fee: fill.fee,
    fee_currency: fill.feeAsset,
    fill_type: 'FILL',
    flags: [],
    liquidity: fill.liquidity,
    market: fill.market,
    order_id: orderIdToWire(fill.orderId),
    orderbook_seq_no: fill.bookSeq,
    price: fill.price,
    // The engine settles funding into collateral when it is paid, never through a fill.
    realized_funding: '0',
    realized_pnl: fill.realizedPnl,
    remaining_size: fill.remainingSize,
    side: fill.side,
    size: fill.size,
    underlying_price: underlyingPrice,
  };
}

export interface PositionWireOptions {
  /** The market's cumulative funding index now (`cached_funding_index`); default "0". */
  readonly fundingIndex?: string;
  /** Side to report for a flat (CLOSED) position: the side it had before closing; default LONG. */
  readonly closedSide?: 'LONG' | 'SHORT';
  /**
   * 'rest': the recorded GET /positions field set. 'ws': the `positions` channel's AsyncAPI field
   * set (realized_positional_* names, created_at/closed_at, average_exit_price) plus account,
   * leverage and liquidation_price.
   */
  readonly channel?: 'rest' | 'ws';
  /** For 'ws': when the position was opened / closed (ms); default its last update / 0. */
  readonly createdAt?: number;
  readonly closedAt?: number;
  /** For 'ws': average price of the reducing fills; default "0". */
  readonly averageExitPrice?: string;
}

export function positionToWire(position: EnginePosition, options: PositionWireOptions = {}): Record<string, unknown> {
  const open = position.side !== 'FLAT';
  const side = open ? position.side : (options.closedSide ?? 'LONG');
  const entry = open ? position.averageEntryPrice : '0';
  const common = {
    id: `${position.account}-${position.market}`,
    market: position.market,
    status: open ? 'OPEN' : 'CLOSED',
    side,
    size: position.size,
    average_entry_price: entry,
    average_entry_price_usd: entry,
    unrealized_pnl: position.unrealizedPnl,
    // Funding is settled into collateral as it is paid, so none is left unrealized.
    unrealized_funding_pnl: '0',
    cost: position.cost,
    cost_usd: position.cost,
    cached_funding_index: options.fundingIndex ?? '0',
    last_updated_at: position.updatedAt,
    last_fill_id: position.lastFillId === undefined ? '' : fillIdToWire(position.lastFillId),
    seq_no: wireSeqNo(position.updatedAt, position.seqNo),
  };
  if (options.channel === 'ws') {
    return {
      ...common,
      account: position.account,
      average_exit_price: options.averageExitPrice ?? '0',
      closed_at: open ? 0 : (options.closedAt ?? position.updatedAt),
      created_at: options.createdAt ?? position.updatedAt,
      leverage: position.leverage,
      liquidation_price: '',
      realized_positional_funding_pnl: position.fundingPnl,
      realized_positional_pnl: position.realizedPnl,
    };
  }
  return { ...common, realized_pnl: position.realizedPnl, liquidation_price: '' };
}

export interface WireAccountSummary {
  readonly account: string;
  readonly account_value: string;
  readonly free_collateral: string;
  readonly initial_margin_requirement: string;
  readonly last_seen_notification: number;
  readonly maintenance_margin_requirement: string;
  readonly margin_cushion: string;
  readonly seq_no: number;
  readonly settlement_asset: string;
  readonly status: string;
  readonly total_collateral: string;
  readonly updated_at: number;
}

export function accountSummaryToWire(summary: EngineAccountSummary): WireAccountSummary {
  return {
    account: summary.account,
    account_value: summary.accountValue,
    free_collateral: summary.freeCollateral,
    initial_margin_requirement: summary.initialMargin,
    last_seen_notification: 0,
    maintenance_margin_requirement: summary.maintenanceMargin,
    margin_cushion: sub(summary.accountValue, summary.maintenanceMargin),
    seq_no: wireSeqNo(summary.updatedAt, summary.seqNo),
    settlement_asset: summary.asset,
    // The engine never liquidates; an account under maintenance margin is what the venue would be liquidating.
    status: summary.marginStatus === 'BELOW_MAINTENANCE' ? 'LIQUIDATION' : 'ACTIVE',
    total_collateral: summary.collateral,
    updated_at: summary.updatedAt,
  };
}

export interface WireBalance {
  readonly token: string;
  readonly size: string;
  readonly last_updated_at: number;
}

/** The settlement token's cash balance: deposits plus realized PnL and funding, minus fees. */
export function balanceToWire(summary: EngineAccountSummary): WireBalance {
  return { token: summary.asset, size: summary.collateral, last_updated_at: summary.updatedAt };
}

export interface WireFundingPayment {
  readonly id: string;
  readonly account: string;
  readonly market: string;
  readonly payment: string;
  readonly index: string;
  readonly fill_id: string;
  readonly created_at: number;
}

/** `account` is in the OpenAPI schema (the documentation example has no value for it). */
export function fundingPaymentToWire(payment: EngineFundingPayment): WireFundingPayment {
  return {
    id: toWireId('funding_payment', payment.id),
    account: payment.account,
    market: payment.market,
    payment: payment.payment,
    index: payment.fundingIndex,
    // Funding is settled per position, not per fill; the venue's field has nothing to point at.
    fill_id: '',
    created_at: payment.createdAt,
  };
}
