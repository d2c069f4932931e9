// What a simple command really runs (DESIGN §10): the wrappers are taken off (`sudo -u postgres
// psql` runs psql, `env -i X=1 psql`, `xargs -0 rm`, `timeout 5 psql`, `find … -exec rm {} ;`),
// shells are followed into their strings (`bash -c "…"`, `eval`, `bash <<EOF`), and what cannot be
// followed is said so with the reason: a command name from a variable, a script file, inline code.
import {
  MAX_SHELL_DEPTH,
  type ParseBudget,
  parseShell,
  type ShellPart,
  type ShellWord,
  type SimpleCommand,
} from './parse-shell.ts';
import { readRemoteCommand } from './remote-command.ts';

/** A command as it is matched: its words after prefixes, and the files it redirects to. */
export interface ResolvedCommand {
  type: 'command';
  words: string[];
  /** Redirection targets: the files it writes or reads (`> .env`, `< dump.sql`). */
  paths: string[];
  /** Every word and target as written (quotes removed), prefixes included: for the guard check. */
  mentions: string[];
  source: string;
}

export interface UnfollowableCommand {
  type: 'unfollowable';
  reason: string;
  source: string;
}

export type ResolvedPart = ResolvedCommand | UnfollowableCommand;

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish', 'busybox-sh']);
/** Interpreters and the options that give them inline code. */
const INTERPRETERS: Record<string, string[]> = {
  python: ['-c'],
  node: ['-e', '--eval', '-p', '--print'],
  nodejs: ['-e', '--eval', '-p', '--print'],
  deno: ['eval'],
  bun: ['-e', '--eval', '-p', '--print'],
  perl: ['-e', '-E'],
  ruby: ['-e'],
  php: ['-r'],
  lua: ['-e'],
  Rscript: ['-e'],
  osascript: ['-e'],
  pwsh: ['-c', '-command', '-Command'],
  powershell: ['-c', '-command', '-Command'],
};
/** Keys of `git -c` that run a command of their own. */
const GIT_RUNNING_KEYS =
  /^(?:alias\..*=\s*!|core\.(?:sshcommand|pager|editor|fsmonitor|hookspath)=|sequence\.editor=|diff\.external=|credential\.helper=\s*!|(?:filter|diff|merge)\..*\.(?:clean|smudge|process|textconv|driver|command)=)/i;
const MAX_PREFIXES = 32;

/** The shell line's commands, resolved: the input of the classifier. */
export function parseShellCommands(
  line: string,
  depth = 0,
  budget: ParseBudget = { commands: 0 },
): ResolvedPart[] {
  return parseShell(line, depth, budget).flatMap((part) => resolvePart(part, depth, budget));
}

function resolvePart(part: ShellPart, depth: number, budget: ParseBudget): ResolvedPart[] {
  if (part.type === 'unfollowable') return [part];
  return resolveCommand(part, depth, budget);
}

function basename(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash === -1 ? name : name.slice(slash + 1);
}

/** `python3.12` → `python`: the interpreter's family. */
function interpreterOf(name: string): string | undefined {
  const base = basename(name).replace(/(?:\d+(?:\.\d+)*)?(?:\.exe)?$/, '');
  return Object.hasOwn(INTERPRETERS, base) ? base : undefined;
}

function resolveCommand(command: SimpleCommand, depth: number, budget: ParseBudget): ResolvedPart[] {
  const source = command.source;
  const paths = command.redirects
    .filter(
      (redirect) => redirect.operator !== '<<<' && redirect.operator !== '<<' && redirect.operator !== '<<-',
    )
    .map((redirect) => redirect.target.text);
  const mentions = [
    ...command.words.map((word) => word.text),
    ...paths,
    ...command.input.map((input) => input.text),
  ];
  const fail = (reason: string): ResolvedPart[] => [{ type: 'unfollowable', reason, source }];
  const followed: ResolvedPart[] = [];
  const follow = (line: string, what: string): void => {
    if (depth + 1 > MAX_SHELL_DEPTH) {
      followed.push({
        type: 'unfollowable',
        reason: `${what} nests deeper than ${MAX_SHELL_DEPTH} levels`,
        source,
      });
      return;
    }
    followed.push(...parseShellCommands(line, depth + 1, budget));
  };

  let words: ShellWord[] = command.words;
  // Leading assignments: `PGPASSWORD=x psql`.
  while (words[0]?.assignment) words = words.slice(1);
  for (let round = 0; words.length > 0; round++) {
    // `nice nice … psql`: past the bound, what runs is not followed, so it is not a command name.
    if (round === MAX_PREFIXES) return fail(`more than ${MAX_PREFIXES} prefixes before the command`);
    const name = words[0];
    if (name === undefined) break;
    if (name.dynamic) return fail(`the command name comes from a variable or substitution (${name.text})`);
    if (name.pattern) return fail(`the command name is a file-name pattern (${name.text})`);
    const base = basename(name.text);
    const args = words.slice(1);
    const stripped = stripPrefix(base, args);
    if (stripped === 'not-a-prefix') break;
    if ('unfollowable' in stripped) return fail(stripped.unfollowable);
    if (stripped.follow !== undefined) follow(stripped.follow.line, stripped.follow.what);
    if (stripped.extra)
      for (const extra of stripped.extra) followed.push(...resolveWords(extra, source, depth, budget));
    words = stripped.rest;
    while (words[0]?.assignment) words = words.slice(1);
    if (stripped.done) {
      return [
        ...followed,
        ...(words.length > 0 || paths.length > 0 ? [toCommand(words, paths, mentions, source)] : []),
      ];
    }
  }
  const name = words[0];
  if (name === undefined)
    return [...followed, ...(paths.length > 0 ? [toCommand([], paths, mentions, source)] : [])];
  if (name.dynamic) return fail(`the command name comes from a variable or substitution (${name.text})`);
  if (name.pattern) return fail(`the command name is a file-name pattern (${name.text})`);
  const base = basename(name.text);
  const args = words.slice(1);

  // `alias p=psql`: defining an alias is as risky as running its value.
  if (base === 'alias') {
    for (const word of args) {
      const eq = word.text.indexOf('=');
      if (eq <= 0) continue;
      if (word.dynamic) return fail(`alias of a variable or substitution (${word.text})`);
      follow(word.text.slice(eq + 1), 'alias');
    }
    return [...followed, toCommand(words, paths, mentions, source)];
  }
  const remote = readRemoteCommand(base, args, command.input.length > 0);
  if (remote !== undefined) {
    if ('unfollowable' in remote) return fail(remote.unfollowable);
    if ('line' in remote) follow(remote.line, remote.what);
    if ('input' in remote) for (const body of command.input) follow(body.text, remote.input);
    if ('words' in remote) followed.push(...resolveWords(remote.words, source, depth, budget, command.input));
    return [...followed, toCommand(words, paths, mentions, source)];
  }
  if (base === 'source' || base === '.')
    return fail(`${base} runs the commands of a file, which cannot be read here`);
  if (base === 'eval') {
    if (args.some((word) => word.dynamic)) return fail('eval of a variable or substitution');
    follow(args.map((word) => word.text).join(' '), 'eval');
    return followed;
  }
  if (SHELLS.has(base)) {
    const shell = readShellArgs(args);
    if (shell.command !== undefined) {
      if (shell.command.dynamic) return fail(`${base} -c of a variable or substitution`);
      follow(shell.command.text, `${base} -c`);
      return followed;
    }
    if (shell.script !== undefined)
      return fail(`${base} runs a script file (${shell.script}), which cannot be read here`);
    const input = command.input;
    if (input.length === 0)
      return fail(`${base} reads the commands to run from its input, which cannot be read here`);
    for (const body of input) {
      // An unclosed here-document runs what it holds up to the end of the line; with nothing, what
      // follows the line where it is run (a wrapper's own text) would be read: unknown.
      if (body.unterminated && body.text.trim() === '')
        return fail(`${base} reads a here-document that is not closed`);
      follow(body.text, `${base} <<`);
    }
    return followed;
  }
  const interpreter = interpreterOf(name.text);
  if (interpreter !== undefined) {
    const inline = INTERPRETERS[interpreter] ?? [];
    // `-c`, or a cluster that ends in it: `python -Bc '…'`.
    const option = args.find(
      (word) =>
        inline.includes(word.text) ||
        (/^-[A-Za-z]+$/.test(word.text) &&
          inline.some((o) => o.length === 2 && word.text.endsWith(o.slice(1)))),
    );
    if (option !== undefined)
      return fail(`${base} ${option.text} runs inline code, which cannot be read here`);
    if (
      (args.length === 0 || args.every((word) => word.text === '-' || word.text.startsWith('-'))) &&
      command.input.length > 0
    )
      return fail(`${base} runs the code on its input, which cannot be read here`);
  }
  if (base === 'git') {
    const git = normalizeGit(args);
    if ('unfollowable' in git) return fail(git.unfollowable);
    return [...followed, toCommand([name, ...git.args], paths, mentions, source)];
  }
  if (base === 'find') {
    const found = splitFindExec(args);
    for (const exec of found.execs) followed.push(...resolveWords(exec, source, depth, budget));
    return [...followed, toCommand([name, ...found.args], paths, mentions, source)];
  }
  if (base === 'watch') {
    const rest = skipOptions(
      args,
      new Set(['-n', '--interval', '-d', '--differences']),
      new Set(['-n', '--interval']),
    );
    if (rest.length > 0) follow(rest.map((word) => word.text).join(' '), 'watch');
    return followed;
  }
  return [...followed, toCommand(words, paths, mentions, source)];
}

/** A command given as words (`find -exec`, `xargs`): resolved as if it were a line of its own. */
function resolveWords(
  words: ShellWord[],
  source: string,
  depth: number,
  budget: ParseBudget,
  input: SimpleCommand['input'] = [],
): ResolvedPart[] {
  if (depth + 1 > MAX_SHELL_DEPTH)
    return [
      { type: 'unfollowable', reason: `the command nests deeper than ${MAX_SHELL_DEPTH} levels`, source },
    ];
  return resolveCommand({ type: 'command', words, redirects: [], input, source }, depth + 1, budget);
}

function toCommand(words: ShellWord[], paths: string[], mentions: string[], source: string): ResolvedCommand {
  return { type: 'command', words: words.map((word) => word.text), paths, mentions, source };
}

type Stripped =
  | 'not-a-prefix'
  | { unfollowable: string }
  | {
      rest: ShellWord[];
      follow?: { line: string; what: string };
      extra?: ShellWord[][];
      /** The rest is the command as it is, no further prefixes. */
      done?: boolean;
    };

/** Options up to the first operand: `flags` take no value, `valued` take the next word (or `-xVALUE`). */
function skipOptions(args: ShellWord[], flags: Set<string>, valued: Set<string>): ShellWord[] {
  let i = 0;
  while (i < args.length) {
    const text = args[i]?.text ?? '';
    if (text === '--') return args.slice(i + 1);
    if (!text.startsWith('-') || text === '-') break;
    if (text.startsWith('--')) {
      const name = text.split('=')[0] ?? text;
      i += valued.has(name) && !text.includes('=') ? 2 : 1;
      continue;
    }
    // A cluster of short options: `-Eu postgres`, `-n10`, `-uroot`.
    let consumed = 1;
    for (let j = 1; j < text.length; j++) {
      const option = `-${text[j]}`;
      if (valued.has(option)) {
        if (j === text.length - 1) consumed = 2;
        break;
      }
      if (!flags.has(option) && !/^-\d$/.test(option)) break;
    }
    i += consumed;
  }
  return args.slice(i);
}

const set = (...items: string[]) => new Set(items);

function stripPrefix(name: string, args: ShellWord[]): Stripped {
  switch (name) {
    case 'sudo':
      return {
        rest: skipOptions(
          args,
          set(
            '-E',
            '-H',
            '-n',
            '-S',
            '-b',
            '-i',
            '-s',
            '-k',
            '-K',
            '-A',
            '-P',
            '-B',
            '-N',
            '--preserve-env',
            '--login',
            '--shell',
            '--non-interactive',
            '--stdin',
            '--background',
          ),
          set(
            '-u',
            '-g',
            '-C',
            '-h',
            '-p',
            '-r',
            '-t',
            '-U',
            '-D',
            '-R',
            '-T',
            '--user',
            '--group',
            '--chdir',
            '--prompt',
            '--role',
            '--type',
            '--host',
            '--other-user',
            '--chroot',
            '--close-from',
            '--command-timeout',
          ),
        ),
      };
    case 'doas':
      return { rest: skipOptions(args, set('-n', '-s', '-L'), set('-u', '-C')) };
    case 'coproc':
      // `coproc NAME { …; }`: the name is the coprocess's, the commands follow the brace.
      return { rest: args[1]?.text === '{' && !args[1].dynamic ? args.slice(2) : args };
    case 'nohup':
    case 'builtin':
    case 'noglob':
    case 'unbuffer':
      return { rest: args };
    case 'time':
      return {
        rest: skipOptions(
          args,
          set('-p', '-v', '-a', '--portability', '--verbose', '--append'),
          set('-o', '-f', '--output', '--format'),
        ),
      };
    case 'command':
      if (args.some((word) => word.text === '-v' || word.text === '-V')) return 'not-a-prefix';
      return { rest: skipOptions(args, set('-p'), set()) };
    case 'exec':
      return { rest: skipOptions(args, set('-c', '-l'), set('-a')) };
    case 'nice':
      return { rest: skipOptions(args, set(), set('-n', '--adjustment')) };
    case 'ionice':
      return {
        rest: skipOptions(args, set('-t'), set('-c', '-n', '-p', '-P', '-u', '--class', '--classdata')),
      };
    case 'chrt':
      return {
        rest: skipOptions(
          args,
          set('-a', '-b', '-d', '-f', '-i', '-o', '-r', '-R', '-v', '-m', '-p'),
          set('-T', '-P', '-D'),
        ).slice(1),
      };
    case 'taskset':
      return { rest: skipOptions(args, set('-a', '-c', '--all-tasks', '--cpu-list'), set()).slice(1) };
    case 'stdbuf':
      return { rest: skipOptions(args, set(), set('-i', '-o', '-e', '--input', '--output', '--error')) };
    case 'timeout': {
      const rest = skipOptions(
        args,
        set('-v', '--preserve-status', '--foreground', '--verbose'),
        set('-s', '-k', '--signal', '--kill-after'),
      );
      return { rest: rest.slice(1) };
    }
    case 'xargs': {
      const rest = skipOptions(
        args,
        set(
          '-0',
          '-r',
          '-t',
          '-p',
          '-x',
          '-o',
          '--null',
          '--no-run-if-empty',
          '--verbose',
          '--interactive',
          '--exit',
          '--open-tty',
        ),
        set(
          '-I',
          '-L',
          '-n',
          '-P',
          '-s',
          '-d',
          '-E',
          '-a',
          '--max-args',
          '--max-lines',
          '--max-procs',
          '--max-chars',
          '--delimiter',
          '--eof',
          '--arg-file',
          '--replace',
          '-i',
          '-e',
          '-l',
        ),
      );
      return {
        rest: rest.length > 0 ? rest : [{ text: 'echo', dynamic: false, pattern: false, assignment: false }],
      };
    }
    case 'env': {
      let i = 0;
      let split: string | undefined;
      while (i < args.length) {
        const text = args[i]?.text ?? '';
        if (text === '--') {
          i++;
          break;
        }
        if (text === '-S' || text === '--split-string') {
          split = args[i + 1]?.text;
          if (args[i + 1]?.dynamic) return { unfollowable: 'env -S of a variable or substitution' };
          i += 2;
          break;
        }
        if (text.startsWith('-S') || text.startsWith('--split-string=')) {
          if (args[i]?.dynamic) return { unfollowable: 'env -S of a variable or substitution' };
          split = text.startsWith('-S') ? text.slice(2) : text.slice('--split-string='.length);
          i++;
          break;
        }
        if (text === '-u' || text === '-C' || text === '--unset' || text === '--chdir') {
          i += 2;
          continue;
        }
        if (text.startsWith('-')) {
          i++;
          continue;
        }
        break;
      }
      let after = args.slice(i);
      // env takes every word with a `=` as an assignment; `BASH_FUNC_f%%=() { …; }` is a function
      // a bash child imports and may run: its body is followed.
      const functions: string[] = [];
      while (after[0] !== undefined && /^[^=]+=/.test(after[0].text)) {
        const text = after[0].text;
        if (/^BASH_FUNC_/.test(text)) {
          if (after[0].dynamic)
            return { unfollowable: 'env of a bash function from a variable or substitution' };
          functions.push(text.slice(text.indexOf('=') + 1).replace(/^\s*\(\s*\)/, ''));
        }
        after = after.slice(1);
      }
      if (split !== undefined) {
        const parts = parseShell(split);
        const first = parts[0];
        if (parts.length !== 1 || first === undefined || first.type !== 'command')
          return { unfollowable: 'env -S with a string that is not one command' };
        return { rest: [...first.words, ...after] };
      }
      return functions.length === 0
        ? { rest: after }
        : { rest: after, follow: { line: functions.join('\n'), what: 'env BASH_FUNC_' } };
    }
    default:
      return 'not-a-prefix';
  }
}

/** `bash [options] -c STRING`, `bash script.sh`, or `bash` reading its input. */
function readShellArgs(args: ShellWord[]): { command?: ShellWord; script?: string } {
  let wantsCommand = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word === undefined) break;
    const text = word.text;
    if (text === '--') {
      const next = args[i + 1];
      return wantsCommand ? (next ? { command: next } : {}) : next ? { script: next.text } : {};
    }
    if (
      text === '-o' ||
      text === '-O' ||
      text === '+o' ||
      text === '+O' ||
      text === '--rcfile' ||
      text === '--init-file'
    ) {
      i++;
      continue;
    }
    if (/^[-+][A-Za-z]+$/.test(text)) {
      if (text.startsWith('-') && text.includes('c')) wantsCommand = true;
      if (text === '-s') return {};
      continue;
    }
    if (text.startsWith('--')) continue;
    return wantsCommand ? { command: word } : { script: text };
  }
  return {};
}

/** `git -C dir -c k=v --no-pager push …` → `push …`; a `-c` that runs a command is unfollowable. */
function normalizeGit(args: ShellWord[]): { args: ShellWord[] } | { unfollowable: string } {
  let i = 0;
  while (i < args.length) {
    const word = args[i];
    const text = word?.text ?? '';
    if (text === '-c' || text === '--config-env') {
      const value = args[i + 1];
      if (value !== undefined && (value.dynamic || GIT_RUNNING_KEYS.test(value.text)))
        return { unfollowable: `git -c ${value.text} runs a command of its own` };
      i += 2;
      continue;
    }
    if (text.startsWith('-c') && text.length > 2) {
      if (GIT_RUNNING_KEYS.test(text.slice(2)))
        return { unfollowable: `git ${text} runs a command of its own` };
      i++;
      continue;
    }
    if (text === '-C' || text === '--git-dir' || text === '--work-tree' || text === '--namespace') {
      i += 2;
      continue;
    }
    if (text.startsWith('-')) {
      i++;
      continue;
    }
    break;
  }
  return { args: args.slice(i) };
}

/** `find … -exec cmd {} ;`: the find's own words, and each command it runs. */
function splitFindExec(args: ShellWord[]): { args: ShellWord[]; execs: ShellWord[][] } {
  const own: ShellWord[] = [];
  const execs: ShellWord[][] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word === undefined) break;
    if (['-exec', '-execdir', '-ok', '-okdir'].includes(word.text)) {
      own.push(word);
      const exec: ShellWord[] = [];
      i++;
      while (i < args.length && args[i]?.text !== ';' && args[i]?.text !== '+') {
        const next = args[i];
        if (next) exec.push(next);
        i++;
      }
      if (exec.length > 0) execs.push(exec);
      continue;
    }
    own.push(word);
  }
  return { args: own, execs };
}
