import * as path from 'path';
import { CdktfStack, LoadedTemplate, TerraformBackend, isPlainObject } from './template';

/**
 * The state of another stack of the same cdktf.out that a stack's `terraform_remote_state` data
 * source certainly reads (crossStackReads): `data.terraform_remote_state.NAME.outputs.OUT` is that
 * stack's `output.OUT.value`, resolved in its configuration.
 */
export interface RemoteStackState {
  /** The producing stack's name (its key in the cdktf.out manifest.json). */
  readonly stack: string;
  /** The producing stack's configuration (LoadedTemplate.configuration). */
  readonly configuration: string;
  /** Its outputs by name. */
  readonly outputs: ReadonlyMap<string, StackOutput>;
}

/** One `output` block of a stack. */
export interface StackOutput {
  /** Its `value`, as written (merged with its configuration's override files). */
  readonly value: unknown;
  /** The file that declares it: references in its value resolve in that file's configuration. */
  readonly file: string;
}

/** Consumer configuration -> `data.terraform_remote_state.NAME` -> the stack state it reads (RemoteStackState). */
export type CrossStackReads = ReadonlyMap<string, ReadonlyMap<string, RemoteStackState>>;

/** The address prefix of a remote state data source. */
export const REMOTE_STATE_PREFIX = 'data.terraform_remote_state.';

/** One configuration of the templates, with what the cross-stack reads need of it. */
interface Unit {
  readonly configuration: string;
  stack?: CdktfStack;
  readonly backends: TerraformBackend[];
  readonly outputs: Map<string, StackOutput>;
  readonly remoteStates: { name: string; body: unknown }[];
  /** Two of its files name different stacks (never a cdktf synth): no read is certain. */
  mixed: boolean;
}

/**
 * The `terraform_remote_state` data sources of the stacks of a cdktf.out that certainly read
 * another stack of the same cdktf.out, as CDKTF writes a cross-stack reference: the producing stack
 * gets an output, the consuming one a `terraform_remote_state` whose `backend` and `config` are the
 * producing stack's backend block (the local backend's `path`, relative to each stack's own folder
 * where it is relative; a remote backend's bucket, key, container...), and whose `workspace` is
 * absent or `${terraform.workspace}`. Certain means: both are stacks of one cdktf.out whose
 * manifest.json names them, the producing stack's configuration declares exactly one backend (not
 * `cloud`), no value in either is an interpolation, exactly one other stack of the folder has that
 * backend, and the data source has no `count` or `for_each`. Any other remote state (another
 * backend, another path, a stack of another folder, a file checked without its manifest) reads
 * nothing the input holds: its outputs stay known only at deploy.
 */
export function crossStackReads(templates: readonly LoadedTemplate[]): CrossStackReads {
  const units = new Map<string, Unit>();
  for (const t of templates) {
    if (t.format !== 'terraform-json') continue;
    const configuration = t.configuration ?? t.file;
    let u = units.get(configuration);
    if (!u) units.set(configuration, (u = { configuration, backends: [], outputs: new Map(), remoteStates: [], mixed: false, stack: t.cdktfStack }));
    if (t.cdktfStack) {
      if (!u.stack) u.stack = t.cdktfStack;
      else if (!sameStack(u.stack, t.cdktfStack)) u.mixed = true;
    }
    u.backends.push(...(t.backends ?? []));
    for (const b of t.namedBlocks ?? []) {
      if (b.kind === 'output') {
        const body = bodyOf(b.body);
        if (body) u.outputs.set(b.name.slice('output.'.length), { value: body.value, file: t.file });
      } else if (b.kind === 'data' && b.name.startsWith(REMOTE_STATE_PREFIX)) u.remoteStates.push({ name: b.name, body: b.body });
    }
  }
  // Assembly and state -> the stacks that keep their state there.
  const producers = new Map<string, Unit[]>();
  for (const u of units.values()) {
    if (!u.stack || u.mixed || u.backends.length !== 1) continue;
    const key = stateKey(u.stack, u.backends[0].type, u.backends[0].config);
    if (key === undefined) continue;
    const at = producers.get(key);
    if (at) at.push(u);
    else producers.set(key, [u]);
  }
  const out = new Map<string, Map<string, RemoteStackState>>();
  if (producers.size === 0) return out;
  for (const u of units.values()) {
    if (!u.stack || u.mixed) continue;
    for (const rs of u.remoteStates) {
      const body = bodyOf(rs.body);
      if (!body || body.count !== undefined || body.for_each !== undefined || typeof body.backend !== 'string') continue;
      if (body.workspace !== undefined && body.workspace !== '${terraform.workspace}') continue;
      const key = stateKey(u.stack, body.backend, body.config ?? {});
      const found = key === undefined ? undefined : producers.get(key);
      if (!found || found.length !== 1 || found[0] === u) continue;
      const p = found[0];
      let reads = out.get(u.configuration);
      if (!reads) out.set(u.configuration, (reads = new Map()));
      reads.set(rs.name, { stack: (p.stack as CdktfStack).name, configuration: p.configuration, outputs: p.outputs });
    }
  }
  return out;
}

function sameStack(a: CdktfStack, b: CdktfStack): boolean {
  return a.assembly === b.assembly && a.name === b.name;
}

/**
 * What identifies a state as seen from a stack: its cdktf.out, the backend type and its config
 * (local paths made absolute from the stack's folder), keys in order; undefined when the config is
 * not an object of literals (an interpolation, a `cloud` block).
 */
function stateKey(stack: CdktfStack, type: string, config: unknown): string | undefined {
  if (type === '' || type === 'cloud') return undefined;
  const c = bodyOf(config);
  if (!c || !literal(c, 0)) return undefined;
  const normalized: Record<string, unknown> = { ...c };
  if (type === 'local') {
    for (const k of ['path', 'workspace_dir']) {
      const v = normalized[k];
      if (typeof v === 'string') normalized[k] = path.resolve(stack.directory, v);
      else if (v !== undefined) return undefined;
    }
    // Terraform's default local state: terraform.tfstate in the folder it runs in.
    if (normalized.path === undefined) normalized.path = path.resolve(stack.directory, 'terraform.tfstate');
  }
  return JSON.stringify([stack.assembly, type, sorted(normalized)]);
}

/** Whether a value holds no interpolation or directive (`${`, `%{`), at any depth. */
function literal(v: unknown, depth: number): boolean {
  if (depth > 16) return false;
  if (typeof v === 'string') return !v.includes('${') && !v.includes('%{');
  if (Array.isArray(v)) return v.every((x) => literal(x, depth + 1));
  if (isPlainObject(v)) return Object.values(v).every((x) => literal(x, depth + 1));
  return true;
}

/** A value with the keys of every object in order, so that two equal configs print the same. */
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sorted(v[k]);
  return out;
}

/** A block body as an object: the object, or the one element of a one-element list. */
function bodyOf(v: unknown): Record<string, unknown> | undefined {
  if (isPlainObject(v)) return v;
  return Array.isArray(v) && v.length === 1 && isPlainObject(v[0]) ? v[0] : undefined;
}
