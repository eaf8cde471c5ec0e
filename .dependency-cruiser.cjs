/**
 * The house's layers, checked by test/architecture/layers.test.ts (and `npx depcruise src`).
 * Top to bottom; a module may import its own layer and the ones below it, never one above.
 */
const LAYERS = [
  // main.ts and the other programs at the top (migrate.main.ts, sandbox-reset.main.ts).
  ['main', '^src/(main|migrate\\.main|sandbox-reset\\.main)\\.ts$'],
  ['gateway', '^src/(gateway\\.ts$|assembly/)'],
  ['server', '^src/server/'],
  ['schema', '^src/schema/'],
  ['workflows', '^src/workflows/'],
  ['store', '^src/store/'],
  ['bitgo', '^src/bitgo/'],
  ['signing', '^src/signing/'],
  ['verification', '^src/verification/'],
  ['pagination', '^src/pagination/'],
  ['common', '^src/common/'],
];

/** For each layer, every layer above it: none of them may be imported from it. */
const upward = LAYERS.slice(1).map(([name, path], i) => ({
  name: `no-upward-import-from-${name}`,
  comment: `${name} is below ${LAYERS.slice(0, i + 1).map(([n]) => n).join(', ')}: it must not import them`,
  severity: 'error',
  from: { path },
  to: { path: LAYERS.slice(0, i + 1).map(([, p]) => p) },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'bitgo-and-signing-are-peers',
      comment: 'The REST client and the signers know nothing of each other',
      severity: 'error',
      from: { path: '^src/(bitgo|signing)/' },
      to: { path: '^src/(bitgo|signing)/', pathNot: '^src/$1/' },
    },
    {
      name: 'config-is-read-at-the-top',
      comment: 'Only the composition root (gateway.ts and its assemblies) and the programs at the top read the configuration; the layers get options',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/(main|migrate\\.main|sandbox-reset\\.main)\\.ts$', '^src/gateway\\.ts$', '^src/assembly/', '^src/config/'] },
      to: { path: '^src/config/' },
    },
    {
      name: 'sandbox-stands-alone',
      comment: 'The sandbox is a BitGo of its own: it imports nothing of the gateway',
      severity: 'error',
      from: { path: '^src/sandbox/' },
      to: { path: '^src/', pathNot: '^src/sandbox/' },
    },
    {
      name: 'only-the-top-starts-the-sandbox',
      comment: 'The gateway talks to the sandbox over HTTP like any BitGo; only main and the composition root know it exists',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/(main|migrate\\.main|sandbox-reset\\.main)\\.ts$', '^src/gateway\\.ts$', '^src/assembly/', '^src/sandbox/'] },
      to: { path: '^src/sandbox/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are imports too: a layer must not even name a type from above it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
