import {failed, type Failure} from '../failure.js';
import {decodeBody} from '../feeds/decode.js';
import type {HttpClient} from '../feeds/http-types.js';
import {sanitizeLine} from '../text/sanitize.js';
import {extractArticle, type ExtractedArticle} from './extract-article.js';

const HTML_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/**
 * Fetches an entry's page with the same client limits as feeds (timeouts, size cap,
 * charset from headers and meta) and extracts its main content with Readability; headings
 * blogroll adds are in `language` (the UI's), else in the page's.
 */
export async function fetchFullArticle(http: HttpClient, url: string, language?: 'de' | 'en', userAgent?: string): Promise<ExtractedArticle | Failure> {
	// A feed's User-Agent setting goes to its pages too: the bot wall usually guards both.
	const response = await http.get({url, accept: HTML_ACCEPT, ...(userAgent ? {userAgent} : {})});
	if (response.kind === 'failed') return response;
	if (response.kind === 'not-modified') return failed('not-modified', `${sanitizeLine(url)}: unexpected 304 Not Modified`);
	const type = response.contentType ?? '';
	if (type !== '' && !/html|xml|text\/plain/i.test(type)) {
		return failed('not-html', `${sanitizeLine(url)} is not a web page (${sanitizeLine(type)})`);
	}
	return extractArticle(decodeBody(response.body, response.contentType), response.url, language);
}
