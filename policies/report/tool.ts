import * as fs from 'fs';
import * as path from 'path';

/** The tool that wrote a report. */
export interface ToolInfo {
  /** `forensic-readiness`. */
  readonly name: string;
  /** The kit's version, from its package.json (`0.0.0` when none is found). */
  readonly version: string;
}

let cached: ToolInfo | undefined;

/** The kit's name and version, from the nearest package.json of this package (source or dist). */
export function toolInfo(): ToolInfo {
  if (cached) return cached;
  let version = '0.0.0';
  for (let dir = __dirname, i = 0; i < 5; i++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (typeof pkg.version === 'string') {
        version = pkg.version;
        break;
      }
    } catch {
      // not here; look one folder up
    }
  }
  cached = { name: 'forensic-readiness', version };
  return cached;
}
