import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type StartedSandbox } from '../../src/sandbox/index.js';
import { list } from './helpers.js';

describe('sandbox list parameter validation', () => {
  let sb: StartedSandbox;
  before(async () => {
    sb = await startSandbox({ allocations: 30 });
  });
  after(() => sb.close());

  const bad: Array<[string, Record<string, string | string[]>, 'client' | 'partner']> = [
    ['bad uuid in allocationIds', { allocationIds: 'abc' }, 'client'],
    ['bad uuid among good ones', { connectionIds: '0c6d1e8a-2b3f-4c5d-9e6f-7a8b9c0d1e2f,zzz' }, 'client'],
    ['bad uuid in partnerIds', { partnerIds: '123' }, 'client'],
    ['bad uuid in clientIds (partner list)', { clientIds: 'not-a-uuid' }, 'partner'],
    ['unknown type', { types: 'withdrawal' }, 'client'],
    ['unknown status', { statuses: 'pending' }, 'client'],
    ['trailing empty item', { types: 'allocation,' }, 'client'],
    ['empty value', { statuses: '' }, 'client'],
    ['empty currency item', { currencies: 'ofctbtc,,ofcteth' }, 'client'],
    ['unknown trust org', { trustOrg: 'BitGo Mars' }, 'client'],
    ['bad createdOnOrAfter', { createdOnOrAfter: 'yesterday' }, 'client'],
    ['impossible date', { createdBefore: '2026-02-30T00:00:00Z' }, 'client'],
    ['bad hour', { createdBefore: '2026-02-01T25:00:00Z' }, 'client'],
    ['non-integer pageNumber', { pageNumber: '1.5' }, 'client'],
    ['negative pageNumber', { pageNumber: '-1' }, 'client'],
    ['pageSize 0', { pageSize: '0' }, 'client'],
    ['pageSize over 1000', { pageSize: '1001' }, 'client'],
    ['pageSize not a number', { pageSize: 'ten' }, 'partner'],
    ['pageSize twice', { pageSize: ['10', '20'] }, 'client'],
    ['unknown sortField', { sortField: 'createdAt' }, 'client'],
    ['lower-case sortDirection', { sortDirection: 'desc' }, 'client'],
  ];

  for (const [name, query, view] of bad) {
    it(`400: ${name}`, async () => {
      const r = await list(sb, query, view);
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(typeof r.body.error, 'string');
      assert.ok(r.body.error.length > 5);
    });
  }

  const good: Array<[string, Record<string, string | string[]>]> = [
    ['pageSize 1000', { pageSize: '1000' }],
    ['repeated list keys', { types: ['allocation', 'deallocation'] }],
    ['date only', { createdOnOrAfter: '2026-01-01' }],
    ['offset and fraction', { createdBefore: '2026-03-01T10:00:00.123456+02:00' }],
    ['upper-case uuid', { allocationIds: '0C6D1E8A-2B3F-4C5D-9E6F-7A8B9C0D1E2F' }],
    ['unknown parameters are ignored', { foo: 'bar' }],
  ];
  for (const [name, query] of good) {
    it(`200: ${name}`, async () => {
      assert.equal((await list(sb, query)).status, 200);
    });
  }
});
