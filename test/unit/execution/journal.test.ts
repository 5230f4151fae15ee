import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ExecutionJournal } from '../../../src/execution/journal.js';
import { OrderTracker } from '../../../src/execution/order-tracker.js';
import { tempDir } from '../../support/execution-harness.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function newOrder(id: string) {
  const t = new OrderTracker();
  return t.create({ request: { market: 'BTC-USD-PERP', side: 'buy', type: 'market', size: '1', clientOrderId: id }, role: 'entry' });
}

describe('ExecutionJournal', () => {
  it('opens in WAL mode with synchronous FULL by default (NORMAL on request)', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const path = join(dir, 'nested', 'j.sqlite'); // the directory is created on open
    const j = ExecutionJournal.open({ path });
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(j.synchronous).toBe('FULL');
    j.close();
    expect(ExecutionJournal.open({ path, synchronous: 'NORMAL' }).synchronous).toBe('NORMAL');
  });

  it('an intent written before a crash is there after reopening, with its order', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const path = join(dir, 'j.sqlite');
    const first = ExecutionJournal.open({ path });
    const order = newOrder('fs-a');
    first.recordIntent('intent_place', order, { attempt: 1 }, 100);
    // no close(): the process "dies" here
    const second = ExecutionJournal.open({ path });
    expect(second.liveOrders().map((o) => o.clientOrderId)).toEqual(['fs-a']);
    expect(second.entries('fs-a')).toMatchObject([{ kind: 'intent_place', detail: { attempt: 1 }, at: 100 }]);
    second.close();
    first.close();
  });

  it('acknowledgements update the order; terminal orders leave the live set and can be pruned', () => {
    const j = ExecutionJournal.open({ path: ':memory:' });
    const order = newOrder('fs-b');
    j.recordIntent('intent_place', order, null, 1);
    j.recordOrder({ ...order, status: 'open', venueOrderId: '7' }, 2);
    expect(j.order('fs-b')?.venueOrderId).toBe('7');
    j.recordOrder({ ...order, status: 'filled', filledSize: '1' }, 3);
    expect(j.liveOrders()).toEqual([]);
    expect(j.entries('fs-b').map((e) => e.kind)).toEqual(['intent_place', 'ack', 'ack']);
    j.recordCancelAll('BTC-USD-PERP', 4);
    expect(j.entries().at(-1)?.kind).toBe('intent_cancel_all');
    expect(j.pruneTerminal(10)).toBe(1);
    expect(j.order('fs-b')).toBeUndefined();
    j.close();
  });

  it('keeps small state records', () => {
    const j = ExecutionJournal.open({ path: ':memory:' });
    expect(j.getState('x')).toBeUndefined();
    j.setState('x', { day: '2024-06-01', n: 1 });
    j.setState('x', { day: '2024-06-02', n: 2 });
    expect(j.getState('x')).toEqual({ day: '2024-06-02', n: 2 });
    j.close();
  });
});
