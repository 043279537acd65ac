import { ResolveContext, UNRESOLVED } from './unresolved';

/**
 * CloudFormation intrinsic functions, resolved where the input states the answer: Ref to a
 * parameter default (AWS::NoValue as absent), Fn::Join, Fn::Sub, Fn::Select, Fn::Split,
 * Fn::FindInMap, Fn::Base64, Fn::ImportValue (through the exports of every input), Fn::Length,
 * Fn::ToJsonString, and Fn::If by a condition the template states (cfn-conditions.ts) or when both
 * branches agree; a Ref to a parameter a nested stack's parent passes, and a GetAtt of a nested
 * stack's `Outputs.Name`, as the value they stand for where it is written. Everything else (other GetAtt, GetAZs, Cidr, pseudo parameters, conditions over them)
 * is known only at deploy: UNRESOLVED.
 */
export const CFN_INTRINSICS = new Set([
  'Ref', 'Fn::GetAtt', 'Fn::Sub', 'Fn::Join', 'Fn::ImportValue', 'Fn::If', 'Fn::Select', 'Fn::Split',
  'Fn::FindInMap', 'Fn::Base64', 'Fn::GetAZs', 'Fn::Cidr', 'Fn::Transform', 'Fn::Length', 'Fn::ToJsonString',
]);

/** What the intrinsics need of the model. */
export interface IntrinsicHost {
  resolve(value: unknown, from: ResolveContext, depth: number): unknown;
  parameter(file: string, name: string): unknown;
  mapping(file: string): Record<string, unknown> | undefined;
  exportNamed(name: string): { readonly value: unknown; readonly sourceFile: string } | undefined;
  /** A condition's value where the file's template states it. @default none known */
  condition?(file: string, name: string): boolean | undefined;
  /** The value a nested stack's parent passes for a parameter of the file, and where it is written (ResourceModel.passedValue). @default none */
  passed?(file: string, name: string): { readonly value: unknown; readonly from: ResolveContext } | undefined;
  /** The output of a nested stack a GetAtt argument reads back (ResourceModel.nestedOutput). @default none */
  output?(arg: unknown, from: ResolveContext): { readonly value: unknown; readonly from: ResolveContext } | typeof UNRESOLVED | undefined;
}

export function resolveCfnIntrinsic(host: IntrinsicHost, fn: string, arg: unknown, from: ResolveContext, depth: number): unknown {
  switch (fn) {
    case 'Ref': {
      if (typeof arg !== 'string') return UNRESOLVED;
      if (arg === 'AWS::NoValue') return undefined;
      // A parameter a nested stack's parent passes: its value is the parent's, resolved where the parent writes it.
      const passed = host.passed?.(from.sourceFile, arg);
      if (passed) return host.resolve(passed.value, passed.from, depth + 1);
      const param = host.parameter(from.sourceFile, arg);
      if (param !== undefined) return deeper(host, from, depth, param);
      return UNRESOLVED;
    }
    case 'Fn::Join': {
      if (!Array.isArray(arg) || arg.length !== 2) return UNRESOLVED;
      const sep = deeper(host, from, depth, arg[0]);
      const list = deeper(host, from, depth, arg[1]);
      if (typeof sep !== 'string' || !Array.isArray(list)) return UNRESOLVED;
      if (list.some((p) => typeof p !== 'string' && typeof p !== 'number' && typeof p !== 'boolean')) return UNRESOLVED;
      return list.join(sep);
    }
    case 'Fn::Sub': {
      const [template, vars] = Array.isArray(arg) ? [arg[0], arg[1] as Record<string, unknown> | undefined] : [arg, undefined];
      if (typeof template !== 'string') return UNRESOLVED;
      let failed = false;
      const text = substitute(template, (whole, bang, name) => {
        if (bang) return `\${${name}}`;
        const v = vars && typeof vars === 'object' && Object.hasOwn(vars, name) ? deeper(host, from, depth, vars[name]) : resolveCfnIntrinsic(host, name.includes('.') && !name.startsWith('AWS::') ? 'Fn::GetAtt' : 'Ref', name, from, depth + 1);
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
        failed = true;
        return whole;
      });
      return failed ? UNRESOLVED : text;
    }
    case 'Fn::GetAtt': {
      // A nested stack's output: its template's Outputs.Name.Value, resolved there. Any other attribute is the deploy's.
      const output = host.output?.(arg, from);
      return output && output !== UNRESOLVED ? host.resolve(output.value, output.from, depth + 1) : UNRESOLVED;
    }
    case 'Fn::ImportValue': {
      const name = deeper(host, from, depth, arg);
      const exp = typeof name === 'string' ? host.exportNamed(name) : undefined;
      if (!exp) return UNRESOLVED;
      return host.resolve(exp.value, { sourceFile: exp.sourceFile, format: 'cloudformation' }, depth + 1);
    }
    case 'Fn::Select': {
      if (!Array.isArray(arg) || arg.length !== 2) return UNRESOLVED;
      const idx = deeper(host, from, depth, arg[0]);
      const list = deeper(host, from, depth, arg[1]);
      if (!Array.isArray(list)) return UNRESOLVED;
      const i = Number(idx);
      return Number.isInteger(i) && i >= 0 && i < list.length ? list[i] : UNRESOLVED;
    }
    case 'Fn::Split': {
      if (!Array.isArray(arg) || arg.length !== 2) return UNRESOLVED;
      const sep = deeper(host, from, depth, arg[0]);
      const text = deeper(host, from, depth, arg[1]);
      return typeof sep === 'string' && typeof text === 'string' ? text.split(sep) : UNRESOLVED;
    }
    case 'Fn::FindInMap': {
      if (!Array.isArray(arg) || arg.length < 3) return UNRESOLVED;
      const [map, top, second] = arg.slice(0, 3).map((v) => host.resolve(v, from, depth + 1));
      if (typeof map !== 'string' || typeof top !== 'string' || typeof second !== 'string') return UNRESOLVED;
      const table = host.mapping(from.sourceFile)?.[map] as Record<string, Record<string, unknown>> | undefined;
      const v = table?.[top]?.[second];
      return v === undefined ? UNRESOLVED : deeper(host, from, depth, v);
    }
    case 'Fn::Base64': {
      const text = deeper(host, from, depth, arg);
      return typeof text === 'string' ? Buffer.from(text, 'utf8').toString('base64') : UNRESOLVED;
    }
    case 'Fn::If': {
      // A condition the template states picks its branch; otherwise only agreeing branches are known.
      if (!Array.isArray(arg) || arg.length !== 3) return UNRESOLVED;
      const known = typeof arg[0] === 'string' ? host.condition?.(from.sourceFile, arg[0]) : undefined;
      if (known !== undefined) return deeper(host, from, depth, known ? arg[1] : arg[2]);
      const a = deeper(host, from, depth, arg[1]);
      const b = deeper(host, from, depth, arg[2]);
      return a !== UNRESOLVED && (typeof a !== 'object' || a === null) && a === b ? a : UNRESOLVED;
    }
    case 'Fn::Length': {
      const list = deeper(host, from, depth, arg);
      return Array.isArray(list) ? list.length : UNRESOLVED;
    }
    case 'Fn::ToJsonString': {
      const v = deeper(host, from, depth, arg);
      return containsUnresolved(v, 0) ? UNRESOLVED : JSON.stringify(v);
    }
    default:
      return UNRESOLVED;
  }
}

/** One step deeper in an intrinsic's arguments. */
function deeper(host: IntrinsicHost, from: ResolveContext, depth: number, v: unknown): unknown {
  return host.resolve(v, from, depth + 1);
}

function containsUnresolved(v: unknown, depth: number): boolean {
  if (v === UNRESOLVED || depth > 32) return true;
  if (v === null || typeof v !== 'object') return false;
  return Object.values(v as Record<string, unknown>).some((x) => containsUnresolved(x, depth + 1));
}


/**
 * Each `${name}` / `${!literal}` of an Fn::Sub template replaced, in one pass with indexOf: the
 * pattern /\$\{(!?)([^}]+)\}/g backtracks quadratically over a run of `${` without a `}`.
 */
function substitute(template: string, replace: (whole: string, bang: boolean, name: string) => string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const start = template.indexOf('${', i);
    const end = start < 0 ? -1 : template.indexOf('}', start + 2);
    if (end < 0) return out + template.slice(i);
    if (end === start + 2) {
      // `${}` names nothing: kept as it is.
      out += template.slice(i, start + 1);
      i = start + 1;
      continue;
    }
    const inner = template.slice(start + 2, end);
    const bang = inner.startsWith('!') && inner.length > 1;
    out += template.slice(i, start) + replace(template.slice(start, end + 1), bang, bang ? inner.slice(1) : inner);
    i = end + 1;
  }
}
