import type { PlaygroundAssets } from './assets.js';
import { ROOT_ELEMENT_ID, SETTINGS_ELEMENT_ID, type PlaygroundSettings } from './client.js';

/** Where the asset route serves the files the page references. */
export const ASSET_PREFIX = '/playground/assets/';

/**
 * Only the gateway's own origin. Styles may be inline because GraphiQL and CodeMirror set style
 * attributes; scripts may not (the bootstrap is a served file), and GraphiQL's fonts are data: URLs.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// JSON inside <script> must not be able to close the element: escape '<' (and the JS-hostile line separators).
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function renderPage(assets: PlaygroundAssets, settings: PlaygroundSettings): string {
  const src = (file: string) => `${ASSET_PREFIX}${file}`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <title>BitGo allocations gateway · GraphiQL</title>
  <link rel="stylesheet" href="${src(assets.graphiqlCss.file)}">
  <style>html, body, #${ROOT_ELEMENT_ID} { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="${ROOT_ELEMENT_ID}">Loading GraphiQL…</div>
  <script type="application/json" id="${SETTINGS_ELEMENT_ID}">${scriptSafeJson(settings)}</script>
  <script src="${src(assets.react.file)}"></script>
  <script src="${src(assets.reactDom.file)}"></script>
  <script src="${src(assets.graphiqlJs.file)}"></script>
  <script src="${src(assets.client.file)}"></script>
</body>
</html>
`;
}
