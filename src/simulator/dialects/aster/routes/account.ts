/**
 * Account routes (security SIGNED): balance, account, positionRisk, leverage, marginType,
 * position mode, userTrades, income (aster.md §4.1, §4.3). The engine margins every account
 * cross and one-way, so ISOLATED margin and hedge mode are refused with -1020.
 */
import { AsterErrors } from '../errors.js';
import { engineTradeSerial } from '../ids.js';
import { incomeRows, positionRows, renderAccount, renderBalance, renderPositionRisk, renderUserTrade, type IncomeType } from '../render/account.js';
import { quantize, mul } from '../../../../core/decimal.js';
import { limitParam, timeRange, type Route, type RouteRequest } from './types.js';

/** Aster's leverage range; the engine's market maximum may be lower (-4028 above it). */
const MAX_LEVERAGE = 125;
const INCOME_TYPES: readonly IncomeType[] = ['REALIZED_PNL', 'COMMISSION', 'FUNDING_FEE'];

function markets(r: RouteRequest) {
  const symbol = r.params.get('symbol');
  return symbol === undefined ? r.services.ctx.symbols.list : [r.services.ctx.symbols.require(symbol)];
}

export const accountRoutes: Record<string, Route> = {
  'GET balance': {
    security: 'SIGNED',
    weight: 5,
    handle: (r) => renderBalance(r.services.ctx.engine.accountSummary(r.account), r.family === 'v3'),
  },
  'GET account': {
    security: 'SIGNED',
    weight: 5,
    handle: (r) => {
      const { engine, symbols } = r.services.ctx;
      return renderAccount(engine.accountSummary(r.account), positionRows(engine, r.account, symbols.list));
    },
  },
  'GET positionRisk': {
    security: 'SIGNED',
    weight: 5,
    handle: (r) => renderPositionRisk(positionRows(r.services.ctx.engine, r.account, markets(r))),
  },
  'POST leverage': {
    security: 'SIGNED',
    weight: 1,
    handle: (r) => {
      const m = r.services.ctx.symbols.require(r.params.require('symbol'));
      const text = r.params.require('leverage');
      const leverage = Number(text);
      if (!/^\d{1,3}$/.test(text) || leverage < 1 || leverage > MAX_LEVERAGE) throw AsterErrors.invalidLeverage(text);
      const engine = r.services.ctx.engine;
      try {
        engine.setLeverage(r.account, m.engineId, leverage);
      } catch {
        throw AsterErrors.invalidLeverage(text);
      }
      r.services.userFeed.publishLeverage(r.account, m.symbol, leverage, r.now);
      const mark = engine.marketSummary(m.engineId).markPrice;
      return { leverage, maxNotionalValue: quantize(mul(m.config.positionLimit, mark), '1', 'floor'), symbol: m.symbol };
    },
  },
  'POST marginType': {
    security: 'SIGNED',
    weight: 1,
    handle: (r) => {
      r.services.ctx.symbols.require(r.params.require('symbol'));
      const type = r.params.require('marginType');
      if (type === 'CROSSED') throw AsterErrors.noNeedToChangeMarginType();
      if (type === 'ISOLATED') throw AsterErrors.unsupported();
      throw AsterErrors.invalidParam('marginType');
    },
  },
  'GET positionSide/dual': { security: 'SIGNED', weight: 30, handle: () => ({ dualSidePosition: false }) },
  'POST positionSide/dual': {
    security: 'SIGNED',
    weight: 1,
    handle: (r) => {
      const dual = r.params.bool('dualSidePosition');
      if (dual === undefined) throw AsterErrors.mandatory('dualSidePosition');
      if (!dual) throw AsterErrors.noNeedToChangePositionSide();
      throw AsterErrors.unsupported();
    },
  },
  'GET userTrades': {
    security: 'SIGNED',
    weight: 5,
    handle: (r) => {
      const m = r.services.ctx.symbols.require(r.params.require('symbol'));
      const { startTime, endTime } = timeRange(r.params);
      const fromId = r.params.int('fromId');
      if (fromId !== undefined && (startTime !== undefined || endTime !== undefined)) throw AsterErrors.invalidParam('fromId');
      const limit = limitParam(r.params, 500, 1000);
      let fills = r.services.ctx.engine.fills(r.account, { market: m.engineId }).filter((f) => !f.busted);
      if (fromId !== undefined) {
        const from = engineTradeSerial(fromId);
        fills = fills.filter((f) => Number(f.tradeId) >= from).slice(0, limit);
      } else {
        if (startTime !== undefined) fills = fills.filter((f) => f.createdAt >= startTime);
        if (endTime !== undefined) fills = fills.filter((f) => f.createdAt <= endTime);
        fills = startTime !== undefined ? fills.slice(0, limit) : fills.slice(-limit);
      }
      return fills.map((f) => renderUserTrade(m, f));
    },
  },
  'GET income': {
    security: 'SIGNED',
    weight: 30,
    handle: (r) => {
      const { engine } = r.services.ctx;
      const type = r.params.get('incomeType');
      if (type !== undefined && !INCOME_TYPES.includes(type as IncomeType) && type !== 'TRANSFER') throw AsterErrors.invalidParam('incomeType');
      const { startTime, endTime } = timeRange(r.params);
      const limit = limitParam(r.params, 100, 1000);
      const chosen = markets(r);
      const fills = chosen.flatMap((m) => engine.fills(r.account, { market: m.engineId }).map((f) => ({ ...f, symbol: m.symbol })));
      const payments = chosen.flatMap((m) => engine.fundingPayments(r.account, { market: m.engineId }).map((p) => ({ ...p, symbol: m.symbol })));
      let rows = incomeRows(fills, payments).filter((row) => type === undefined || row.incomeType === type);
      if (startTime !== undefined) rows = rows.filter((row) => row.time >= startTime);
      if (endTime !== undefined) rows = rows.filter((row) => row.time <= endTime);
      return startTime !== undefined ? rows.slice(0, limit) : rows.slice(-limit);
    },
  },
};
