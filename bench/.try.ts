import {PtySession} from './pty.js';
import {summarizeProfile} from './profile-summary.js';
import {readdirSync, rmSync, mkdirSync} from 'node:fs';
const dir = '/tmp/h8-keyprof'; rmSync(dir, {recursive: true, force: true}); mkdirSync(dir);
const s = new PtySession([process.execPath, '--cpu-prof', `--cpu-prof-dir=${dir}`, '/work/main/dist/cli.js'], {columns: 100, rows: 30, env: {BLOGROLL_HOME: '/tmp/h8-cache10k'}});
await s.waitFor(t => /– [^\n]{3,60}#\d+/.test(t), 30000);
await s.nextBurst(300, 1000);
s.press('j'); await s.nextBurst(100, 3000); s.mark(); s.press('\r'); await s.waitFor(t => t.includes('› Unread'), 10000); await s.nextBurst(300, 2000);
const t0 = s.now(); const lat: number[] = [];
for (let i = 0; i < 100; i++) { const at = s.press('j'); const b = await s.nextBurst(30, 3000); if (b) lat.push(b.last - at); }
console.log('100 moves in', (s.now() - t0).toFixed(0), 'ms; latencies sorted', lat.sort((a, b) => a - b).filter((_, i) => i % 10 === 0).map(v => v.toFixed(0)).join(' '));
s.press('q'); await s.nextBurst(200, 2000); s.press('q'); await s.waitFor(() => s.exited, 5000); await s.close();
for (const f of readdirSync(dir)) console.log(summarizeProfile(`${dir}/${f}`, 30));
