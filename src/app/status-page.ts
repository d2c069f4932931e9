// What `/` shows once the App is registered and running: that it runs, and where webhooks go.
// Nothing about the App's identity or installations: the address may be public.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { html } from './html.ts';
import { renderPage } from './page-layout.ts';

export function renderStatusPage(webhookPath: string): string {
  return renderPage(
    'Gatehouse is running',
    html`<header>
<p class="eyebrow">Gatehouse</p>
<h1>Gatehouse is running</h1>
<p class="lead">This server is a registered GitHub App. GitHub sends its webhooks to
<code>${webhookPath}</code> on this server; <code>/ping</code> answers <code>PONG</code> for health
checks.</p>
</header>`,
  );
}

/** A Probot handler that answers `GET /` with the status page. */
export function createStatusHandler(
  webhookPath: string,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const page = renderStatusPage(webhookPath);
  return (req, res) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.url?.split('?')[0] !== '/') return false;
    res
      .writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        'x-content-type-options': 'nosniff',
      })
      .end(page);
    return true;
  };
}
