import { InputError } from './errors';
import { ReadOptions, readTextInput } from './fs';
import { parseSource } from './parse';
import { parseEvidenceContext } from './context';
import { DEFAULT_RULE_CONFIG, RuleConfig, Thresholds } from './types';

/** How each threshold may be set. The Record type makes a new Thresholds key fail type-checking until it is listed here. */
export interface ConfigKeySpec {
  /** The command-line option that sets it (`--retention-floor-days`). */
  readonly flag: string;
  /** What it is, in a lower-case phrase (the CLI help capitalizes it). */
  readonly description: string;
  /** The lowest value accepted. */
  readonly min: number;
  /** The highest value accepted. */
  readonly max: number;
  /** Whether only whole numbers are accepted. */
  readonly integer: boolean;
}

/** The option, description and range of every RuleConfig key. */
export const RULE_CONFIG_SPEC: Readonly<Record<keyof Thresholds, ConfigKeySpec>> = {
  retentionFloorDays: {
    flag: '--retention-floor-days',
    description: 'minimum retention, in days, of every evidence store and log',
    min: 1,
    max: 36_500,
    integer: true,
  },
  interactiveRetentionFloorDays: {
    flag: '--interactive-retention-floor-days',
    description: 'minimum Log Analytics interactive retention, in days',
    min: 1,
    max: 36_500,
    integer: true,
  },
  fullSamplingPercentage: {
    flag: '--full-sampling-percentage',
    description: 'data-capture sampling percentage below which a warning is raised',
    min: 1,
    max: 100,
    integer: false,
  },
};

/** Every RuleConfig key, in the order of RULE_CONFIG_SPEC. */
export const CONFIG_KEYS = Object.keys(RULE_CONFIG_SPEC) as (keyof Thresholds)[];

/** A value for one key, checked against its range; `where` names the source in the error. */
export function configValue(key: keyof Thresholds, raw: unknown, where: string): number {
  const spec = RULE_CONFIG_SPEC[key];
  // Text (a flag's value) in plain decimal only: Number() would also take ' 10 ', '0x10', '1e3' and ''.
  const n = typeof raw === 'string' && /^(0|[1-9]\d*)(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isFinite(n) || (spec.integer && !Number.isInteger(n)) || n < spec.min || n > spec.max) {
    throw new InputError(`${where}: ${key} must be ${spec.integer ? 'an integer' : 'a number'} from ${spec.min} to ${spec.max}, got ${shown(raw)}`);
  }
  return n;
}

/**
 * A config file (`--config file.json`, JSON or YAML): an object of thresholds, and optionally
 * `context`, the evidence declared outside the inputs (see policies/engine/context.ts), and
 * `allowEmpty: true`, which lets a run that judged nothing exit 0.
 */
export function loadConfigFile(path: string, display: string, options: ReadOptions = {}): Partial<RuleConfig> {
  const { doc } = parseSource(readTextInput(path, display, options), display, { yaml: '1.2' });
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new InputError(`${display}: a config file must be an object of thresholds`);
  return configObject(doc, display);
}

/**
 * A config object (a config file's, or the `config` option of the in-synth checks), checked key
 * by key as a config file is: known keys only, numbers as numbers, each threshold in its range.
 * `where` names the source in the error (`--config file.json`, `config`).
 */
export function configObject(doc: object, where: string): Partial<RuleConfig> {
  const out: { -readonly [K in keyof RuleConfig]?: RuleConfig[K] } = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k === 'context') {
      out.context = parseEvidenceContext(v, where);
      continue;
    }
    if (k === 'allowEmpty') {
      if (typeof v !== 'boolean') throw new InputError(`${where}: allowEmpty must be true or false, got ${shown(v)}`);
      out.allowEmpty = v;
      continue;
    }
    // Own keys only: `toString`, `constructor` or `__proto__` are keys of every object, not thresholds.
    if (!Object.prototype.hasOwnProperty.call(RULE_CONFIG_SPEC, k)) throw new InputError(`${where}: unknown config key ${JSON.stringify(k)} (known: ${CONFIG_KEYS.join(', ')}, context, allowEmpty)`);
    // A file states numbers as numbers: "365" in quotes is a string, as the file's own syntax says.
    if (typeof v !== 'number') throw new InputError(`${where}: ${k} must be a number, got ${v === null ? 'null' : Array.isArray(v) ? 'a list' : `${typeof v === 'object' ? 'an object' : `a ${typeof v}`} ${shown(v)}`}`);
    out[k as keyof Thresholds] = configValue(k as keyof Thresholds, v, where);
  }
  return out;
}

/** A value as an error shows it: JSON, except the numbers JSON cannot write (NaN, Infinity) and undefined. */
function shown(v: unknown): string {
  // JSON and YAML read 1e400 as Infinity (YAML also .inf and .nan), which JSON.stringify writes as null.
  if (typeof v === 'number' && Number.isFinite(v) === false && !Number.isNaN(v)) return `${String(v)} (a number out of range)`;
  return typeof v === 'number' || v === undefined ? String(v) : JSON.stringify(v);
}

/** Defaults, then each layer in order (a file, then flags). */
export function mergeConfig(...layers: Partial<RuleConfig>[]): RuleConfig {
  return Object.assign({}, DEFAULT_RULE_CONFIG, ...layers);
}

/** A threshold of the run that is not at its default. */
export interface ThresholdChange {
  /** The config key (`retentionFloorDays`). */
  readonly key: keyof Thresholds;
  /** The value the run used. */
  readonly value: number;
  /** The value of a run that sets none. */
  readonly defaultValue: number;
  /** Whether the value is below the default: every threshold is a floor, so lower passes more. */
  readonly weaker: boolean;
}

/** The thresholds of a config that differ from their defaults, in the order of RULE_CONFIG_SPEC. */
export function thresholdChanges(config: Partial<Thresholds>): ThresholdChange[] {
  return CONFIG_KEYS.flatMap((key) => {
    const value = config[key];
    const defaultValue = DEFAULT_RULE_CONFIG[key];
    return value === undefined || value === defaultValue ? [] : [{ key, value, defaultValue, weaker: value < defaultValue }];
  });
}
