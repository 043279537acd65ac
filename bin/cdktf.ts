/** The CDKTF app of cdktf.json (`npx cdktf synth`, `npx cdktf deploy <stack>`), also runnable directly. */
import { cdktfAnnotations, createCdktfApp } from '../cdktf/app';

const { app } = createCdktfApp(process.env.CDKTF_OUTDIR ?? 'cdktf.out');
app.synth();
for (const a of cdktfAnnotations(app)) {
  if (a.level !== 'info') console.error(`${a.level === 'warn' ? 'WARNING' : 'ERROR'} ${a.path}: ${a.message}`);
}
