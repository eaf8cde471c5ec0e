/**
 * The playground's browser script. It runs in the page, not in Node: `startPlayground` is
 * type-checked here, and its compiled source is served as a file (`CLIENT_JS`) because the
 * page's Content-Security-Policy forbids inline scripts.
 */

/** What the page hands the script, as JSON in a `<script type="application/json">` (data, never executed). */
export interface PlaygroundSettings {
  /** Same-origin path of the GraphQL endpoint. */
  endpoint: string;
  /** JSON text of the header editor. */
  defaultHeaders: string;
  /** GraphiQL's `defaultTabs`: shown on a first visit, before GraphiQL has tabs in localStorage. */
  tabs: ReadonlyArray<{ query: string; variables?: string; headers: string }>;
}

export const SETTINGS_ELEMENT_ID = 'playground-settings';
export const ROOT_ELEMENT_ID = 'graphiql';

// Only for type checking: in the browser these are the globals the UMD bundles define.
declare const React: { createElement(type: unknown, props: Record<string, unknown>): unknown };
declare const ReactDOM: { createRoot(element: Element): { render(node: unknown): void } };
declare const GraphiQL: ((props: never) => unknown) & { createFetcher(options: { url: string; subscriptionUrl?: string }): unknown };

// Self-contained on purpose (no imports, no outer variables): only its source text reaches the browser.
function startPlayground(settingsId: string, rootId: string): void {
  const settingsElement = document.getElementById(settingsId);
  const rootElement = document.getElementById(rootId);
  if (!settingsElement || !rootElement) throw new Error('playground: the page lacks its settings or root element');
  const settings = JSON.parse(settingsElement.textContent ?? '{}') as PlaygroundSettings;
  // Subscriptions go over graphql-ws on the same path (GraphiQL's bundle carries the client); the header
  // editor's Authorization travels in connection_init.
  const socketUrl = new URL(settings.endpoint, window.location.href);
  socketUrl.protocol = socketUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  ReactDOM.createRoot(rootElement).render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: settings.endpoint, subscriptionUrl: socketUrl.href }),
      defaultHeaders: settings.defaultHeaders,
      defaultTabs: settings.tabs,
      // Opens the variables/headers pane; it shows the headers (the bearer token) when a tab has no variables.
      defaultEditorToolsVisibility: true,
      // Never write a token typed into the header editor to localStorage.
      shouldPersistHeaders: false,
    }),
  );
}

export const CLIENT_JS = `'use strict';
(${startPlayground.toString()})(${JSON.stringify(SETTINGS_ELEMENT_ID)}, ${JSON.stringify(ROOT_ELEMENT_ID)});
`;
