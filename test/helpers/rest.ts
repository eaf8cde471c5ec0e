import type { WireAllocation, WireListQuery, WireView } from '../../src/bitgo/wire.types.js';
import { toSearchParams } from '../../src/bitgo/allocations.api.js';
import type { StartedSandbox } from '../../src/sandbox/index.js';

/** The whole ordered list straight from the sandbox's REST endpoint: the reference the gateway must reproduce. */
export async function restListAll(sandbox: Pick<StartedSandbox, 'url' | 'token' | 'enterpriseId'>, query: WireListQuery, view: WireView = 'client', enterpriseId = sandbox.enterpriseId): Promise<WireAllocation[]> {
  const out: WireAllocation[] = [];
  for (let pageNumber = 0; ; pageNumber++) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(toSearchParams({ ...query, pageNumber, pageSize: 1000 }))) if (v !== undefined) params.set(k, v);
    const res = await fetch(`${sandbox.url}/api/network/v1/enterprises/${enterpriseId}/${view === 'client' ? 'clients' : 'partners'}/allocations?${params}`, {
      headers: { authorization: `Bearer ${sandbox.token}` },
    });
    if (!res.ok) throw new Error(`reference list answered ${res.status}`);
    const { allocations } = (await res.json()) as { allocations: WireAllocation[] };
    out.push(...allocations);
    if (allocations.length < 1000) return out;
  }
}
