import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startStack, type Stack } from '../../helpers/stack.js';

/** Debian's chromium; .ci/run installs it. Playwright's own browser downloads are not reachable here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags chromium's own connections are refused in the sandboxed network.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// dist/test/playground/ → the repository root's test-artifacts/ (gitignored).
const ARTIFACTS = fileURLToPath(new URL('../../../../test-artifacts/', import.meta.url));
const SCREENSHOT = `${ARTIFACTS}playground.png`;

interface ListResult {
  data?: { allocations: { edges: Array<{ cursor: string; node: { id: string; status: string } }>; pageInfo: { endCursor: string | null } } };
  errors?: unknown[];
}

describe('playground in a real browser', { timeout: 60_000 }, () => {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('runs the first example offline and shows allocations', async () => {
    // Fail, not skip: a missing browser must not pass CI silently. (Checked in the test, not a hook,
    // so the runner counts a failed test rather than a cancelled one.)
    assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium" (as .ci/run does) or set CHROMIUM_PATH`);
    stack = await startStack({ listen: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const origin = new URL(stack.url).origin;
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const blocked: string[] = [];
    // Everything but the gateway is "the internet": aborted and recorded.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      blocked.push(url);
      return route.abort('internetdisconnected');
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });

    await page.goto(`${origin}/`);
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 20_000 });
    // The first tab (filters and paging) is open; its query is in the editor.
    await page.locator('.graphiql-query-editor').getByText('ClearedAllocationsByQuantity').first().waitFor();
    await page.locator('.graphiql-execute-button').click();

    const result = page.locator('.result-window');
    await result.getByText('"allocations"').waitFor({ timeout: 20_000 });
    await result.getByText('"id"').first().waitFor();
    // CodeMirror renders only the lines in view: read the whole response from the editor instance.
    const text = await page.evaluate(() => {
      const editor = document.querySelector('.result-window .CodeMirror') as (Element & { CodeMirror?: { getValue(): string } }) | null;
      return editor?.CodeMirror?.getValue() ?? '';
    });
    const response = JSON.parse(text) as ListResult;
    assert.equal(response.errors, undefined, text);
    const edges = response.data?.allocations.edges ?? [];
    assert.equal(edges.length, 10);
    assert.ok(edges.every((e) => e.node.status === 'CLEARED' && e.node.id && e.cursor));
    assert.ok(response.data?.allocations.pageInfo.endCursor);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    await context.close();

    assert.deepEqual(blocked, [], 'the page asked for something outside the gateway');
    assert.deepEqual(problems, [], 'errors in the page (a CSP violation shows here too)');
  });

  it('live example: allocate to Nimbus in one window, watch RESERVED then CLEARED arrive in another (graphql-ws, offline)', async () => {
    assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}`);
    stack ??= await startStack({ listen: true });
    browser ??= await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const origin = new URL(stack.url).origin;
    const blocked: string[] = [];
    const problems: string[] = [];
    // Two windows that share nothing (GraphiQL keeps its tabs in localStorage).
    const open = async () => {
      const context = await browser!.newContext({ viewport: { width: 1440, height: 900 } });
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (new URL(url).origin === origin) return route.continue();
        blocked.push(url);
        return route.abort('internetdisconnected');
      });
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      await page.goto(`${origin}/`);
      await page.locator('.graphiql-execute-button').waitFor({ timeout: 20_000 });
      return { context, page };
    };
    const open_ = async (page: Page, tab: string) => {
      await page.locator('.graphiql-tab', { hasText: tab }).first().click();
      await page.locator('.graphiql-query-editor').getByText(tab).first().waitFor();
      // GraphiQL settles the tab's operation name a moment after its text is shown.
      await page.waitForTimeout(500);
    };
    const run = async (page: Page, tab: string) => {
      await open_(page, tab);
      await page.locator('.graphiql-execute-button').click();
    };
    const result = (page: Page) =>
      page.evaluate(() => {
        const editor = document.querySelector('.result-window .CodeMirror') as (Element & { CodeMirror?: { getValue(): string } }) | null;
        return editor?.CodeMirror?.getValue() ?? '';
      });
    const resultMatching = async (page: Page, pattern: RegExp) => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const text = await result(page);
        if (pattern.test(text)) return text;
        if (Date.now() > deadline) throw new Error(`the result never matched ${pattern}: ${text}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };

    const watcher = await open();
    const actor = await open();
    await run(watcher.page, 'WatchNimbus');
    const live = stack.gateway.workflows.live;
    const deadline = Date.now() + 20_000;
    while (live.stats().subscriptions !== 1 || live.stats().opening !== 0) {
      assert.ok(Date.now() < deadline, 'the playground never opened its subscription');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    await run(actor.page, 'AllocateToNimbus');
    const allocated = JSON.parse(await resultMatching(actor.page, /"allocate"/)) as { data: { allocate: { allocation: { id: string; status: string } } } };
    const { id, status } = allocated.data.allocate.allocation;
    assert.equal(status, 'RESERVED');
    const reserved = JSON.parse(await resultMatching(watcher.page, /RESERVED/)) as { data: { allocationChanged: { source: string; allocation: { id: string } } } };
    assert.equal(reserved.data.allocationChanged.allocation.id, id);
    assert.equal(reserved.data.allocationChanged.source, 'MUTATION');

    // The partner clears it from the ClearReservedAllocation tab, with this allocation's id in its variables.
    await open_(actor.page, 'ClearReservedAllocation');
    await actor.page.evaluate((allocationId) => {
      for (const element of Array.from(document.querySelectorAll('.graphiql-editor-tool .CodeMirror'))) {
        const editor = (element as Element & { CodeMirror?: { getValue(): string; setValue(v: string): void } }).CodeMirror;
        if (editor?.getValue().includes('id-of-a-reserved-allocation')) editor.setValue(editor.getValue().replace('id-of-a-reserved-allocation', allocationId));
      }
    }, id);
    await actor.page.locator('.graphiql-execute-button').click();
    await resultMatching(actor.page, /"CLEARED"/);
    const cleared = JSON.parse(await resultMatching(watcher.page, /CLEARED/)) as { data: { allocationChanged: { source: string; previousStatus: string; allocation: { id: string } } } };
    assert.equal(cleared.data.allocationChanged.allocation.id, id);
    assert.equal(cleared.data.allocationChanged.previousStatus, 'RESERVED');

    mkdirSync(ARTIFACTS, { recursive: true });
    await watcher.page.screenshot({ path: `${ARTIFACTS}playground-live.png` });
    await watcher.context.close();
    await actor.context.close();
    assert.deepEqual(blocked, [], 'a page asked for something outside the gateway');
    assert.deepEqual(problems, [], 'errors in a page (a CSP violation shows here too)');
  });
});
