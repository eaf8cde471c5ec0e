import type { Stack } from './stack.js';

export const CONNECTION_FIELDS = 'id name partnerId clientId active initialized partnersClientId partnersConnectionId nonce createdAt updatedAt';

export const CONNECT = `
  mutation Connect($input: ConnectInput!) {
    connect(input: $input) {
      clientRequestId
      connection { ${CONNECTION_FIELDS} }
      dryRun { payload partner { id name active connectionKeySchema } }
      userErrors { field message code }
    }
  }`;

export const UPDATE_CONNECTION = `
  mutation UpdateConnection($input: UpdateConnectionInput!) {
    updateConnection(input: $input) {
      connection { ${CONNECTION_FIELDS} }
      dryRun { connection { id active } releases { id type status amount { currency quantity } } moreReleases }
      userErrors { field message code }
    }
  }`;

export interface GqlConnection {
  id: string;
  name: string;
  partnerId: string;
  clientId: string;
  active: boolean;
  initialized: boolean;
  partnersClientId: string | null;
  partnersConnectionId: string | null;
  nonce: string;
  createdAt: string;
  updatedAt: string;
}

export interface ConnectAnswer {
  clientRequestId: string;
  connection: GqlConnection | null;
  dryRun: { payload: string; partner: { id: string; name: string; active: boolean; connectionKeySchema: string } } | null;
  userErrors: Array<{ field: string[] | null; message: string; code: string }>;
}

export interface UpdateAnswer {
  connection: GqlConnection | null;
  dryRun: { connection: { id: string; active: boolean }; releases: Array<{ id: string; type: string; status: string; amount: { currency: string; quantity: string } }>; moreReleases: boolean } | null;
  userErrors: Array<{ field: string[] | null; message: string; code: string }>;
}

type Gql = Pick<Stack, 'gql'>;

export async function connect(stack: Gql, input: Record<string, unknown>, headers?: Record<string, string>) {
  const res = await stack.gql<{ connect: ConnectAnswer }>(CONNECT, { input }, headers);
  return { ...res, payload: res.data?.connect };
}

export async function updateConnection(stack: Gql, input: Record<string, unknown>) {
  const res = await stack.gql<{ updateConnection: UpdateAnswer }>(UPDATE_CONNECTION, { input });
  return { ...res, payload: res.data?.updateConnection };
}

/** The demo partners' keys, one per schema, as connect takes them. */
export const KEYS = {
  helios: { apiKeyAndSecret: { apiKey: 'helios-key-1', apiSecret: 'helios-SECRET-never-shown' } },
  quanta: { clearloop: { apiKey: 'quanta-key', apiSecret: 'quanta-SECRET-never-shown', clientAccountId: 'acct-7', companyRegistrationNumber: 'HRB 1234' } },
  orbit: { tokenAndSignature: { connectionToken: 'orbit-TOKEN-never-shown', signature: 'orbit-SIGNATURE-never-shown' } },
  nimbus: (connectionToken: string) => ({ token: { connectionToken } }),
} as const;

/** Every secret value the keys above carry: none may reach a log, an answer or a clear journal column. */
export const SECRETS = ['helios-SECRET-never-shown', 'quanta-SECRET-never-shown', 'orbit-TOKEN-never-shown', 'orbit-SIGNATURE-never-shown'];
