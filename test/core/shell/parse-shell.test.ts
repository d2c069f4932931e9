import { describe, expect, it } from 'vitest';
import { MAX_SHELL_DEPTH, MAX_SHELL_LINE } from '../../../src/core/shell/parse-shell.ts';
import { parseShellCommands } from '../../../src/core/shell/resolve-command.ts';

/** A line as what it runs: each command's words joined, or `?reason` for what cannot be followed. */
function commandsOf(line: string): string[] {
  return parseShellCommands(line).map((part) =>
    part.type === 'command'
      ? [...part.words, ...part.paths.map((path) => `>${path}`)].join(' ')
      : `?${part.reason}`,
  );
}

describe('shell lines as the commands they run', () => {
  it.each([
    ['psql -c "drop table x"', ['psql -c drop table x']],
    ['a && b || c; d & e', ['a', 'b', 'c', 'd', 'e']],
    ['a\nb\n\nc', ['a', 'b', 'c']],
    ['a | b |& c', ['a', 'b', 'c']],
    ['(a; (b && c))', ['a', 'b', 'c']],
    ['{ a; b; }', ['a', 'b']],
    ['if a; then b; elif c; then d; else e; fi', ['a', 'b', 'c', 'd', 'e']],
    ['for x in 1 2; do a "$x"; done', ['a $x']],
    ['while a; do b; done', ['a', 'b']],
    ['until a; do b; done', ['a', 'b']],
    ['case $x in a|b) c;; (d) e;; esac', ['c', 'e']],
    ['f() { a; }', ['a']],
    ['function f { a; }', ['a']],
    ['function f ( ) { a; }; f', ['a', 'f']],
    ['echo $(a $(b))', ['b', 'a $(…)', 'echo $(…)']],
    ['echo `a`', ['a', 'echo `…`']],
    ['diff <(a) >(b)', ['a', 'b', 'diff /dev/fd/63 /dev/fd/63']],
    ['X=1 Y="2 3" a b', ['a b']],
    ['X=1', []],
    ['> out.txt', ['>out.txt']],
    ['a > x 2>&1 >> y < z', ['a >x >y >z']],
    ['a 2>/dev/null', ['a >/dev/null']],
    ["p''sql", ['psql']],
    ['p""sql', ['psql']],
    ['\'p\'"s"ql', ['psql']],
    ['ps\\ql', ['psql']],
    ["$'\\x70sql'", ['psql']],
    ["$'\\160sql'", ['psql']],
    ["$'\\u0070sql'", ['psql']],
    ["$'\\U00000070sql'", ['psql']],
    ["$'a\\tb'", ['a\tb']],
    ["$'it\\'s'", ["it's"]],
    ['echo "a \\"b\\" \\$c"', ['echo a "b" $c']],
    ["echo 'a \\n b'", ['echo a \\n b']],
    ['a \\\n b', ['a b']],
    ['a # comment', ['a']],
    ['echo a#b', ['echo a#b']],
    ['(( x = 1 + 2 ))', []],
    ['echo $((1 + $(a)))', ['a', 'echo $((…))']],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell line, not a template
    ['echo ${x:-$(a)}', ['a', 'echo ${…}']],
    ['sudo -u postgres psql', ['psql']],
    ['sudo -Eu postgres psql', ['psql']],
    ['env -i -u X A=1 psql', ['psql']],
    ['env -S "psql -c x" y', ['psql -c x y']],
    ['nice -n 5 nohup time timeout -s KILL 5 stdbuf -oL psql', ['psql']],
    ['xargs -0 -n 1 psql -f', ['psql -f']],
    ['xargs', ['echo']],
    [
      'find . -name x -exec rm {} \\; -exec psql -f {} +',
      ['rm {}', 'psql -f {}', 'find . -name x -exec -exec'],
    ],
    ['bash -c "a && b"', ['a', 'b']],
    ['bash <<EOF\na\nb\nEOF\nc', ['a', 'b', 'c']],
    ["cat <<'EOF'\n$(a)\nEOF", ['cat']],
    ['cat <<EOF\n$(a)\nEOF', ['cat', 'a']],
    ['bash <<< "a; b"', ['a', 'b']],
    ['eval "a; b"', ['a', 'b']],
    ['git -C x -c user.name=y --no-pager push', ['git push']],
    ['command -v psql', ['command -v psql']],
    ['alias ll', ['alias ll']],
    ['echo "`a` and $(b)"', ['a', 'b', 'echo  and $(…)']],
    [`${'nice '.repeat(31)}psql`, ['psql']],
    ['ps\\\nql -c x', ['psql -c x']],
    ['psql\\', ['psql']],
    ['$"psql" -c x', ['psql -c x']],
    ['echo "a \\$b \\"c\\" \\\\ \\q"', ['echo a $b "c" \\ \\q']],
    ['echo `echo \\`b\\``', ['b', 'echo `\u2026`', 'echo `\u2026`']],
    ['for ((i=0; i<3; i++)); do a; done', ['a']],
    ['case $x in\n a) b;;\n c) d;;\nesac', ['b', 'd']],
    ['echo ${x:-"y z"}', ['echo ${\u2026}']],
    ['echo $(( 1 + $(a) ))', ['a', 'echo $((\u2026))']],
    ['echo ${x/y/$(b)}', ['b', 'echo ${\u2026}']],
    ['echo "${x}" $1 $@', ['echo ${\u2026} $1 $@']],
    ["echo ${x:-'a}b'}", ['echo ${\u2026}']],
    ['a 3>&1 1>&2 2>&3', ['a']],
    ['a <<< $(b)', ['b', 'a']],
    ['for x in $(a); do\n b\ndone', ['a', 'b']],
    ['sudo -u postgres -E psql', ['psql']],
    ['doas psql', ['psql']],
    ['time -p psql', ['psql']],
    ['timeout --signal=KILL 5 psql', ['psql']],
    ['env -u X -i Y=1 psql', ['psql']],
    ['exec psql', ['psql']],
    ['watch -n 5 psql', ['psql']],
    ['ionice -c 3 psql', ['psql']],
    ['builtin echo x', ['echo x']],
    ['xargs -I{} psql -f {}', ['psql -f {}']],
    ['find . -execdir psql {} +', ['psql {}', 'find . -execdir']],
    ['find . -ok rm {} \\;', ['rm {}', 'find . -ok']],
  ])('%j runs %j', (line, expected) => {
    expect(commandsOf(line)).toEqual(expected);
  });

  it.each([
    ['$X', 'the command name comes from a variable or substitution ($X)'],
    ['$(echo a) b', 'the command name comes from a variable or substitution ($(…))'],
    ['source x', 'source runs the commands of a file, which cannot be read here'],
    ['. x', '. runs the commands of a file, which cannot be read here'],
    ['bash x.sh', 'bash runs a script file (x.sh), which cannot be read here'],
    ['curl x | sh', 'sh reads the commands to run from its input, which cannot be read here'],
    ['python -c x', 'python -c runs inline code, which cannot be read here'],
    ['perl -e x', 'perl -e runs inline code, which cannot be read here'],
    ['git -c alias.x=!y x', 'git -c alias.x=!y runs a command of its own'],
    ['echo "a', 'unbalanced quotes: a " is not closed'],
    ["echo 'a", "unbalanced quotes: a ' is not closed"],
    ['a)', 'unbalanced parentheses: a ")" closes nothing'],
    ['eval "$X"', 'eval of a variable or substitution'],
    ['ps* x', 'the command name is a file-name pattern (ps*)'],
    ['a ;; b', '";;" outside a case'],
    ['case x in a) b', 'a case statement without esac'],
    ['case x a) b;; esac', 'a case statement that cannot be read'],
    ['case x in a', 'a case pattern without ")"'],
    ['case x in a > b) c;; esac', 'a case pattern that cannot be read'],
    ['a >', 'a redirection ">" without a target'],
    ['a 2>&', 'a redirection ">&" without a target'],
    ['(a', 'unbalanced parentheses: a "(" is not closed'],
    ['echo `a', 'unbalanced quotes: a ` is not closed'],
    ['a $(( 1 + ', 'unbalanced "(": it is not closed'],
    ['echo ${x', 'unbalanced "{": it is not closed'],
    [`${'nice '.repeat(40)}psql -c x`, 'more than 32 prefixes before the command'],
  ])('%j cannot be followed: %s', (line, reason) => {
    expect(commandsOf(line)).toContain(`?${reason}`);
  });

  describe('bounded cost', () => {
    it(`does not parse a line over ${MAX_SHELL_LINE / 1024} KiB`, () => {
      expect(commandsOf(`echo ${'a'.repeat(MAX_SHELL_LINE)}`)).toEqual([
        '?the command is longer than 64 KiB',
      ]);
    });

    it(`stops at ${MAX_SHELL_DEPTH} levels of nesting`, () => {
      const deep = `${'$('.repeat(MAX_SHELL_DEPTH + 5)}a${')'.repeat(MAX_SHELL_DEPTH + 5)}`;
      expect(commandsOf(`echo ${deep}`).some((part) => part.startsWith('?the command nests deeper'))).toBe(
        true,
      );
    });

    it('follows nested shells and eval up to the depth, and no further', () => {
      expect(commandsOf(`bash -c "sh -c 'eval psql'"`)).toEqual(['psql']);
      expect(commandsOf(`${'eval '.repeat(MAX_SHELL_DEPTH + 3)}psql`)).toEqual([
        `?eval nests deeper than ${MAX_SHELL_DEPTH} levels`,
      ]);
    });

    it('stops after 1000 commands', () => {
      const parts = commandsOf('a;'.repeat(1500));
      expect(parts.length).toBeLessThanOrEqual(1001);
      expect(parts.at(-1)).toMatch(/more than 1000 commands/);
    });
  });
});
