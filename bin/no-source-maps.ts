/**
 * Turns off Node's source map support for the rest of the process. tsx turns it on when it
 * registers, and Node then parses the source map of every module it compiles (the inline maps tsx
 * appends to the kit's own files, and the .map files of the packages), about half a second of
 * `npm start` spent on stack-trace line numbers it never prints (its errors are one line).
 * `npm start` runs its processes with the kit's own loader (bin/ts-require.js), which never turns
 * them on; bin/main.ts still imports this first, for a run under tsx (`npx tsx bin/main.ts`).
 * `npx cdk synth` and the tests keep source maps.
 */
process.setSourceMapsEnabled(false);
