// `gatehouse audit --git DIR --trusted-key FILE`: a throwaway GnuPG home holding only the trusted
// key (GitHub's web-flow key signs the commits GitHub makes for bots), so that git's signature
// check says whether each log commit was signed by that key and no other. gpg runs with an
// argument array, never a shell; the home is removed when the audit is done.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** gpg is missing, or refused the key file. The message is one line for the user. */
export class KeyringError extends Error {
  override name = 'KeyringError';
  /** True when gpg itself is missing: a set-up problem (exit 2), not a finding. */
  readonly missingGpg: boolean;
  constructor(message: string, missingGpg = false) {
    super(message);
    this.missingGpg = missingGpg;
  }
}

export interface TrustedKeyring {
  /** The GNUPGHOME to give git. */
  home: string;
  dispose(): Promise<void>;
}

function runGpg(home: string, args: string[], env: Record<string, string | undefined>): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      'gpg',
      args,
      { env: { ...env, GNUPGHOME: home }, windowsHide: true },
      (error, _stdout, stderr) => {
        if (error === null) return resolve();
        if ('code' in error && error.code === 'ENOENT')
          return reject(
            new KeyringError(
              'gpg is not installed or not on PATH: --trusted-key checks signatures with it',
              true,
            ),
          );
        const first = String(stderr)
          .split('\n')
          .map((line) => line.trim())
          .find((line) => line !== '');
        reject(new KeyringError(`gpg could not import the key: ${first ?? `exit ${error.code}`}`));
      },
    );
  });
}

/** A temporary keyring with the keys of `file` (ASCII-armoured or binary) imported. */
export async function createTrustedKeyring(
  file: string,
  env: Record<string, string | undefined>,
): Promise<TrustedKeyring> {
  const home = await mkdtemp(join(tmpdir(), 'gatehouse-gnupg-'));
  const dispose = () => rm(home, { recursive: true, force: true });
  try {
    await runGpg(home, ['--batch', '--quiet', '--import', '--', file], env);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { home, dispose };
}
