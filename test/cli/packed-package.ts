// The npm package as a user gets it, for the tests that install it: `npm pack` of this checkout
// and `npm install -g` of the tarball into a temporary prefix, offline (the package has no
// dependencies, so the tarball is all npm needs), in a clean environment as `env -i` gives.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';

/** Where a user's system tools are, without this project's pinned Node. */
export const SYSTEM_PATH = '/usr/local/bin:/usr/bin:/bin';

/** The project's pinned Node first, then the system's tools. */
export const PROJECT_NODE_PATH = `${dirname(process.execPath)}:${SYSTEM_PATH}`;

export interface ProcessRun {
  code: number;
  out: string;
  err: string;
}

export function runProcess(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<ProcessRun> {
  return new Promise((done) => {
    execFile(command, args, { cwd, env, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, out: stdout, err: stderr });
    });
  });
}

/** A clean environment, as `env -i` gives, with only what npm and git need. */
export function createCleanEnv(path: string, home: string): Record<string, string> {
  return {
    PATH: path,
    HOME: home,
    LANG: 'C',
    npm_config_cache: join(home, 'npm-cache'),
    npm_config_update_notifier: 'false',
  };
}

/** `npm pack` of this checkout into `destination`: the tarball's path and the files it holds. */
export async function packPackage(
  destination: string,
  path = PROJECT_NODE_PATH,
): Promise<{ tarball: string; files: string[] }> {
  const pack = await runProcess(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', destination],
    process.cwd(),
    createCleanEnv(path, destination),
  );
  if (pack.code !== 0) throw new Error(`npm pack failed: ${pack.err}`);
  const [result] = JSON.parse(pack.out) as { filename: string; files: { path: string }[] }[];
  return {
    tarball: join(destination, result?.filename ?? ''),
    files: (result?.files ?? []).map((file) => file.path).sort(),
  };
}

/**
 * Runs an `npm install` command line as a user types it, with the package's registry name standing
 * for the tarball, into `prefix` (npm_config_prefix, so that `-g` lands there) and offline.
 */
export function installPackage(
  args: string[],
  tarball: string,
  prefix: string,
  env: Record<string, string>,
): Promise<ProcessRun> {
  const [command = '', ...rest] = args;
  const withTarball = rest.map((arg) => (arg === 'gatehouse-cli' ? tarball : arg));
  return runProcess(command, [...withTarball, '--offline', '--no-audit', '--no-fund'], env.HOME ?? '/', {
    ...env,
    npm_config_prefix: prefix,
  });
}
