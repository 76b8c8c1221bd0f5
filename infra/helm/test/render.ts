import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

export const chartDir = resolve(__dirname, '../todo');
export const ciValuesFiles = ['default', 'external-db', 'hpa', 'minimal', 'todo-local'].map(
  (name) => join(chartDir, 'ci', `${name}-values.yaml`),
);

/** A Kubernetes object as rendered; tests reach into it by path. */
export type K8sObject = { apiVersion: string; kind: string; metadata: any; spec?: any; data?: any };

export interface RenderOptions {
  values?: Record<string, unknown>;
  valuesFiles?: string[];
  helm?: 3 | 4;
  release?: string;
  namespace?: string;
  extraArgs?: string[];
}

export function helmBinary(major: 3 | 4 = 3): string {
  const path = process.env[`TODO_HELM${major}`];
  if (!path) throw new Error(`TODO_HELM${major} is not set: the Jest global setup installs helm`);
  return path;
}

/** `helm template` output as text; throws with helm's stderr when it fails. */
export function renderText(options: RenderOptions = {}): string {
  const { values, valuesFiles = [], helm = 3, release = 'todo', namespace = 'todo' } = options;
  const dir = mkdtempSync(join(tmpdir(), 'todo-chart-'));
  try {
    const files = [...valuesFiles];
    if (values) {
      files.push(join(dir, 'values.yaml'));
      writeFileSync(files[files.length - 1] as string, stringify(values));
    }
    const args = ['template', release, chartDir, '--namespace', namespace];
    for (const file of files) args.push('--values', file);
    args.push(...(options.extraArgs ?? []));
    return execFileSync(helmBinary(helm), args, { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr;
    throw new Error(stderr ? stderr.trim() : String(error));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function render(options: RenderOptions = {}): K8sObject[] {
  return parseAllDocuments(renderText(options))
    .map((doc) => doc.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null);
}

/** The message `helm template` fails with for these options. */
export function renderError(options: RenderOptions): string {
  try {
    renderText(options);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected helm template to fail, but it rendered');
}

export function find(objects: K8sObject[], kind: string, nameSuffix: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name.endsWith(nameSuffix));
  if (!found) throw new Error(`no ${kind} named *${nameSuffix} in the render`);
  return found;
}

export function kinds(objects: K8sObject[]): string[] {
  return objects.map((o) => `${o.kind}/${o.metadata.name}`).sort();
}

/** Pod templates of workloads, and bare pods (helm test). */
export function podSpecs(objects: K8sObject[]) {
  return objects.flatMap((object) => {
    if (object.kind === 'Pod')
      return [{ object, labels: object.metadata.labels, spec: object.spec }];
    const template = object.spec?.template ?? object.spec?.jobTemplate?.spec?.template;
    return template ? [{ object, labels: template.metadata.labels, spec: template.spec }] : [];
  });
}

export function matchesSelector(
  labels: Record<string, string>,
  selector: { matchLabels?: Record<string, string> },
): boolean {
  return Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}
