/**
 * Kit warnings of the CDKTF constructs (GCP and Azure), in one place.
 *
 * cdktf's `Annotations.of(scope).addWarning` only writes the warning into `cdktf.out/manifest.json`,
 * which the cdktf CLI prints (`WARN [path]: message`). An app run directly (`npx tsx main.ts`
 * calling `app.synth()`) prints nothing, so a kit warning such as soak mode would go unseen. The
 * kit therefore also prints each warning on stderr, once, when the stack is synthesized:
 *
 *     [WARNING] <construct path>: <message>
 *
 * It prints from a validation registered on the stack, which cdktf runs in `app.synth()` (unless
 * the app sets `skipValidation`): after every construct and aspect has had its say, never at
 * construction time. Whether to print is decided then, in this order:
 *
 * 1. the context key `forensic-readiness:print-warnings` (true or false), e.g. in cdktf.json;
 * 2. the environment variable `FORENSIC_READINESS_PRINT_WARNINGS` (`1`/`true` or `0`/`false`);
 * 3. otherwise off under the cdktf CLI, which prints the manifest's annotations itself (it runs
 *    the app with `CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS=true` and `CDKTF_OUTDIR` set), off
 *    under jest (`JEST_WORKER_ID` set), and on everywhere else.
 *
 * Only cdktf and the core vocabulary are imported: constructs/gcp and constructs/azure import this
 * module, and neither cloud's provider package is loaded by the other.
 */
import { Annotations, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { formatWarning, isKitWarningAcknowledged, shouldPrintKitWarnings, warningLine, WarningId } from '../core';

export { PRINT_WARNINGS_CONTEXT, PRINT_WARNINGS_ENV, shouldPrintKitWarnings } from '../core';

/**
 * A kit warning at synth, unless the id was acknowledged on this scope or an ancestor with
 * `acknowledgeKitWarning(scope, id, reason)`. The acknowledgement must be made before the
 * construct is created: the check runs here, in the constructor. The warning goes into the
 * manifest (for the cdktf CLI) and is printed on stderr at synth (see the module comment).
 */
export function kitWarning(scope: IConstruct, id: WarningId, message: string): void {
  if (isKitWarningAcknowledged(scope, id)) return;
  const text = formatWarning(id, message);
  Annotations.of(scope).addWarning(text);
  printerOf(scope)?.record(scope.node.path, text);
}

interface Recorded {
  readonly path: string;
  readonly message: string;
  printed: boolean;
}

/** The warnings of one stack, printed by a validation on that stack. */
class WarningPrinter {
  private readonly recorded: Recorded[] = [];

  constructor(private readonly stack: TerraformStack) {
    stack.node.addValidation({ validate: () => this.flush() });
  }

  public record(path: string, message: string): void {
    this.recorded.push({ path, message, printed: false });
  }

  private flush(): string[] {
    if (this.recorded.some((r) => !r.printed) && shouldPrintKitWarnings(this.stack)) {
      for (const r of this.recorded) {
        if (r.printed) continue;
        r.printed = true;
        process.stderr.write(`${warningLine(r.path, r.message)}\n`);
      }
    }
    return [];
  }
}

const printers = new WeakMap<TerraformStack, WarningPrinter>();

function printerOf(scope: IConstruct): WarningPrinter | undefined {
  let stack: TerraformStack;
  try {
    stack = TerraformStack.of(scope);
  } catch {
    return undefined; // not in a stack: nothing synthesizes it, the annotation stays
  }
  let printer = printers.get(stack);
  if (!printer) {
    printer = new WarningPrinter(stack);
    printers.set(stack, printer);
  }
  return printer;
}
