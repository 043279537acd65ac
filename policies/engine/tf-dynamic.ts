/**
 * Terraform `dynamic` blocks as Terraform JSON writes them: inside a resource (or inside one of its
 * blocks), `"dynamic": { "<block>": { "for_each": ..., "content": { ... } } }` generates zero or
 * more `<block>` blocks at plan time. HCL's JSON form also allows a list at either level
 * (`"dynamic": [{ "<block>": ... }]`, `"<block>": [{ ... }]`). The engine does not evaluate
 * for_each, so what a dynamic block makes is known only at deploy. `terraform show -json` plans
 * hold the expanded blocks and no `dynamic` key.
 */
import { Resource } from './types';

const cache = new WeakMap<Resource, boolean>();

/** Whether a resource's configuration writes a `dynamic` block anywhere (cached; most write none). */
function writesDynamic(resource: Resource): boolean {
  let found = cache.get(resource);
  if (found === undefined) cache.set(resource, (found = resource.format === 'terraform-json' && hasKey(resource.properties, 'dynamic')));
  return found;
}

function hasKey(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some((v) => hasKey(v, key));
  if (!value || typeof value !== 'object') return false;
  const obj = value as Record<string, unknown>;
  if (key in obj) return true;
  for (const k in obj) if (hasKey(obj[k], key)) return true;
  return false;
}

/** The objects a value stands for as a block: itself, or each element of a list of blocks. */
function asBlocks(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v));
}

/** Whether a block body has a `dynamic` entry generating blocks of that name. */
function dynamicIn(body: Record<string, unknown>, name: string): boolean {
  return asBlocks(body.dynamic).some((d) => name in d);
}

/**
 * The dotted path prefix (`gce_setup.shielded_instance_config`) whose blocks a `dynamic` entry of
 * the configuration generates, or undefined when no step of the path is written as one. Such a
 * block is known only at deploy, written or not: the blocks it generates join any written ones.
 */
export function dynamicBlockOnPath(resource: Resource, path: string): string | undefined {
  if (!writesDynamic(resource)) return undefined;
  let bodies = [resource.properties];
  const parts = path.split('.');
  for (let i = 0; i < parts.length && bodies.length > 0; i++) {
    const part = parts[i];
    if (bodies.some((b) => dynamicIn(b, part))) return parts.slice(0, i + 1).join('.');
    bodies = bodies.flatMap((b) => asBlocks(b[part]));
  }
  return undefined;
}
