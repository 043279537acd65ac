import { Resource } from './types';

/** The marker for a value the engine cannot know before deploy. Rules turn it into UNKNOWN, never a pass. */
export const UNRESOLVED: unique symbol = Symbol('unresolved');
export type Unresolved = typeof UNRESOLVED;

export function isUnresolved(value: unknown): value is Unresolved {
  return value === UNRESOLVED;
}

/** A CloudFormation export (`Outputs.X.Export.Name`) visible to every input of one model. */
export interface ExportEntry {
  readonly name: string;
  readonly value: unknown;
  readonly sourceFile: string;
}

/** CloudFormation `Parameters` of one file, for Ref to a parameter with a Default. */
export type ParameterDefaults = Map<string, Map<string, unknown>>;

const TF_REF = /\$\{((?:module\.[A-Za-z0-9_-]+\.)*(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)((?:\.[A-Za-z0-9_]+|\[[^\]]*\])*)\}/g;
const CFN_INTRINSICS = new Set([
  'Ref', 'Fn::GetAtt', 'Fn::Sub', 'Fn::Join', 'Fn::ImportValue', 'Fn::If', 'Fn::Select', 'Fn::Split',
  'Fn::FindInMap', 'Fn::Base64', 'Fn::GetAZs', 'Fn::Cidr', 'Fn::Transform', 'Fn::Length', 'Fn::ToJsonString',
]);

/**
 * All resources of all inputs of one run, with the indexes rules use. Built once; every look-up
 * is a map access, so a rule over all resources stays linear in the size of the input.
 */
export class ResourceModel {
  public readonly resources: readonly Resource[];
  private readonly byKey = new Map<string, Resource>();
  private readonly byAddressOnly = new Map<string, Resource[]>();
  private readonly byType = new Map<string, Resource[]>();
  private readonly referrersOf = new Map<Resource, Resource[]>();
  private readonly exports = new Map<string, ExportEntry>();
  private readonly parameters: ParameterDefaults;

  constructor(resources: readonly Resource[], exportsList: readonly ExportEntry[] = [], parameters: ParameterDefaults = new Map()) {
    this.resources = resources;
    this.parameters = parameters;
    for (const e of exportsList) this.exports.set(e.name, e);
    for (const r of resources) {
      this.byKey.set(key(r.sourceFile, r.address), r);
      push(this.byAddressOnly, r.address, r);
      push(this.byType, r.type, r);
    }
    for (const r of resources) {
      const seen = new Set<Resource>();
      for (const t of this.targets(r.properties, r)) {
        if (t !== r && !seen.has(t)) {
          seen.add(t);
          push(this.referrersOf, t, r);
        }
      }
    }
  }

  /** The resource at an address, preferring the same file as `from`. */
  public byAddress(address: string, from?: Resource): Resource | undefined {
    if (from) {
      const same = this.byKey.get(key(from.sourceFile, address));
      if (same) return same;
    }
    const all = this.byAddressOnly.get(address);
    return all && all.length === 1 ? all[0] : undefined;
  }

  public ofType(...types: string[]): readonly Resource[] {
    if (types.length === 1) return this.byType.get(types[0]) ?? [];
    return types.flatMap((t) => this.byType.get(t) ?? []);
  }

  /** Resources whose properties reference `target`, optionally only of some types. */
  public referrers(target: Resource, ...types: string[]): readonly Resource[] {
    const all = this.referrersOf.get(target) ?? [];
    return types.length === 0 ? all : all.filter((r) => types.includes(r.type));
  }

  /**
   * The literal value of a property, with intrinsics and Terraform interpolations resolved where
   * the input says what they are. Whatever is only known at deploy becomes UNRESOLVED (deep inside
   * objects and arrays too). `undefined` means absent.
   */
  public resolve(value: unknown, from: Resource, depth = 0): unknown {
    if (depth > 32) return UNRESOLVED;
    if (value === null || value === undefined) return value;
    if (typeof value === 'string') return from.format === 'cloudformation' ? value : this.resolveTfString(value, from, depth);
    if (Array.isArray(value)) return value.map((v) => this.resolve(v, from, depth + 1));
    if (typeof value !== 'object') return value;
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (from.format === 'cloudformation' && keys.length === 1 && CFN_INTRINSICS.has(keys[0])) {
      return this.resolveCfnIntrinsic(keys[0], obj[keys[0]], from, depth);
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = this.resolve(obj[k], from, depth + 1);
    return out;
  }

  /** Resolve the property at a dotted path (`ObjectLockConfiguration.Rule.DefaultRetention.Mode`). */
  public get(resource: Resource, path: string): unknown {
    let cur: unknown = resource.properties;
    for (const part of path.split('.')) {
      cur = this.resolve(cur, resource);
      if (isUnresolved(cur)) return UNRESOLVED;
      if (cur === null || cur === undefined) return undefined;
      if (Array.isArray(cur)) {
        // Terraform single nested blocks may be written as an object or a one-element array.
        if (/^\d+$/.test(part)) {
          cur = cur[Number(part)];
          continue;
        }
        if (cur.length === 0) return undefined;
        cur = cur[0];
        cur = this.resolve(cur, resource);
        if (isUnresolved(cur)) return UNRESOLVED;
      }
      if (typeof cur !== 'object' || cur === null) return undefined;
      cur = (cur as Record<string, unknown>)[part];
    }
    return this.resolve(cur, resource);
  }

  /** Every resource that a value references (Ref, GetAtt, Sub, Terraform `${type.name.attr}`), in order. */
  public targets(value: unknown, from: Resource): Resource[] {
    const found: Resource[] = [];
    this.collectTargets(value, from, found, 0);
    return found;
  }

  /** The first resource a value references, if any. */
  public target(value: unknown, from: Resource): Resource | undefined {
    return this.targets(value, from)[0];
  }

  private collectTargets(value: unknown, from: Resource, out: Resource[], depth: number): void {
    if (depth > 64 || value === null || value === undefined) return;
    if (typeof value === 'string') {
      if (from.format === 'cloudformation') return;
      for (const m of value.matchAll(TF_REF)) {
        const r = this.byAddress(tfAddress(m[1]), from);
        if (r) out.push(r);
      }
      return;
    }
    if (Array.isArray(value)) {
      for (const v of value) this.collectTargets(v, from, out, depth + 1);
      return;
    }
    if (typeof value !== 'object') return;
    const obj = value as Record<string, unknown>;
    if (from.format === 'cloudformation') {
      if ('Ref' in obj && typeof obj.Ref === 'string') {
        const r = this.byAddress(obj.Ref, from);
        if (r) out.push(r);
        return;
      }
      if ('Fn::GetAtt' in obj) {
        const name = getAttTarget(obj['Fn::GetAtt']);
        const r = name ? this.byAddress(name, from) : undefined;
        if (r) out.push(r);
        return;
      }
      if ('Fn::Sub' in obj) {
        const sub = obj['Fn::Sub'];
        const [template, vars] = Array.isArray(sub) ? [sub[0], sub[1]] : [sub, undefined];
        if (typeof template === 'string') {
          for (const m of template.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}/g)) {
            const r = this.byAddress(m[1], from);
            if (r) out.push(r);
          }
        }
        if (vars) this.collectTargets(vars, from, out, depth + 1);
        return;
      }
      if ('Fn::ImportValue' in obj) {
        const name = this.resolve(obj['Fn::ImportValue'], from);
        const exp = typeof name === 'string' ? this.exports.get(name) : undefined;
        if (exp) {
          const owner = this.resources.find((r) => r.sourceFile === exp.sourceFile) ?? from;
          this.collectTargets(exp.value, owner, out, depth + 1);
        }
        return;
      }
    }
    for (const v of Object.values(obj)) this.collectTargets(v, from, out, depth + 1);
  }

  private resolveCfnIntrinsic(fn: string, arg: unknown, from: Resource, depth: number): unknown {
    switch (fn) {
      case 'Ref': {
        if (typeof arg !== 'string') return UNRESOLVED;
        const param = this.parameters.get(from.sourceFile)?.get(arg);
        if (param !== undefined) return this.resolve(param, from, depth + 1);
        return UNRESOLVED;
      }
      case 'Fn::Join': {
        if (!Array.isArray(arg) || arg.length !== 2 || !Array.isArray(arg[1])) return UNRESOLVED;
        const sep = this.resolve(arg[0], from, depth + 1);
        const parts = arg[1].map((p) => this.resolve(p, from, depth + 1));
        if (typeof sep !== 'string' || parts.some((p) => typeof p !== 'string' && typeof p !== 'number')) return UNRESOLVED;
        return parts.join(sep);
      }
      case 'Fn::Sub': {
        const [template, vars] = Array.isArray(arg) ? [arg[0], arg[1] as Record<string, unknown> | undefined] : [arg, undefined];
        if (typeof template !== 'string') return UNRESOLVED;
        let failed = false;
        const text = template.replace(/\$\{(!?)([^}]+)\}/g, (whole, bang: string, name: string) => {
          if (bang) return `\${${name}}`;
          const v = vars && name in vars ? this.resolve(vars[name], from, depth + 1) : this.resolveCfnIntrinsic('Ref', name, from, depth + 1);
          if (typeof v === 'string' || typeof v === 'number') return String(v);
          failed = true;
          return whole;
        });
        return failed ? UNRESOLVED : text;
      }
      case 'Fn::ImportValue': {
        const name = this.resolve(arg, from, depth + 1);
        const exp = typeof name === 'string' ? this.exports.get(name) : undefined;
        if (!exp) return UNRESOLVED;
        const owner = this.resources.find((r) => r.sourceFile === exp.sourceFile) ?? from;
        return this.resolve(exp.value, owner, depth + 1);
      }
      case 'Fn::Select': {
        if (!Array.isArray(arg) || arg.length !== 2) return UNRESOLVED;
        const idx = this.resolve(arg[0], from, depth + 1);
        const list = this.resolve(arg[1], from, depth + 1);
        if (!Array.isArray(list)) return UNRESOLVED;
        const i = Number(idx);
        return Number.isInteger(i) && i >= 0 && i < list.length ? list[i] : UNRESOLVED;
      }
      default:
        return UNRESOLVED;
    }
  }

  private resolveTfString(value: string, from: Resource, depth: number): unknown {
    if (!value.includes('${')) return value;
    const whole = /^\$\{([^{}]*)\}$/.exec(value);
    if (whole) {
      const m = /^((?:module\.[A-Za-z0-9_-]+\.)*(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)$/.exec(whole[1].trim());
      if (!m) return UNRESOLVED;
      const target = this.byAddress(tfAddress(m[1]), from);
      if (!target || target.address.startsWith('data.')) return UNRESOLVED;
      const attr = target.properties[m[2]];
      if (attr === undefined) return UNRESOLVED;
      return this.resolve(attr, target, depth + 1);
    }
    return UNRESOLVED;
  }
}

function tfAddress(ref: string): string {
  return ref;
}

function getAttTarget(arg: unknown): string | undefined {
  if (Array.isArray(arg) && typeof arg[0] === 'string') return arg[0];
  if (typeof arg === 'string') return arg.split('.')[0];
  return undefined;
}

function key(file: string, address: string): string {
  return `${file}\u0000${address}`;
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

/** The cloud of a resource type. */
export function cloudOf(type: string): Resource['cloud'] {
  if (type.startsWith('AWS::') || type.startsWith('aws_')) return 'aws';
  if (type.startsWith('google_')) return 'gcp';
  if (type.startsWith('azurerm_') || type.startsWith('azuread_') || type.startsWith('azapi_')) return 'azure';
  return 'other';
}
