// The App's settings, read once from the environment at start. Every refusal is one line that
// names the variable, what is wrong and how to fix it: the reader is looking at a container log.
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDuration } from '../core/duration.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The sweep runs this often unless GATEHOUSE_SWEEP_INTERVAL says otherwise. */
export const DEFAULT_SWEEP_INTERVAL_MS = 5 * 60_000;
/** A shorter sweep would spend the installation's rate limit on re-reading unchanged gates. */
export const MIN_SWEEP_INTERVAL_MS = 60_000;
export const MIN_SECRET_LENGTH = 16;
export const MIN_SECRET_DISTINCT_CHARACTERS = 6;

interface CommonSettings {
  port: number;
  /** Where to listen; Probot's default is `localhost`. */
  host: string | undefined;
  logLevel: LogLevel;
  /** The REST API root: `https://api.github.com`, or `${GHE_PROTOCOL}://${GHE_HOST}/api/v3`. */
  baseUrl: string;
}

/** Registered App: receives webhooks and runs gates. */
export interface AppModeSettings extends CommonSettings {
  mode: 'app';
  appId: number;
  /** PEM text, read from PRIVATE_KEY or the file at PRIVATE_KEY_PATH. */
  privateKey: string;
  webhookSecret: string;
  /** WEBHOOK_SECRET_PREVIOUS: also taken while GitHub's secret is being rotated (W13). */
  previousWebhookSecret?: string;
  redisUrl: string | undefined;
  /** 0 turns the periodic sweep off. */
  sweepIntervalMs: number;
  /** How long after the start the first sweep (the reconcile) runs. */
  sweepDelayMs: number;
  /** GATEHOUSE_REPLICAS: how many processes serve the same installations; above 1 they arbitrate. */
  replicas: number;
}

/** No App yet: the registration page, built from app.yml. No webhook handler is loaded. */
export interface SetupModeSettings extends CommonSettings {
  mode: 'setup';
  /** Where GitHub's pages are: `https://github.com`, or `${GHE_PROTOCOL}://${GHE_HOST}`. */
  webUrl: string;
  /** GHE_HOST: the App is created on that GitHub Enterprise Server instead of github.com. */
  enterpriseHost: string | undefined;
  /** GH_ORG: the App is created for this organisation instead of the visitor's account. */
  organization: string | undefined;
  /** WEBHOOK_PROXY_URL, the webhook URL of a manifest whose app.yml sets none (Probot's rule). */
  webhookProxyUrl: string | undefined;
}

export type AppSettings = AppModeSettings | SetupModeSettings;

/** A setting that stops the App from starting. `message` is one line for the log. */
export class AppSettingsError extends Error {
  override name = 'AppSettingsError';
}

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Why a webhook secret must not be used, or undefined when it may (W6). Probot falls back to the
 * secret `development` when none is set, which would let anyone who reads its source sign
 * deliveries; a short or repetitive secret can be guessed.
 */
export function findWebhookSecretProblem(
  secret: string | undefined,
  name = 'WEBHOOK_SECRET',
): string | undefined {
  const fix = 'use the secret GitHub shows for the App, e.g. from `openssl rand -hex 32`';
  if (secret === undefined || secret.trim() === '') return `${name} is not set: ${fix}`;
  if (secret === 'development') return `${name} is "development", Probot's public default: ${fix}`;
  if (secret.length < MIN_SECRET_LENGTH)
    return `${name} is ${secret.length} characters, fewer than ${MIN_SECRET_LENGTH}: ${fix}`;
  if (new Set(secret).size < MIN_SECRET_DISTINCT_CHARACTERS)
    return `${name} repeats ${new Set(secret).size === 1 ? 'one character' : 'too few characters'} (fewer than ${MIN_SECRET_DISTINCT_CHARACTERS} distinct): ${fix}`;
  return undefined;
}

/**
 * The secret GitHub signed with before the current one, while a rotation is under way (W13):
 * deliveries signed with either are taken. Held to the same standard as the current secret.
 */
function parsePreviousWebhookSecret(env: Env): string | undefined {
  const previous = env.WEBHOOK_SECRET_PREVIOUS;
  if (previous === undefined || previous === '') return undefined;
  const problem = findWebhookSecretProblem(previous, 'WEBHOOK_SECRET_PREVIOUS');
  if (problem !== undefined) throw new AppSettingsError(problem);
  if (previous === env.WEBHOOK_SECRET)
    throw new AppSettingsError(
      'WEBHOOK_SECRET_PREVIOUS is the same as WEBHOOK_SECRET: set it to the secret GitHub signed with before, or unset it',
    );
  return previous;
}

function parsePort(env: Env): number {
  const text = read(env, 'PORT');
  if (text === undefined) return 3000;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65_535)
    throw new AppSettingsError(`PORT is "${text}": expected a whole number from 1 to 65535`);
  return port;
}

function parseLogLevel(env: Env): LogLevel {
  const text = read(env, 'LOG_LEVEL')?.toLowerCase() ?? 'info';
  const level = LOG_LEVELS.find((candidate) => candidate === text);
  if (level === undefined)
    throw new AppSettingsError(`LOG_LEVEL is "${text}": expected one of ${LOG_LEVELS.join(', ')}`);
  return level;
}

/** GHE_HOST and GHE_PROTOCOL, checked: where GitHub is, when it is not github.com. */
function parseEnterprise(env: Env): { host: string; protocol: string } | undefined {
  const host = read(env, 'GHE_HOST');
  const protocol = read(env, 'GHE_PROTOCOL') ?? 'https';
  if (protocol !== 'https' && protocol !== 'http')
    throw new AppSettingsError(`GHE_PROTOCOL is "${protocol}": expected https (or http)`);
  if (host === undefined) return undefined;
  if (!/^[A-Za-z0-9.-]+(?::\d+)?$/.test(host))
    throw new AppSettingsError(
      `GHE_HOST is "${host}": expected a host name such as github.example.com, without protocol or path`,
    );
  return { host, protocol };
}

function parseBaseUrl(env: Env): string {
  const enterprise = parseEnterprise(env);
  return enterprise === undefined
    ? 'https://api.github.com'
    : `${enterprise.protocol}://${enterprise.host}/api/v3`;
}

function parseOrganization(env: Env): string | undefined {
  const org = read(env, 'GH_ORG');
  if (org !== undefined && !/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(org))
    throw new AppSettingsError(
      `GH_ORG is "${org}": expected the login of an organisation, such as acme (letters, digits and hyphens)`,
    );
  return org;
}

function parseSweepInterval(env: Env): number {
  const text = read(env, 'GATEHOUSE_SWEEP_INTERVAL');
  if (text === undefined) return DEFAULT_SWEEP_INTERVAL_MS;
  if (text === '0') return 0;
  const ms = parseDuration(text);
  if (ms === undefined || ms < MIN_SWEEP_INTERVAL_MS)
    throw new AppSettingsError(
      `GATEHOUSE_SWEEP_INTERVAL is "${text}": expected a duration of at least 1m, such as 5m or 1h, or 0 to turn the sweep off`,
    );
  return ms;
}

/** The first sweep comes this long after the start unless GATEHOUSE_SWEEP_DELAY says otherwise. */
export const DEFAULT_SWEEP_DELAY_MS = 10_000;

function parseSweepDelay(env: Env): number {
  const text = read(env, 'GATEHOUSE_SWEEP_DELAY');
  if (text === undefined) return DEFAULT_SWEEP_DELAY_MS;
  if (text === '0') return 0;
  const ms = parseDuration(text);
  if (ms === undefined || ms > 60 * 60_000)
    throw new AppSettingsError(
      `GATEHOUSE_SWEEP_DELAY is "${text}": expected a duration of at most 1h, such as 10s or 2m, or 0 for a sweep at once`,
    );
  return ms;
}

function parseReplicas(env: Env): number {
  const text = read(env, 'GATEHOUSE_REPLICAS');
  if (text === undefined) return 1;
  if (!/^[1-9]\d{0,3}$/.test(text))
    throw new AppSettingsError(
      `GATEHOUSE_REPLICAS is "${text}": expected how many App processes serve the same installations, such as 1 or 3`,
    );
  return Number(text);
}

/** The PEM text of the App's private key, checked to be one, from PRIVATE_KEY or PRIVATE_KEY_PATH. */
function loadPrivateKey(env: Env, cwd: string): string {
  const inline = read(env, 'PRIVATE_KEY');
  const path = read(env, 'PRIVATE_KEY_PATH');
  if (inline !== undefined && path !== undefined)
    throw new AppSettingsError('PRIVATE_KEY and PRIVATE_KEY_PATH are both set: keep one');
  let pem: string;
  let origin: string;
  if (inline !== undefined) {
    origin = 'PRIVATE_KEY';
    // .env files written by the registration page hold the key on one line with \n escapes.
    pem = inline.replace(/^"|"$/g, '').replace(/\\n/g, '\n');
  } else if (path !== undefined) {
    origin = `PRIVATE_KEY_PATH (${path})`;
    try {
      pem = readFileSync(resolve(cwd, path), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new AppSettingsError(`PRIVATE_KEY_PATH is "${path}": the file cannot be read (${code})`);
    }
  } else {
    throw new AppSettingsError(
      'APP_ID is set but there is no private key: set PRIVATE_KEY (the .pem text) or PRIVATE_KEY_PATH (its file)',
    );
  }
  pem = `${pem.trim()}\n`;
  try {
    createPrivateKey(pem);
  } catch {
    throw new AppSettingsError(
      `${origin} is not a PEM private key: download a new key from the App's settings page`,
    );
  }
  return pem;
}

/**
 * Reads the App's settings from `env` (the process environment, read once by main.ts). Throws
 * AppSettingsError, one line, for anything that must stop the start. Without APP_ID and a key the
 * settings are for the registration page.
 */
export function loadAppSettings(env: Env, cwd: string): AppSettings {
  const common: CommonSettings = {
    port: parsePort(env),
    host: read(env, 'HOST'),
    logLevel: parseLogLevel(env),
    baseUrl: parseBaseUrl(env),
  };
  const appIdText = read(env, 'APP_ID');
  if (appIdText === undefined) {
    if (read(env, 'PRIVATE_KEY') !== undefined || read(env, 'PRIVATE_KEY_PATH') !== undefined)
      throw new AppSettingsError('a private key is set but APP_ID is not: set APP_ID to the App ID');
    const enterprise = parseEnterprise(env);
    return {
      mode: 'setup',
      ...common,
      webUrl: enterprise === undefined ? 'https://github.com' : `${enterprise.protocol}://${enterprise.host}`,
      enterpriseHost: enterprise?.host,
      organization: parseOrganization(env),
      webhookProxyUrl: read(env, 'WEBHOOK_PROXY_URL'),
    };
  }
  if (!/^[1-9]\d*$/.test(appIdText))
    throw new AppSettingsError(
      `APP_ID is "${appIdText}": expected the App's numeric ID from its settings page`,
    );
  const secretProblem = findWebhookSecretProblem(env.WEBHOOK_SECRET);
  if (secretProblem !== undefined) throw new AppSettingsError(secretProblem);
  const previousWebhookSecret = parsePreviousWebhookSecret(env);
  return {
    mode: 'app',
    ...common,
    appId: Number(appIdText),
    privateKey: loadPrivateKey(env, cwd),
    webhookSecret: env.WEBHOOK_SECRET ?? '',
    ...(previousWebhookSecret === undefined ? {} : { previousWebhookSecret }),
    redisUrl: read(env, 'REDIS_URL'),
    sweepIntervalMs: parseSweepInterval(env),
    sweepDelayMs: parseSweepDelay(env),
    replicas: parseReplicas(env),
  };
}
