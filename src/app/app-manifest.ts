// The App's manifest: app.yml, read once when the registration page starts, and the manifest
// GitHub's "create a GitHub App from a manifest" flow receives, built from it as Probot builds it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AppSettingsError } from './settings.ts';

/** What the registration page shows and sends of app.yml. */
export interface AppYml {
  /** The whole file, sent to GitHub as it is. */
  source: Readonly<Record<string, unknown>>;
  name: string;
  description: string | undefined;
  /** `default_permissions`, in app.yml's order: `[permission, access]`. */
  permissions: ReadonlyArray<readonly [string, string]>;
  /** `default_events`, in app.yml's order. */
  events: readonly string[];
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the parts of app.yml the page reads; GitHub judges the rest. */
export function parseAppYml(text: string): AppYml {
  let source: unknown;
  try {
    source = parse(text);
  } catch (error) {
    const line = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new AppSettingsError(`app.yml is not valid YAML: ${line}`);
  }
  if (!isMapping(source)) throw new AppSettingsError("app.yml: expected a mapping of the App's settings");
  const { name, description, default_permissions = {}, default_events = [], hook_attributes } = source;
  if (typeof name !== 'string' || name.trim() === '')
    throw new AppSettingsError("app.yml name: expected the App's name, as GitHub will show it");
  if (description !== undefined && typeof description !== 'string')
    throw new AppSettingsError('app.yml description: expected one text');
  if (!isMapping(default_permissions))
    throw new AppSettingsError('app.yml default_permissions: expected a mapping such as `checks: write`');
  const permissions = Object.entries(default_permissions).map(([permission, access]) => {
    if (typeof access !== 'string')
      throw new AppSettingsError(`app.yml default_permissions.${permission}: expected read or write`);
    return [permission, access] as const;
  });
  if (!Array.isArray(default_events) || default_events.some((event) => typeof event !== 'string'))
    throw new AppSettingsError('app.yml default_events: expected a list of event names');
  if (
    hook_attributes !== undefined &&
    (!isMapping(hook_attributes) || typeof hook_attributes.url !== 'string')
  )
    throw new AppSettingsError('app.yml hook_attributes.url: expected the URL GitHub sends webhooks to');
  return { source, name, description, permissions, events: default_events as string[] };
}

/** Reads app.yml from `cwd`; throws AppSettingsError, one line, when it cannot be used. */
export function loadAppYml(cwd: string): AppYml {
  let text: string;
  try {
    text = readFileSync(join(cwd, 'app.yml'), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new AppSettingsError(
      `app.yml cannot be read in ${cwd} (${code}): the registration page sends it to GitHub; run npm start in the Gatehouse folder`,
    );
  }
  return parseAppYml(text);
}

/**
 * The manifest as Probot's registration page built it: its defaults, then app.yml over them, and
 * `redirect_url` set to this server's setup step unless app.yml sets one (which app.yml must not).
 */
export function createManifest(
  appYml: AppYml,
  baseUrl: string,
  webhookProxyUrl: string | undefined,
): Record<string, unknown> {
  return {
    description: appYml.description,
    hook_attributes: { url: webhookProxyUrl ?? `${baseUrl}/` },
    name: appYml.name,
    public: true,
    redirect_url: `${baseUrl}/probot/setup`,
    version: 'v1',
    ...appYml.source,
  };
}

/** The webhook URL a manifest registers. */
export function readWebhookUrl(manifest: Record<string, unknown>): string {
  const hook = manifest.hook_attributes;
  return isMapping(hook) && typeof hook.url === 'string' ? hook.url : '';
}

/** Host names reserved for examples (RFC 2606): app.yml's placeholder is one. */
const EXAMPLE_HOST = /(^|\.)(example\.(com|net|org)|example|test|invalid)$/i;
const LOCAL_HOST = /^(localhost|127(\.\d+){3}|\[::1\]|0\.0\.0\.0)$/i;

export type WebhookUrlProblem = 'placeholder' | 'local' | 'not-a-url';

/** Why GitHub could not deliver to `url`, or undefined when it may. */
export function findWebhookUrlProblem(url: string): WebhookUrlProblem | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not-a-url';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'not-a-url';
  if (EXAMPLE_HOST.test(parsed.hostname)) return 'placeholder';
  if (LOCAL_HOST.test(parsed.hostname)) return 'local';
  return undefined;
}
