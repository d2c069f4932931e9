// The page `npm start` serves before the App is registered: what Gatehouse does, what it will ask
// GitHub for and why, where the App will be created, and the button that sends app.yml to GitHub's
// "create a GitHub App from a manifest" flow.
import {
  type AppYml,
  findWebhookUrlProblem,
  readWebhookUrl,
  type WebhookUrlProblem,
} from './app-manifest.ts';
import { type Html, html } from './html.ts';
import { EVENT_REASONS, PERMISSION_REASONS } from './manifest-reasons.ts';
import { DOCS, renderPage } from './page-layout.ts';

export interface RegistrationPageInput {
  appYml: AppYml;
  /** The unguessable `state` GitHub hands back to the setup step, so only this page's button finishes. */
  state: string;
  /** The manifest the button posts, app.yml with this server's setup step as `redirect_url`. */
  manifest: Record<string, unknown>;
  /** Where app.yml is, for the fix of a placeholder webhook URL. */
  appYmlPath: string;
  /** `https://github.com`, or the Enterprise Server's address. */
  webUrl: string;
  enterpriseHost: string | undefined;
  organization: string | undefined;
}

/** `https://<host>/settings/apps/new`, or the organisation's, as Probot's registration page posted to. */
export function createAppUrl(webUrl: string, organization: string | undefined, state: string): string {
  const owner = organization === undefined ? '' : `/organizations/${encodeURIComponent(organization)}`;
  return `${webUrl}${owner}/settings/apps/new?state=${encodeURIComponent(state)}`;
}

/** What README's opening says, for someone who has just cloned it. */
const WHAT_IT_DOES = html`
<p class="lead">Gatehouse is an approval gate for GitHub that people and AI agents ship through.
It reads a risk policy from your repository, decides which pull requests and deployments may go ahead
on their own and which wait for a person, asks the right people with one clear approval request, and
opens the gate on <code>/approve</code> (or an approving review) from someone allowed to give it.</p>
<p>Every decision is recorded as a commit where an auditor can find it. This server has no App yet
(no <code>APP_ID</code>): this page registers one on GitHub from <code>app.yml</code>. Nothing is sent
to GitHub until you press the button at the bottom.</p>`;

/** `pull_requests` → `Pull requests`. */
function formatPermission(permission: string): string {
  const words = permission.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function renderNoReason(kind: string): Html {
  return html`<em>No reason given: Gatehouse does not ask for this ${kind}; it was added to app.yml.</em>`;
}

function renderWebhookProblem(problem: WebhookUrlProblem, appYmlPath: string): Html {
  const fix = html`Set <code>hook_attributes.url</code> in <code>${appYmlPath}</code> to this server's public
address followed by <code>/api/github/webhooks</code> (for example
<code>https://gatehouse.acme.com/api/github/webhooks</code>), then restart <code>npm start</code> and
reload this page.`;
  const later = html`You can also register now and change the <strong>Webhook URL</strong> in the App's
settings on GitHub afterwards.`;
  const lead = {
    placeholder: html`<strong>This is app.yml's placeholder, not your server.</strong> GitHub would send
the App's events to a host that is not yours, and no gate would ever run.`,
    local: html`<strong>GitHub cannot reach this address:</strong> it names this machine. For development,
create a <a href="https://smee.io">smee.io</a> channel, put its URL here and in
<code>WEBHOOK_PROXY_URL</code>.`,
    'not-a-url': html`<strong>This is not an http(s) URL:</strong> GitHub will refuse the manifest.`,
  }[problem];
  return html`<div class="callout warning" role="alert"><p>${lead}</p><p>${fix} ${later}</p></div>`;
}

function renderWhere(input: RegistrationPageInput): Html {
  const { appYml, manifest, enterpriseHost, organization } = input;
  const webhookUrl = readWebhookUrl(manifest);
  const problem = findWebhookUrlProblem(webhookUrl);
  const host =
    enterpriseHost === undefined
      ? html`github.com<span class="hint">Set <code>GHE_HOST</code> to create it on a GitHub Enterprise
Server instead.</span>`
      : html`GitHub Enterprise Server at <code>${enterpriseHost}</code> (<code>GHE_HOST</code>)`;
  const owner =
    organization === undefined
      ? html`Your personal account: whoever is signed in to GitHub in this browser.<span class="hint">To
create it for an organisation, set <code>GH_ORG=&lt;organisation&gt;</code> and restart
<code>npm start</code>; you must be an owner or App manager of that organisation.</span>`
      : html`The organisation <code>${organization}</code> (<code>GH_ORG</code>)<span class="hint">You
must be an owner or App manager of <code>${organization}</code>. Unset <code>GH_ORG</code> to create it
for your personal account.</span>`;
  const visibility =
    manifest.public === true
      ? 'Public: any account can install it.'
      : 'Private: only the account that owns it can install it.';
  return html`<section>
<h2>Where the App will be created</h2>
<dl class="facts">
<dt>On</dt><dd>${host}</dd>
<dt>For</dt><dd>${owner}</dd>
<dt>Name</dt><dd>${appYml.name}<span class="hint">From <code>app.yml</code>. Names are unique on GitHub:
GitHub lets you change it before you confirm.</span></dd>
${appYml.description === undefined ? '' : html`<dt>Description</dt><dd>${appYml.description}</dd>`}
<dt>Webhook URL</dt><dd><code>${webhookUrl}</code><span class="hint">Where GitHub will send the App's
events (<code>hook_attributes.url</code> in <code>app.yml</code>).</span>
${problem === undefined ? '' : renderWebhookProblem(problem, input.appYmlPath)}</dd>
<dt>Visibility</dt><dd>${visibility}</dd>
</dl>
</section>`;
}

function renderPermissions(appYml: AppYml): Html {
  const rows = appYml.permissions.map(
    ([
      permission,
      access,
    ]) => html`<tr><td>${formatPermission(permission)} <span class="hint"><code>${permission}</code></span></td>
<td class="access">${access}</td><td>${PERMISSION_REASONS[permission] ?? renderNoReason('permission')}</td></tr>
`,
  );
  return html`<section>
<h2>The permissions it will ask for</h2>
<p>Repository and organisation permissions from <code>app.yml</code>, each for one reason. Whoever
installs the App grants them, on the repositories they choose.</p>
<table><thead><tr><th scope="col">Permission</th><th scope="col">Access</th><th scope="col">Why</th></tr></thead>
<tbody>
${rows}</tbody></table>
</section>`;
}

function renderEvents(appYml: AppYml): Html {
  const rows = appYml.events.map(
    (
      event,
    ) => html`<tr><td><code>${event}</code></td><td>${EVENT_REASONS[event] ?? renderNoReason('event')}</td></tr>
`,
  );
  return html`<section>
<h2>The events it will receive</h2>
<table><thead><tr><th scope="col">Event</th><th scope="col">Why</th></tr></thead>
<tbody>
${rows}</tbody></table>
</section>`;
}

function renderRegister(input: RegistrationPageInput): Html {
  const action = createAppUrl(input.webUrl, input.organization, input.state);
  const webhookUrl = readWebhookUrl(input.manifest);
  const reminder =
    findWebhookUrlProblem(webhookUrl) === undefined
      ? ''
      : html`<p class="callout warning">The webhook URL is still <code>${webhookUrl}</code>: fix it first
(see above), or change it in the App's settings after registering.</p>`;
  return html`<section>
<h2>Register</h2>
<p>The button opens GitHub with these settings filled in. Check them and press <strong>Create GitHub
App</strong>; GitHub then sends you back to this server, which saves the new App's ID, private key and
webhook secret to <code>.env</code> and shows what to do next.</p>
${reminder}
<form action="${action}" method="post">
<input type="hidden" name="manifest" value="${JSON.stringify(input.manifest)}">
<button class="button" type="submit">Register ${input.appYml.name} on GitHub</button>
</form>
</section>`;
}

export function renderRegistrationPage(input: RegistrationPageInput): string {
  return renderPage(
    `Register ${input.appYml.name}`,
    html`<header>
<p class="eyebrow">Gatehouse · setup</p>
<h1>Register ${input.appYml.name} as a GitHub App</h1>
${WHAT_IT_DOES}
</header>
${renderWhere(input)}
${renderPermissions(input.appYml)}
${renderEvents(input.appYml)}
${renderRegister(input)}
<footer><p>Already registered the App? Put its <code>APP_ID</code>, <code>PRIVATE_KEY_PATH</code> (or
<code>PRIVATE_KEY</code>) and <code>WEBHOOK_SECRET</code> in <code>.env</code> and restart <code>npm
start</code>: <a href="${DOCS.registerByHand}">Register the App by hand</a>.</p></footer>`,
  );
}
