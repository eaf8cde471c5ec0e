import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { buildGatewaySchema, printGatewaySchema } from '../src/schema/build-schema.js';

// `npm run schema`: writes the committed subgraph SDL; a test fails when it is stale.
const sdl = printGatewaySchema(await buildGatewaySchema());
const target = new URL('../../schema.graphql', import.meta.url);
writeFileSync(target, sdl);
process.stdout.write(`wrote ${target.pathname} (${sdl.length} bytes)\n`);
