import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { benchEnv, readPage, relayPage } from './env.js';

/**
 * The floor: what any gateway on this machine spends at least for the bench's
 * list read. No framework, no GraphQL engine, no validation: read the body,
 * one upstream GET on a keep-alive undici Pool, parse, reshape, stringify,
 * write. `bench/what-if.sh floor` runs the list benchmark against it.
 * BENCH_BURN_PRE_MS / BENCH_BURN_POST_MS add busy CPU before or after the
 * upstream call, to find how much CPU per read the targets leave.
 */
const { origin, token, enterpriseId } = benchEnv();
const pool = new Pool(origin, { connections: 128, pipelining: 1 });
const burnPre = Number(process.env.BENCH_BURN_PRE_MS ?? 0);
const burnPost = Number(process.env.BENCH_BURN_POST_MS ?? 0);

function burn(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    void (async () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      burn(burnPre);
      const rows = await readPage(pool, enterpriseId, token, 25);
      burn(burnPost);
      const body = JSON.stringify({ data: { allocations: relayPage(rows, 25) } });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    })();
  });
});
server.listen(0, '127.0.0.1', () => console.log(`gateway ready at http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`));
process.on('SIGTERM', () => process.exit(0));
