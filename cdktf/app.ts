import { App, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { createAzureStacks } from './azure';
import { createGcpStacks } from './gcp';

export interface CdktfReferenceApp {
  readonly app: App;
  readonly gcp: TerraformStack[];
  readonly azure: TerraformStack[];
}

/** The GCP and Azure reference stacks in one CDKTF app (cdktf.json runs bin/cdktf.ts, which calls this). */
export function createCdktfApp(outdir = 'cdktf.out', context: Record<string, unknown> = {}): CdktfReferenceApp {
  const app = new App({ outdir, context, skipValidation: false });
  const gcp = createGcpStacks(app);
  const { readiness, entraIdLogs } = createAzureStacks(app);
  return { app, gcp, azure: [readiness, entraIdLogs] };
}

/** A warning, info or error annotation of a CDKTF construct, as `cdktf synth` would print it. */
export interface CdktfAnnotation {
  readonly level: 'warn' | 'info' | 'error';
  readonly path: string;
  readonly message: string;
}

/**
 * The annotations of every construct under a scope. An app run directly (not through the cdktf CLI)
 * prints none by itself, so `npm start` and bin/cdktf.ts print them from here.
 */
export function cdktfAnnotations(scope: IConstruct): CdktfAnnotation[] {
  const out: CdktfAnnotation[] = [];
  for (const c of scope.node.findAll()) {
    for (const m of c.node.metadata) {
      const level = m.type === '@cdktf/warn' ? 'warn' : m.type === '@cdktf/info' ? 'info' : m.type === '@cdktf/error' ? 'error' : undefined;
      if (level) out.push({ level, path: c.node.path, message: String(m.data) });
    }
  }
  return out;
}
