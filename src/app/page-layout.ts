// The frame of the App's own pages (registration, next steps, errors, status): one HTML document
// with its style sheet inline, no script, no external asset, readable in light and dark mode.
import { type Html, html, trustedHtml } from './html.ts';

/** Where the project's documentation is read online (a clone has the same files). */
export const PROJECT_URL = 'https://github.com/gatehouse/gatehouse';
export const DOCS = {
  quickStart: `${PROJECT_URL}#app-quick-start`,
  configuration: `${PROJECT_URL}/blob/main/docs/configuration.md`,
  registerByHand: `${PROJECT_URL}/blob/main/docs/app.md#register-the-app`,
  protectBranch: `${PROJECT_URL}/blob/main/docs/app.md#protect-the-default-branch`,
  environmentVariables: `${PROJECT_URL}/blob/main/docs/app.md#environment-variables`,
} as const;

const STYLE = trustedHtml(`
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #f6f8fa; --card: #ffffff;
  --border: #d1d9e0; --link: #0969da; --ok: #1f883d; --ok-hover: #1a7f37; --warn-bg: #fff8c5;
  --warn-border: #d4a72c; --err-bg: #ffebe9; --err-border: #ff8182; --code: rgba(129, 139, 152, 0.15); }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --card: #151b23; --border: #3d444d;
    --link: #4493f8; --ok: #238636; --ok-hover: #2ea043; --warn-bg: #2e2a12; --warn-border: #9e6a03;
    --err-bg: #30171a; --err-border: #da3633; --code: rgba(101, 108, 118, 0.3); }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
main { max-width: 54rem; margin: 0 auto; padding: 2.5rem 1.25rem 4rem; }
a { color: var(--link); }
header { margin-bottom: 1.5rem; }
.eyebrow { color: var(--muted); font-size: 0.8rem; font-weight: 600; letter-spacing: 0.08em;
  text-transform: uppercase; margin: 0; }
h1 { font-size: 2rem; line-height: 1.25; margin: 0.25rem 0 0.75rem; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin: 0 0 0.75rem; }
p { margin: 0 0 0.75rem; }
.lead { font-size: 1.1rem; }
section { background: var(--card); border: 1px solid var(--border); border-radius: 8px;
  padding: 1.25rem 1.5rem; margin: 1.25rem 0; }
section > :last-child { margin-bottom: 0; }
code { font: 0.875em/1.4 ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, monospace;
  background: var(--code); border-radius: 4px; padding: 0.1em 0.35em; overflow-wrap: anywhere; }
dl.facts { display: grid; grid-template-columns: 10rem 1fr; gap: 0.75rem 1.25rem; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; min-width: 0; }
.hint { display: block; color: var(--muted); font-size: 0.9rem; margin-top: 0.2rem; }
.callout { border: 1px solid; border-radius: 6px; padding: 0.75rem 1rem; margin: 0.75rem 0; }
.callout > :last-child { margin-bottom: 0; }
.warning { background: var(--warn-bg); border-color: var(--warn-border); }
.error { background: var(--err-bg); border-color: var(--err-border); }
table { width: 100%; border-collapse: collapse; }
td { overflow-wrap: anywhere; }
th, td { text-align: left; vertical-align: top; padding: 0.55rem 0.75rem 0.55rem 0; border-top: 1px solid var(--border); }
thead th { border-top: 0; color: var(--muted); font-size: 0.85rem; font-weight: 600; }
td:first-child { white-space: nowrap; }
.access { font-weight: 600; }
.button { display: inline-block; background: var(--ok); color: #ffffff; border: 1px solid rgba(31, 35, 40, 0.15);
  border-radius: 6px; padding: 0.65rem 1.25rem; font: 600 1rem/1.3 system-ui, -apple-system, "Segoe UI", sans-serif;
  text-decoration: none; cursor: pointer; }
.button:hover, .button:focus { background: var(--ok-hover); }
.button:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
ol.steps { padding-left: 1.5rem; margin: 0; }
ol.steps > li { margin: 0 0 1.1rem; padding-left: 0.25rem; }
ol.steps .step { display: block; font-size: 1.05rem; }
footer { color: var(--muted); font-size: 0.9rem; margin-top: 2rem; }
@media (max-width: 40rem) {
  main { padding: 1.5rem 0.75rem 3rem; }
  section { padding: 1rem; }
  dl.facts { grid-template-columns: 1fr; gap: 0.2rem; }
  dl.facts dd { margin-bottom: 0.6rem; }
  td:first-child { white-space: normal; }
}
`);

export function renderPage(title: string, body: Html): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`.text;
}
