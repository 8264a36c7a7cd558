import type { Command } from 'commander';
import { ExitCode } from '../exit-codes.js';

/** Every command path (`plugins list`, …) and its options, read from the program itself so completion never drifts. */
function commandTree(command: Command, prefix: string[] = []): { path: string[]; options: string[] }[] {
  const options = command.options.flatMap((o) => [o.long, o.short]).filter((f): f is string => f !== undefined);
  const here = { path: prefix, options: [...options, '--help'] };
  return [here, ...command.commands.flatMap((sub) => commandTree(sub, [...prefix, sub.name()]))];
}

/** The bash completion script: a `case` over the words typed so far. */
function bashScript(program: Command): string {
  const tree = commandTree(program);
  const cases = tree.map((node) => {
    const subs = tree.filter((n) => n.path.length === node.path.length + 1 && node.path.every((w, i) => n.path[i] === w)).map((n) => n.path.at(-1));
    return `    "${node.path.join(' ')}") words="${[...subs, ...node.options].join(' ')}" ;;`;
  });
  return `# berth completion for bash: eval "$(berth completion bash)"  (or save it under /etc/bash_completion.d/berth)
_berth_complete() {
  local cur path="" w i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case "$w" in -*) continue ;; esac
    case " $(_berth_words "\${path# }") " in *" $w "*) path="$path $w" ;; esac
  done
  COMPREPLY=($(compgen -W "$(_berth_words "\${path# }")" -- "$cur"))
}
_berth_words() {
  local words=""
  case "$1" in
${cases.join('\n')}
  esac
  echo "$words"
}
complete -o default -F _berth_complete berth
`;
}

/** The zsh completion script: bash's, through zsh's bashcompinit. */
function zshScript(program: Command): string {
  return `# berth completion for zsh: eval "$(berth completion zsh)"  (in ~/.zshrc)
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bashScript(program)}`;
}

/** `berth completion bash|zsh`: prints a shell completion script for every command and option. */
export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .description('print a shell completion script: eval "$(berth completion bash)" (or zsh)')
    .argument('<shell>', 'bash or zsh')
    .action((shell: string) => {
      if (shell !== 'bash' && shell !== 'zsh') {
        process.stderr.write(`berth completion: unknown shell '${shell}' (bash or zsh)\n`);
        process.exitCode = ExitCode.USAGE;
        return;
      }
      process.stdout.write(shell === 'bash' ? bashScript(program) : zshScript(program));
    });
}
