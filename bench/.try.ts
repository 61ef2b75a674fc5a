import {PtySession} from './pty.js';
import {summarizeProfile} from './profile-summary.js';
import {readdirSync, rmSync, mkdirSync} from 'node:fs';
const dir = '/tmp/h8-ffprof'; rmSync(dir, {recursive: true, force: true}); mkdirSync(dir);
const s = new PtySession([process.execPath, '--cpu-prof', `--cpu-prof-dir=${dir}`, 'dist/cli.js'], {columns: 100, rows: 30, env: {BLOGROLL_HOME: '/tmp/h8-cache10k'}});
const seen = await s.waitFor(t => /– [^\n]{3,60}#\d+/.test(t), 30000);
console.log('first frame at', seen?.atMs);
s.press('q'); await s.waitFor(() => s.exited, 5000); await s.close();
for (const f of readdirSync(dir)) console.log(summarizeProfile(`${dir}/${f}`, 30));
