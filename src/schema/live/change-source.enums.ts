import { registerEnumType } from 'type-graphql';

// Values are the change feed's own names, so changes resolve without mapping.
export enum ChangeSource {
  MUTATION = 'MUTATION',
  RECONCILER = 'RECONCILER',
  PARTNER_UPDATE = 'PARTNER_UPDATE',
  WEBHOOK = 'WEBHOOK',
  POLL = 'POLL',
}

registerEnumType(ChangeSource, {
  name: 'ChangeSource',
  description: 'What brought a change: MUTATION (allocate or deallocate through a gateway), RECONCILER (a journaled request settled later), PARTNER_UPDATE (updateAllocation), WEBHOOK (a request BitGo sent to the partner), POLL (the gateway re-read a reserved allocation from BitGo).',
  valuesConfig: {
    MUTATION: { description: 'allocate or deallocate through a replica of this gateway.' },
    RECONCILER: { description: 'A journaled request whose outcome was unknown, settled by the reconciler.' },
    PARTNER_UPDATE: { description: 'A partner cleared or released it with updateAllocation.' },
    WEBHOOK: { description: 'BitGo told the partner (inbound reservation, clear or release).' },
    POLL: { description: 'The gateway re-read a RESERVED allocation from BitGo and found it changed: nobody here caused it.' },
  },
});
