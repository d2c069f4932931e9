// Commands that run a command somewhere else (DESIGN §10): `ssh host cmd…` (a shell line run on
// the host), `kubectl exec … -- cmd…`, `docker exec`, `docker compose exec|run`, `docker run` (a
// command's words run in a container). Their options are read strictly: an option that is not
// known here could take a value, so the command cannot be told from the image or the host, and the
// whole is unknown rather than guessed.
import type { ShellWord } from './parse-shell.ts';

export type RemoteCommand =
  /** A shell line, run by a shell elsewhere (ssh joins its words with spaces). */
  | { line: string; what: string }
  /** Words run as they are, no shell (kubectl exec, docker). */
  | { words: ShellWord[] }
  /** A shell elsewhere reads its commands from the input (`ssh host <<EOF`). */
  | { input: string }
  | { unfollowable: string }
  /** The wrapper runs nothing given here (`ssh -V`, `docker run image`). */
  | { nothing: true };

interface Options {
  flags: ReadonlySet<string>;
  valued: ReadonlySet<string>;
}

type Walked = { rest: ShellWord[]; values: [string, string][]; seen: Set<string> } | { problem: string };

/**
 * Options up to the first operand; an option in neither set is an error (it could take a value),
 * and so is a variable or substitution among them (unquoted, it can hold several words).
 */
function walkOptions(args: ShellWord[], options: Options): Walked {
  const values: [string, string][] = [];
  const seen = new Set<string>();
  let i = 0;
  while (i < args.length) {
    const word = args[i];
    if (word === undefined) break;
    const text = word.text;
    if (text === '--') return { rest: args.slice(i + 1), values, seen };
    if (!text.startsWith('-') || text === '-') break;
    if (word.dynamic) return { problem: `option ${text} is a variable or substitution` };
    if (text.startsWith('--')) {
      const eq = text.indexOf('=');
      const name = eq === -1 ? text : text.slice(0, eq);
      seen.add(name);
      if (options.valued.has(name)) {
        if (eq !== -1) values.push([name, text.slice(eq + 1)]);
        else {
          if (args[i + 1]?.dynamic) return { problem: `option ${name} takes a variable or substitution` };
          values.push([name, args[i + 1]?.text ?? '']);
          i++;
        }
      } else if (!options.flags.has(name) || (eq !== -1 && !/^=(?:true|false)$/.test(text.slice(eq))))
        return { problem: `option ${text} is not known here` };
      i++;
      continue;
    }
    // A cluster of short options: `-it`, `-p2222`, `-oProxyCommand=x`.
    let j = 1;
    for (; j < text.length; j++) {
      const option = `-${text[j]}`;
      seen.add(option);
      if (options.valued.has(option)) {
        if (j < text.length - 1) values.push([option, text.slice(j + 1)]);
        else {
          if (args[i + 1]?.dynamic) return { problem: `option ${option} takes a variable or substitution` };
          values.push([option, args[i + 1]?.text ?? '']);
          i++;
        }
        break;
      }
      if (!options.flags.has(option)) return { problem: `option ${text} is not known here` };
    }
    i++;
  }
  return { rest: args.slice(i), values, seen };
}

const set = (...items: string[]) => new Set(items);

const SSH: Options = {
  flags: set(...'46AaCfGgKkMNnqsTtVvXxYy'.split('').map((c) => `-${c}`)),
  valued: set(...'BbcDEeFIiJLlmOopQRSWw'.split('').map((c) => `-${c}`)),
};
/** `-o` keys whose value is a command run on this machine (or the remote command). */
const SSH_COMMAND_KEYS = /^(proxycommand|localcommand|knownhostscommand|remotecommand)\s*[=\s]\s*(.*)$/is;

function ssh(args: ShellWord[], hasInput: boolean): RemoteCommand {
  const walked = walkOptions(args, SSH);
  if ('problem' in walked)
    return {
      unfollowable: `ssh ${walked.problem}: the remote command cannot be told`,
    };
  for (const [option, value] of walked.values) {
    if (option === '-F')
      return {
        unfollowable: `ssh -F ${value} reads a config file that can run commands, which cannot be read here`,
      };
    const key = option === '-o' ? SSH_COMMAND_KEYS.exec(value) : null;
    if (key)
      return { unfollowable: `ssh -o ${key[1]} runs a command of its own, which is not followed here` };
  }
  const [host, ...command] = walked.rest;
  if (host === undefined || ['-V', '-G', '-O', '-N'].some((o) => walked.seen.has(o)))
    return { nothing: true };
  if (host.dynamic)
    return {
      unfollowable: `ssh to a host from a variable or substitution (${host.text}), which can hold a command too`,
    };
  if (command.length === 0)
    return hasInput
      ? { input: 'ssh <<' }
      : { unfollowable: 'ssh without a command runs a login shell that reads its commands from its input' };
  if (command.some((word) => word.dynamic))
    return {
      unfollowable: 'ssh of a command that holds a variable or substitution, expanded before it is sent',
    };
  return { line: command.map((word) => word.text).join(' '), what: 'ssh' };
}

const KUBECTL_GLOBAL = set(
  '-n',
  '--namespace',
  '--context',
  '--kubeconfig',
  '--cluster',
  '--user',
  '-s',
  '--server',
  '--token',
  '--as',
  '--as-group',
  '--request-timeout',
  '-v',
  '--v',
);

/** `kubectl [global options] exec … -- cmd…`: the words after `--`. */
function kubectl(args: ShellWord[]): RemoteCommand | undefined {
  let i = 0;
  while (i < args.length && args[i]?.text.startsWith('-')) {
    const text = args[i]?.text ?? '';
    i += KUBECTL_GLOBAL.has(text) ? 2 : 1;
  }
  if (args[i]?.text !== 'exec') {
    // A global option not known here may have taken a value: `exec` anywhere before `--` counts.
    const end = args.findIndex((word) => word.text === '--');
    i = args.slice(0, end === -1 ? args.length : end).findIndex((word) => word.text === 'exec');
    if (i === -1) return undefined;
  }
  const dashes = args.findIndex((word, index) => index > i && word.text === '--');
  if (dashes === -1) {
    if (args.slice(i + 1).some((word) => word.text === '-h' || word.text === '--help'))
      return { nothing: true };
    return { unfollowable: 'kubectl exec without "--": the command cannot be told from the pod' };
  }
  const words = args.slice(dashes + 1);
  return words.length === 0 ? { unfollowable: 'kubectl exec with nothing after "--"' } : { words };
}

const DOCKER_GLOBAL: Options = {
  flags: set('-D', '--debug', '--tls', '--tlsverify'),
  valued: set(
    '-H',
    '--host',
    '-c',
    '--context',
    '--config',
    '-l',
    '--log-level',
    '--tlscacert',
    '--tlscert',
    '--tlskey',
  ),
};
const DOCKER_EXEC: Options = {
  flags: set('-d', '--detach', '-i', '--interactive', '-t', '--tty', '--privileged'),
  valued: set('-e', '--env', '--env-file', '-u', '--user', '-w', '--workdir', '--detach-keys'),
};
const DOCKER_RUN: Options = {
  flags: set(
    '-d',
    '--detach',
    '-i',
    '--interactive',
    '-t',
    '--tty',
    '--rm',
    '--privileged',
    '-P',
    '--publish-all',
    '--init',
    '--read-only',
    '--no-healthcheck',
    '--oom-kill-disable',
    '-q',
    '--quiet',
    '--sig-proxy',
  ),
  valued: set(
    ...['-a', '--attach', '--add-host', '--annotation', '--blkio-weight', '--cap-add', '--cap-drop'],
    ...['--cgroup-parent', '--cgroupns', '--cidfile', '--cpu-period', '--cpu-quota', '--cpu-shares', '-c'],
    ...['--cpus', '--cpuset-cpus', '--cpuset-mems', '--device', '--device-cgroup-rule', '--dns'],
    ...['--dns-option', '--dns-search', '--domainname', '--entrypoint', '-e', '--env', '--env-file'],
    ...['--expose', '--gpus', '--group-add', '--health-cmd', '--health-interval', '--health-retries'],
    ...['--health-start-period', '--health-timeout', '-h', '--hostname', '--ip', '--ip6', '--ipc'],
    ...['--isolation', '--kernel-memory', '-l', '--label', '--label-file', '--link', '--log-driver'],
    ...['--log-opt', '--mac-address', '-m', '--memory', '--memory-reservation', '--memory-swap'],
    ...['--memory-swappiness', '--mount', '--name', '--network', '--net', '--network-alias'],
    ...['--oom-score-adj', '--pid', '--pids-limit', '--platform', '-p', '--publish', '--pull'],
    ...['--restart', '--runtime', '--security-opt', '--shm-size', '--stop-signal', '--stop-timeout'],
    ...['--storage-opt', '--sysctl', '--tmpfs', '--ulimit', '-u', '--user', '--userns', '--uts'],
    ...['-v', '--volume', '--volume-driver', '--volumes-from', '-w', '--workdir', '--detach-keys'],
  ),
};
const COMPOSE_GLOBAL: Options = {
  flags: set('--dry-run', '--compatibility', '--all-resources'),
  valued: set(
    '-f',
    '--file',
    '-p',
    '--project-name',
    '--profile',
    '--env-file',
    '--project-directory',
    '--ansi',
    '--progress',
    '--parallel',
  ),
};
const COMPOSE_EXEC: Options = {
  flags: set('-d', '--detach', '--privileged', '-T', '--no-TTY', '--no-tty'),
  valued: set('-e', '--env', '--index', '-u', '--user', '-w', '--workdir'),
};
const COMPOSE_RUN: Options = {
  flags: set(
    ...['-d', '--detach', '--rm', '--no-deps', '--service-ports', '--use-aliases', '--build', '-T'],
    ...['--no-TTY', '-i', '--interactive', '--quiet-pull', '--remove-orphans', '-P', '--tty', '-t'],
  ),
  valued: set(
    ...['--entrypoint', '-e', '--env', '--env-from-file', '-l', '--label', '--name', '-p', '--publish'],
    ...['-u', '--user', '-v', '--volume', '-w', '--workdir', '--cap-add', '--cap-drop', '--pull'],
  ),
};

/** After the options of `exec`/`run`: the container, image or service, then the command's words. */
function inContainer(what: string, args: ShellWord[], options: Options, hasCommand: boolean): RemoteCommand {
  const walked = walkOptions(args, options);
  if ('problem' in walked) return { unfollowable: `${what} ${walked.problem}: the command cannot be told` };
  const entrypoint = walked.values.find(([option]) => option === '--entrypoint')?.[1];
  const [target, ...command] = walked.rest;
  if (target === undefined) return { nothing: true };
  // Unquoted, a variable can hold several words: the image and a command.
  if (target.dynamic)
    return {
      unfollowable: `${what} of a container or image from a variable or substitution (${target.text})`,
    };
  if (entrypoint !== undefined && entrypoint !== '') {
    const word: ShellWord = { text: entrypoint, dynamic: false, pattern: false, assignment: false };
    return { words: [word, ...command] };
  }
  if (command.length === 0)
    return hasCommand ? { unfollowable: `${what} without a command` } : { nothing: true };
  return { words: command };
}

function compose(what: string, args: ShellWord[]): RemoteCommand | undefined {
  const walked = walkOptions(args, COMPOSE_GLOBAL);
  if ('problem' in walked)
    return args.some((word) => word.text === 'exec' || word.text === 'run')
      ? { unfollowable: `${what} ${walked.problem}: the command cannot be told` }
      : undefined;
  const [verb, ...rest] = walked.rest;
  if (verb?.text === 'exec') return inContainer(`${what} exec`, rest, COMPOSE_EXEC, true);
  if (verb?.text === 'run') return inContainer(`${what} run`, rest, COMPOSE_RUN, false);
  return undefined;
}

const RUNNING_VERBS = new Set(['exec', 'run', 'compose']);

function docker(args: ShellWord[]): RemoteCommand | undefined {
  const walked = walkOptions(args, DOCKER_GLOBAL);
  if ('problem' in walked)
    return args.some((word) => RUNNING_VERBS.has(word.text))
      ? { unfollowable: `docker ${walked.problem}: the command cannot be told` }
      : undefined;
  let [verb, ...rest] = walked.rest;
  // `docker container exec`, `docker container run`.
  if (verb?.text === 'container') [verb, ...rest] = rest;
  if (verb?.text === 'exec') return inContainer('docker exec', rest, DOCKER_EXEC, true);
  if (verb?.text === 'run') return inContainer('docker run', rest, DOCKER_RUN, false);
  if (verb?.text === 'compose') return compose('docker compose', rest);
  return undefined;
}

/** What a command runs elsewhere, or undefined when it is not one of these wrappers. */
export function readRemoteCommand(
  name: string,
  args: ShellWord[],
  hasInput: boolean,
): RemoteCommand | undefined {
  switch (name) {
    case 'ssh':
      return ssh(args, hasInput);
    case 'kubectl':
      return kubectl(args);
    case 'docker':
    case 'podman':
      return docker(args);
    case 'docker-compose':
      return compose('docker-compose', args);
    default:
      return undefined;
  }
}
