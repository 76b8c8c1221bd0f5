import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Whether a `--set` key names a value the chart's schema admits: its path walked through the
// schema's properties, references, combinators and arrays. The chart refuses unknown keys
// (additionalProperties: false), so a key the schema does not reach is a documentation error.

type Schema = Record<string, any>;

export const VALUES_SCHEMA_FILE = 'infra/helm/todo/values.schema.json';

export function loadValuesSchema(root: string): Schema {
  return JSON.parse(readFileSync(join(root, VALUES_SCHEMA_FILE), 'utf8'));
}

/** A `--set` key as path segments: `a.b[0].c` → a, b, 0, c; `\.` stays inside a segment. */
export function keyPath(key: string): string[] {
  return key
    .split(/(?<!\\)\./)
    .flatMap((part) => part.replace(/\\\./g, '.').split(/[[\]]/).filter(Boolean));
}

/** The keys of one `--set` argument: `a=1,b.c=2` → a, b.c (`\,` is a comma inside a value). */
export function setKeys(argument: string): string[] {
  return argument
    .split(/(?<!\\),/)
    .map((pair) => pair.split('=')[0]!)
    .filter(Boolean);
}

function resolve(root: Schema, node: Schema): Schema[] {
  if (node.$ref) {
    const target = (node.$ref as string)
      .replace(/^#\//, '')
      .split('/')
      .reduce((at: Schema, part) => at?.[part], root);
    return target ? resolve(root, target) : [];
  }
  const branches = [...(node.allOf ?? []), ...(node.anyOf ?? []), ...(node.oneOf ?? [])];
  return [node, ...branches.flatMap((branch: Schema) => resolve(root, branch))];
}

/** Whether the schema admits a value at `path`. */
export function admits(root: Schema, path: string[]): boolean {
  let nodes = resolve(root, root);
  for (const segment of path) {
    nodes = nodes.flatMap((node): Schema[] => {
      if (/^\d+$/.test(segment) && node.items) return resolve(root, node.items);
      if (node.properties?.[segment]) return resolve(root, node.properties[segment]);
      for (const [pattern, schema] of Object.entries(node.patternProperties ?? {}))
        if (new RegExp(pattern).test(segment)) return resolve(root, schema as Schema);
      if (node.additionalProperties && typeof node.additionalProperties === 'object')
        return resolve(root, node.additionalProperties);
      // An object with no properties and no additionalProperties rule (an annotations map, a
      // resources block), or a node with no constraint at all, admits any key.
      const annotations = ['description', 'default', 'title', 'examples', '$comment'];
      const unconstrained = Object.keys(node).every((key) => annotations.includes(key));
      const freeForm =
        (node.type === 'object' && !node.properties && node.additionalProperties !== false) ||
        unconstrained;
      return freeForm ? [{}] : [];
    });
    if (!nodes.length) return false;
  }
  return true;
}
