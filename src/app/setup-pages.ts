// The pages after the registration button: GitHub sends the visitor back with a code, and the
// setup step shows either what to do next with the new App, or what went wrong and how to go on.
import type { RegisteredApp } from '../github/convert-manifest-code.ts';
import { findWebhookUrlProblem } from './app-manifest.ts';
import { type Html, html } from './html.ts';
import { DOCS, renderPage } from './page-layout.ts';

/** The App's settings page on GitHub: where its key, secret and webhook URL are changed. */
export function createAppSettingsUrl(webUrl: string, app: Pick<RegisteredApp, 'slug' | 'owner'>): string {
  const owner = app.owner?.isOrganization ? `/organizations/${encodeURIComponent(app.owner.login)}` : '';
  return `${webUrl}${owner}/settings/apps${app.slug === undefined ? '' : `/${encodeURIComponent(app.slug)}`}`;
}

export interface NextStepsInput {
  app: RegisteredApp;
  /** The file the credentials were written to. */
  savedTo: string;
  webhookUrl: string;
  webUrl: string;
}

export function renderNextStepsPage({ app, savedTo, webhookUrl, webUrl }: NextStepsInput): string {
  const saved = Object.entries(app.credentials)
    .filter(([, value]) => value !== undefined)
    .map(([name]) => name);
  const settingsUrl = createAppSettingsUrl(webUrl, app);
  const webhookWarning =
    findWebhookUrlProblem(webhookUrl) === undefined
      ? ''
      : html`<div class="callout warning" role="alert"><p><strong>Its webhook URL,
<code>${webhookUrl}</code>, does not reach this server.</strong> Change <strong>Webhook URL</strong> in the
<a href="${settingsUrl}">App's settings</a> to this server's public address followed by
<code>/api/github/webhooks</code>; until then GitHub sends the App's events nowhere.</p></div>`;
  return renderPage(
    `${app.name} is registered`,
    html`<header>
<p class="eyebrow">Gatehouse · setup</p>
<h1>${app.name} is registered on GitHub</h1>
<p class="lead">GitHub created the App <a href="${app.htmlUrl}">${app.name}</a> (App ID
<code>${app.id}</code>). Four steps remain before it gates a pull request.</p>
</header>
<section>
<h2>Saved</h2>
<p>Its credentials are in <code>${savedTo}</code>, readable by you only:
${saved.map((name, index) => html`${index === 0 ? '' : ', '}<code>${name}</code>`)}. The next
<code>npm start</code> reads them. Keep this file out of git: it holds the App's private key.</p>
${webhookWarning}
</section>
<section>
<h2>Next</h2>
<ol class="steps">
<li><strong class="step">Install the App on a repository.</strong>
<p>Choose the repositories Gatehouse may gate (one to start with).</p>
<p><a class="button" href="${app.htmlUrl}/installations/new">Install ${app.name}</a></p></li>
<li><strong class="step">Restart <code>npm start</code>.</strong>
<p>Stop this server (Ctrl+C) and start it again: it reads <code>.env</code>, runs the App and receives
webhooks at <code>/api/github/webhooks</code>. It refuses to start, with one line that says why, if
something in <code>.env</code> is wrong.</p></li>
<li><strong class="step">Add a policy.</strong>
<p>Commit <code>.github/gatehouse.yml</code> to the repository's default branch: which changes need
whose approval. Start from step 3 of the <a href="${DOCS.quickStart}">App quick start</a> in
<code>README.md</code>; every setting is in <a href="${DOCS.configuration}">docs/configuration.md</a>.
Without a policy the App does nothing in that repository.</p></li>
<li><strong class="step">Protect the default branch.</strong>
<p>Require the <code>gatehouse</code> check <em>from this App</em> (App ID <code>${app.id}</code>) in
a ruleset or branch protection rule, so that a decision binds: <a href="${DOCS.protectBranch}">Protect
the default branch</a> in <code>docs/app.md</code>.</p></li>
</ol>
</section>`,
  );
}

function renderErrorPage(title: string, problem: Html, steps: Html): string {
  return renderPage(
    title,
    html`<header>
<p class="eyebrow">Gatehouse · setup</p>
<h1>${title}</h1>
</header>
<section>
<div class="callout error" role="alert">${problem}</div>
<h2>What to do</h2>
${steps}
</section>`,
  );
}

/** `/probot/setup` opened without GitHub's code. */
export function renderMissingCodePage(): string {
  return renderErrorPage(
    'No registration to finish',
    html`<p>This address is where GitHub sends you back, with a one-time code, after you create the App.
It was opened without a code.</p>`,
    html`<p>Start from the <a href="/">registration page</a> of this server and press its button.</p>`,
  );
}

/**
 * The setup step was opened with a code this server did not ask for: a page elsewhere sent the
 * browser here with someone else's App (cross-site request forgery), or an old link was reused.
 */
export function renderForeignRegistrationPage(): string {
  return renderErrorPage(
    'This registration did not start here',
    html`<p>GitHub sends you back here after you press this server's Register button, with the state
that button carried. This address came without it, so its code may be for an App someone else
created. Nothing was asked of GitHub and nothing was written to <code>.env</code>.</p>`,
    html`<p>Start from the <a href="/">registration page</a> of this server and press its button.</p>`,
  );
}

export interface ConversionErrorInput {
  /** What went wrong, in one line. */
  reason: string;
  /** The list of the account's Apps on GitHub. */
  appsUrl: string;
}

/** GitHub did not turn the code into credentials (or could not be reached). */
export function renderConversionErrorPage({ reason, appsUrl }: ConversionErrorInput): string {
  return renderErrorPage(
    'GitHub did not hand over the App’s credentials',
    html`<p>This server asked GitHub for the new App's ID, private key and webhook secret, and got no
answer it could use: <code>${reason}</code>.</p>
<p>GitHub's code works once, within an hour. Nothing was written to <code>.env</code>.</p>`,
    html`<ol class="steps">
<li>Look in <a href="${appsUrl}">your GitHub Apps</a> whether GitHub created the App.</li>
<li>If it did not, go back to the <a href="/">registration page</a> and register again.</li>
<li>If it did, either delete it (its settings, <strong>Advanced</strong>) and register again, or keep
it and set its credentials by hand: its App ID, a private key from <strong>Generate a private
key</strong>, and a new webhook secret, in <code>.env</code> (<a href="${DOCS.registerByHand}">Register
the App by hand</a>).</li>
</ol>`,
  );
}

export interface SaveErrorInput {
  app: RegisteredApp;
  savedTo: string;
  reason: string;
  webUrl: string;
}

/** GitHub created the App, but its credentials could not be written. */
export function renderSaveErrorPage({ app, savedTo, reason, webUrl }: SaveErrorInput): string {
  const settingsUrl = createAppSettingsUrl(webUrl, app);
  return renderErrorPage(
    'The App was created, but its credentials were not saved',
    html`<p>GitHub created <a href="${app.htmlUrl}">${app.name}</a> (App ID <code>${app.id}</code>), but
writing its credentials to <code>${savedTo}</code> failed: <code>${reason}</code>.</p>
<p>GitHub hands the private key and webhook secret over once, so they cannot be fetched again.</p>`,
    html`<ol class="steps">
<li>Fix what stopped the write (the folder's or the file's permissions, usually).</li>
<li>In the <a href="${settingsUrl}">App's settings</a>, press <strong>Generate a private key</strong>
and set a new <strong>Webhook secret</strong> (for example from <code>openssl rand -hex 32</code>).</li>
<li>Write <code>APP_ID=${app.id}</code>, <code>PRIVATE_KEY_PATH</code> (the downloaded
<code>.pem</code> file) and <code>WEBHOOK_SECRET</code> (the secret you set) to <code>.env</code>, and
restart <code>npm start</code> (<a href="${DOCS.registerByHand}">Register the App by hand</a>).</li>
</ol>`,
  );
}

/** Anything else that failed while answering: the log has the details, the page has none. */
export function renderUnexpectedErrorPage(): string {
  return renderErrorPage(
    'Something went wrong',
    html`<p>This server could not answer the request. Its log says why.</p>`,
    html`<p>Go back to the <a href="/">registration page</a> and try again; if it happens again, look at
the output of <code>npm start</code>.</p>`,
  );
}

export function renderNotFoundPage(): string {
  return renderErrorPage(
    'Not found',
    html`<p>This server has no App yet, and only serves its registration page.</p>`,
    html`<p>Open the <a href="/">registration page</a>.</p>`,
  );
}
