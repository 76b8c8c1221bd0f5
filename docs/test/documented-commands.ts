import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { VALUES_SCHEMA_FILE, admits, keyPath, setKeys } from './values-schema';

// What a documented command names that must exist: Nx projects and targets, chart values and
// repository files. Returns a sentence per problem; an empty list means the command is sound.

/** project → its target names, from `nx graph --file` (inferred targets included). */
export type TargetsByProject = Map<string, Set<string>>;

/** Nx's own commands: not targets. */
const NX_COMMANDS = new Set([
  'add',
  'affected',
  'connect',
  'daemon',
  'exec',
  'format',
  'format:check',
  'format:write',
  'g',
  'generate',
  'graph',
  'import',
  'init',
  'list',
  'migrate',
  'release',
  'repair',
  'report',
  'reset',
  'run',
  'run-many',
  'show',
  'sync',
  'sync:check',
  'view-logs',
  'watch',
]);
const HELM_VALUE_COMMANDS = new Set(['install', 'upgrade', 'template', 'lint']);
const REPOSITORY_PATH = /^(apps|libs|infra|tools|specs|docs)\/[^$*]*$/;

/** The words after `--flag` or in `--flag=a,b`, up to the next option. */
function optionValues(words: string[], names: string[]): string[] {
  const values: string[] = [];
  words.forEach((word, index) => {
    const [flag, inline] = word.split(/=(.*)/s);
    if (!names.includes(flag!)) return;
    if (inline !== undefined) return values.push(...inline.split(','));
    for (const next of words.slice(index + 1)) {
      if (next.startsWith('-')) break;
      values.push(...next.split(','));
    }
  });
  return values.filter(Boolean);
}

function nxProblems(args: string[], targets: TargetsByProject): string[] {
  const own = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
  const [command, ...rest] = own;
  if (!command || command.startsWith('-')) return [];
  const hasTarget = (project: string, target: string) => targets.get(project)?.has(target);
  const anyHas = (target: string) => [...targets.values()].some((names) => names.has(target));
  const problems: string[] = [];
  const checkTaskRef = (ref: string) => {
    const [project = '', target = ''] = ref.split(':');
    if (!targets.has(project)) problems.push(`no Nx project "${project}" (in ${ref})`);
    else if (!hasTarget(project, target))
      problems.push(`project ${project} has no target "${target}"`);
  };
  if (command === 'run') checkTaskRef(rest[0] ?? '');
  else if (command === 'run-many' || command === 'affected') {
    const wanted = optionValues(rest, ['-t', '--target', '--targets']);
    const projects = optionValues(rest, ['-p', '--projects']).filter((p) => !/[*!]/.test(p));
    if (!wanted.length && command === 'run-many') problems.push('nx run-many without -t');
    for (const project of projects)
      if (!targets.has(project)) problems.push(`no Nx project "${project}"`);
    for (const target of wanted) {
      const found = projects.length
        ? projects.some((project) => hasTarget(project, target))
        : anyHas(target);
      if (!found)
        problems.push(
          `no project${projects.length ? ` of ${projects}` : ''} has target "${target}"`,
        );
    }
  } else if (command.includes(':') && !NX_COMMANDS.has(command)) checkTaskRef(command);
  else if (!NX_COMMANDS.has(command)) {
    // `nx <target> <project>`
    const project = rest.find((word) => !word.startsWith('-'));
    if (!project) problems.push(`nx ${command}: no project named`);
    else if (!targets.has(project)) problems.push(`no Nx project "${project}"`);
    else if (!hasTarget(project, command))
      problems.push(`project ${project} has no target "${command}"`);
  }
  return problems;
}

const SET_FLAGS = ['--set', '--set-string', '--set-json', '--set-file'];

/** `--set` keys given to this project's chart (another chart's keys are its own business). */
function helmProblems(args: string[], schema: object): string[] {
  if (!HELM_VALUE_COMMANDS.has(args[0] ?? '')) return [];
  if (!args.some((word) => word.replace(/^\.\//, '').replace(/\/$/, '') === 'infra/helm/todo'))
    return [];
  const keys = args.flatMap((word, index) => {
    const [flag, inline] = word.split(/=(.*)/s);
    return SET_FLAGS.includes(flag!) ? setKeys(inline ?? args[index + 1] ?? '') : [];
  });
  return keys
    .filter((key) => !admits(schema, keyPath(key)))
    .map((key) => `the chart's values schema (${VALUES_SCHEMA_FILE}) has no "${key}"`);
}

/** Problems with one simple command (its words, as `shellCommands` reads them). */
export function commandProblems(
  words: string[],
  root: string,
  targets: TargetsByProject,
  schema: object,
): string[] {
  // Leading VAR=value assignments, then the program (through npx, sudo or env).
  let start = 0;
  while (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[start] ?? '')) start++;
  while (['npx', 'sudo', 'env', 'exec', 'time'].includes(words[start] ?? '')) start++;
  const program = (words[start] ?? '').split('/').pop();
  const args = words.slice(start + 1);
  const problems = words
    .filter((word) => REPOSITORY_PATH.test(word) && !existsSync(join(root, word)))
    .map((word) => `no file or folder ${word} in the repository`);
  if (program === 'nx') problems.push(...nxProblems(args, targets));
  if (program === 'helm' || program === '$HELM') problems.push(...helmProblems(args, schema));
  return problems;
}
