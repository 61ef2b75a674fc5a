import {describe, expect, it} from 'vitest';
import {isFailure} from '../../source/failure.js';
import {parseInputUrl} from '../../source/feeds/input-url.js';

describe('parseInputUrl', () => {
	it.each([
		['https://kreidezeit.de/feed/', 'https://kreidezeit.de/feed/'],
		['kreidezeit.de', 'https://kreidezeit.de/'],
		['  kreidezeit.de/blog  ', 'https://kreidezeit.de/blog'],
		['http://127.0.0.1:8080/klartext/', 'http://127.0.0.1:8080/klartext/'],
		['localhost:8080/feed', 'https://localhost:8080/feed'],
		['https://kreidezeit.de/feed/#top', 'https://kreidezeit.de/feed/'],
	])('accepts %j as %j', (input, expected) => {
		expect(parseInputUrl(input)).toBe(expected);
	});

	it.each(['', 'javascript:alert(1)', 'file:///etc/passwd', 'ftp://example.com/feed', 'not a url', 'http://'])('refuses %j with one line', input => {
		const result = parseInputUrl(input);
		expect(isFailure(result)).toBe(true);
		expect(isFailure(result) && result.message).not.toContain('\n');
	});
});
