/**
 * Turns off Node's source map support for the rest of the process. tsx turns it on when it
 * registers, and Node then parses the source map of every module it compiles (the inline maps tsx
 * appends to the kit's own files, and the .map files of the packages), about half a second of
 * `npm start` spent on stack-trace line numbers it never prints (its errors are one line).
 * `npm start` (bin/main.ts) imports it first and preloads it into its AWS synth and drill
 * processes; `npx cdk synth` and the tests keep source maps.
 */
process.setSourceMapsEnabled(false);
