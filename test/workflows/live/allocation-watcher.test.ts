import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { BitGoTransport } from '../../../src/bitgo/allocations.api.js';
import type { CallOptions, Endpoint } from '../../../src/bitgo/client.js';
import { BitGoError } from '../../../src/bitgo/errors.js';
import type { WireAllocation } from '../../../src/bitgo/wire.types.js';
import { AllocationWatcher } from '../../../src/workflows/live/allocation-watcher.js';
import { eventually } from '../../helpers/live.js';

/** Answers list calls from a script: an error, or the records asked for. */
class ScriptedLists implements BitGoTransport {
  readonly asked: string[][] = [];
  constructor(
    private readonly failures: number,
    private readonly records: Map<string, WireAllocation>,
  ) {}

  async get<T>(_endpoint: Endpoint, _path: string, query: unknown, _options: CallOptions): Promise<T> {
    const ids = (query as Record<string, string | undefined>).allocationIds?.split(',') ?? [];
    this.asked.push(ids);
    if (this.asked.length <= this.failures) throw new BitGoError({ kind: 'http', operation: 'GET list', status: 503, body: { error: 'unavailable' } });
    return { allocations: ids.map((id) => this.records.get(id)).filter((r) => r !== undefined) } as T;
  }

  async send<T>(): Promise<T> {
    throw new Error('the watcher sends nothing');
  }
}

function cleared(id: string): WireAllocation {
  const now = new Date().toISOString();
  return { id, amount: { currency: 'ofctbtc', quantity: '1' }, connectionId: randomUUID(), clientExternalId: 'x', initiatedBy: 'u', createdAt: now, updatedAt: now, retriable: false, reason: null, status: 'cleared', type: 'allocation' };
}

describe('the allocation watcher', () => {
  it('a read asked for now that fails for a passing reason (503) is asked again a tick later, with its cause', async () => {
    const id = randomUUID();
    const client = new ScriptedLists(1, new Map([[id, cleared(id)]]));
    const seen: Array<[string, string | undefined]> = [];
    const watcher = new AllocationWatcher({
      client,
      minMs: 50,
      maxMs: 400,
      idsPerCall: 100,
      recheckMs: 60_000,
      onRecords: (_group, records, sources) => {
        for (const r of records) seen.push([r.id, sources.get(r.id)]);
      },
      onRefused: () => assert.fail('a 503 is no refusal'),
      onFailed: () => undefined,
    });
    const who = {};
    watcher.join('g', { enterpriseId: randomUUID(), view: 'client' }, 'token');
    watcher.refresh('g', [id], 'WEBHOOK');
    await eventually(() => seen.length > 0, 'the record, on the second try', 5_000);
    assert.deepEqual(seen, [[id, 'WEBHOOK']]);
    assert.deepEqual(client.asked, [[id], [id]]);
    watcher.leave('g', who);
    watcher.close();
  });
});
