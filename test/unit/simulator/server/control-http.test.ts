import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/core/clock.js';
import { SimulatorControl } from '../../../../src/simulator/control.js';
import { handleControlRequest } from '../../../../src/simulator/control-http.js';
import type { Dialect, SimRequest } from '../../../../src/simulator/dialect.js';
import { SimulatorEngine } from '../../../../src/simulator/engine/index.js';
import { FaultInjector } from '../../../../src/simulator/faults.js';

function setup() {
  const engine = new SimulatorEngine({ clock: new ManualClock(1_700_000_000_000), seed: 3, marketMaker: { enabled: false } });
  const faults = new FaultInjector(() => engine.now());
  let expired = 0;
  const dialect = { expireTokens: () => ++expired } as unknown as Dialect;
  return { engine, faults, control: new SimulatorControl(engine, faults, dialect) };
}

function request(method: string, name: string, body: unknown = undefined): SimRequest {
  return {
    method,
    path: `/_simulator/${name}`,
    rawQuery: '',
    query: new URLSearchParams(),
    headers: {},
    body: body === undefined ? '' : JSON.stringify(body),
    remoteAddress: '127.0.0.1',
  };
}

const parse = (body: string | undefined): Record<string, unknown> => JSON.parse(body ?? '{}') as Record<string, unknown>;

describe('simulator control over HTTP', () => {
  it('advances engine time', () => {
    const { control, engine } = setup();
    const before = engine.now();
    const response = handleControlRequest(control, request('POST', 'advance', { ms: 60_000 }));
    expect(response.status).toBe(200);
    expect(parse(response.body)['now']).toBe(before + 60_000);
  });

  it('sets and moves the mark price exactly to the tick', () => {
    const { control, engine } = setup();
    expect(handleControlRequest(control, request('POST', 'mark-price', { market: 'BTC-USD-PERP', price: '60000' })).status).toBe(200);
    expect(engine.marketSummary('BTC-USD-PERP').markPrice).toBe('60000');
    expect(handleControlRequest(control, request('POST', 'mark-price', { market: 'BTC-USD-PERP', percent: '-2.5' })).status).toBe(200);
    expect(engine.marketSummary('BTC-USD-PERP').markPrice).toBe('58500');
  });

  it('funds an existing account (faucet) and refuses an unknown one with a clear message', () => {
    const { control, engine } = setup();
    engine.createAccount('0xabc', { collateral: '100' });
    expect(handleControlRequest(control, request('POST', 'fund', { account: '0xabc', amount: '2500.5' })).status).toBe(200);
    expect(engine.accountSummary('0xabc').collateral).toBe('2600.5');
    const unknown = handleControlRequest(control, request('POST', 'fund', { account: '0xdef', amount: '1' }));
    expect(unknown.status).toBe(400);
    expect(parse(unknown.body)['message']).toContain('0xdef');
  });

  it('arms faults that then fire and are visible in the fault log', () => {
    const { control, faults } = setup();
    handleControlRequest(control, request('POST', 'faults/fail-next', { method: 'POST', path: '/v1/orders', status: 500, when: 'after' }));
    handleControlRequest(control, request('POST', 'faults/stall', { topic: 'bbo.BTC-USD-PERP', frames: 1 }));
    expect(faults.takeHttpFault('POST', '/v1/orders', 'after')).toEqual({ kind: 'status', status: 500 });
    expect(faults.frameAction('bbo.BTC-USD-PERP').kind).toBe('drop');
    const expired = handleControlRequest(control, request('POST', 'faults/expire-tokens'));
    expect(parse(expired.body)).toEqual({ expired: 1 });
    const log = parse(handleControlRequest(control, request('GET', 'faults')).body)['results'] as { fault: string }[];
    expect(log.map((entry) => entry.fault)).toEqual(['http_status', 'stall', 'expire_tokens']);
  });

  it('refuses bad input with 400 naming the field, and unknown routes with 404', () => {
    const { control } = setup();
    const bad = handleControlRequest(control, request('POST', 'advance', { ms: -5 }));
    expect(bad.status).toBe(400);
    expect(parse(bad.body)['message']).toBe('ms must be an integer >= 0');
    const when = handleControlRequest(control, request('POST', 'faults/fail-next', { status: 500, when: 'during' }));
    expect(parse(when.body)['message']).toBe('when must be "before" or "after"');
    expect(handleControlRequest(control, { ...request('POST', 'fund'), body: '{not json' }).status).toBe(400);
    expect(handleControlRequest(control, request('GET', 'nope')).status).toBe(404);
  });
});
