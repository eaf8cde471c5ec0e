import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CLIENT_JS } from './client.js';

/** One file the playground page loads, held in memory. */
export interface Asset {
  /** Content-hashed file name: its URL never serves other bytes, so browsers may cache it for good. */
  file: string;
  contentType: string;
  body: Buffer;
}

/** The playground's files, by role; `byFile` is what the asset route looks up. */
export interface PlaygroundAssets {
  react: Asset;
  reactDom: Asset;
  graphiqlJs: Asset;
  graphiqlCss: Asset;
  client: Asset;
  byFile: ReadonlyMap<string, Asset>;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

// The packages' `exports` maps hide their prebuilt browser bundles; their package.json is exported, so find the folder from it.
const require = createRequire(import.meta.url);
const packageDir = (name: string): string => dirname(require.resolve(`${name}/package.json`));

function asset(name: string, ext: 'js' | 'css', body: Buffer): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { file: `${name}.${hash}.${ext}`, contentType: ext === 'js' ? JS : CSS, body };
}

function fromPackage(pkg: string, path: string, name: string, ext: 'js' | 'css'): Asset {
  return asset(name, ext, readFileSync(join(packageDir(pkg), path)));
}

let cached: PlaygroundAssets | undefined;

/**
 * Reads GraphiQL's UMD bundle and React 18's UMD builds from node_modules (React 19 ships no UMD build),
 * once per process: no CDN, and no disk read per request.
 */
export function loadPlaygroundAssets(): PlaygroundAssets {
  if (cached) return cached;
  const react = fromPackage('react', 'umd/react.production.min.js', 'react', 'js');
  const reactDom = fromPackage('react-dom', 'umd/react-dom.production.min.js', 'react-dom', 'js');
  // graphiql.min.js is the UMD build: it expects the React and ReactDOM globals and defines GraphiQL.
  const graphiqlJs = fromPackage('graphiql', 'graphiql.min.js', 'graphiql', 'js');
  const graphiqlCss = fromPackage('graphiql', 'graphiql.min.css', 'graphiql', 'css');
  const client = asset('playground', 'js', Buffer.from(CLIENT_JS, 'utf8'));
  const all = [react, reactDom, graphiqlJs, graphiqlCss, client];
  cached = { react, reactDom, graphiqlJs, graphiqlCss, client, byFile: new Map(all.map((a) => [a.file, a])) };
  return cached;
}
