import {describe, expect, it} from 'vitest';
import {blockColors, detectProtocol} from '../../source/images/detect.js';

describe('detectProtocol', () => {
	const cases: [string, Record<string, string>, ReturnType<typeof detectProtocol>][] = [
		['kitty by its window id', {TERM: 'xterm-kitty', KITTY_WINDOW_ID: '1'}, 'kitty'],
		['kitty by TERM alone', {TERM: 'xterm-kitty'}, 'kitty'],
		['Ghostty speaks kitty', {TERM_PROGRAM: 'ghostty', TERM: 'xterm-ghostty'}, 'kitty'],
		['iTerm2 by its session id', {TERM: 'xterm-256color', ITERM_SESSION_ID: 'w0t0p0:ABC'}, 'iterm'],
		['iTerm2 by TERM_PROGRAM', {TERM_PROGRAM: 'iTerm.app'}, 'iterm'],
		['WezTerm takes iTerm2 images', {TERM_PROGRAM: 'WezTerm'}, 'iterm'],
		['foot draws sixel', {TERM: 'foot'}, 'sixel'],
		['mlterm draws sixel', {TERM: 'mlterm'}, 'sixel'],
		['Windows Terminal draws sixel', {WT_SESSION: 'abc'}, 'sixel'],
		['a plain xterm gets blocks', {TERM: 'xterm-256color', COLORTERM: 'truecolor'}, 'blocks'],
		['no TERM at all gets blocks', {}, 'blocks'],
		['kitty inside tmux: blocks (no passthrough)', {TERM: 'tmux-256color', TMUX: '/tmp/tmux-1000/default,1,0', KITTY_WINDOW_ID: '1'}, 'blocks'],
		['iTerm2 inside screen: blocks', {TERM: 'screen-256color', STY: '1.pts', ITERM_SESSION_ID: 'x'}, 'blocks'],
		['NO_COLOR: blocks (in greys)', {TERM: 'xterm-kitty', NO_COLOR: '1'}, 'blocks'],
		['BLOGROLL_IMAGES overrides detection', {TERM: 'xterm-kitty', BLOGROLL_IMAGES: 'sixel'}, 'sixel'],
		['BLOGROLL_IMAGES=off turns pictures off', {TERM: 'xterm-kitty', BLOGROLL_IMAGES: 'OFF'}, 'off'],
		['an unknown BLOGROLL_IMAGES value is ignored', {TERM: 'xterm-kitty', BLOGROLL_IMAGES: 'retina'}, 'kitty'],
	];
	for (const [name, env, expected] of cases) it(`${name}`, () => expect(detectProtocol(env)).toBe(expected));

	it('a chosen protocol (flag or setting) wins over the environment; auto detects', () => {
		expect(detectProtocol({TERM: 'xterm-kitty', BLOGROLL_IMAGES: 'sixel'}, 'blocks')).toBe('blocks');
		expect(detectProtocol({TERM: 'xterm-kitty'}, 'auto')).toBe('kitty');
	});
});

describe('blockColors', () => {
	it('is 24-bit only where COLORTERM says so, greys under NO_COLOR, else 256 colours', () => {
		expect(blockColors({COLORTERM: 'truecolor'})).toBe('truecolor');
		expect(blockColors({COLORTERM: '24bit'})).toBe('truecolor');
		expect(blockColors({TERM: 'xterm-256color'})).toBe('256');
		expect(blockColors({COLORTERM: 'truecolor', NO_COLOR: '1'})).toBe('grey');
	});
});
