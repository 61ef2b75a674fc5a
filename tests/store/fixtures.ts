import type {FeedItem} from '../../source/feeds/types.js';

/** Feed urls of the kind blogroll follows: small German-language independent blogs. */
export const COACH_FEED = 'https://www.coaching-mit-herz.de/feed/';
export const CONSULTANT_FEED = 'https://beratung-grünwald.de/blog/feed/';
export const FREELANCER_FEED = 'https://texterin-müller.de/feed/atom/';

/** One normalized entry as parse.ts hands it over, WordPress-style body included. */
export function blogItem(overrides: Partial<FeedItem> & {readonly id: string}): FeedItem {
	return {
		title: 'Warum „gut genug“ manchmal besser ist',
		link: `https://www.coaching-mit-herz.de/${overrides.id}/`,
		published: '2025-03-03T09:30:00.000Z',
		updated: null,
		author: 'Jörg Weiß',
		content:
			'<p>Viele meiner Klient:innen kennen das: Der Anspruch an sich selbst ist hoch, die Zeit knapp.</p>\n'
			+ '<p>Im Coaching schauen wir uns an, woher der Perfektionismus kommt&nbsp;– und was er kostet.</p>',
		summary: '<p>Perfektionismus im Alltag: drei Fragen für mehr Gelassenheit &#8230;</p>',
		...overrides,
	};
}

/** A small coaching blog feed, newest first, as WordPress serves it. */
export function coachingItems(): FeedItem[] {
	return [
		blogItem({
			id: 'https://www.coaching-mit-herz.de/?p=412',
			title: 'Fünf Fragen für ein klares Jahresgespräch',
			published: '2025-03-10T07:00:00.000Z',
			content: '<p>Bevor Sie ins Jahresgespräch gehen, lohnt sich ein Blick auf <strong>fünf Fragen</strong>:</p><ol><li>Was lief gut?</li></ol>',
		}),
		blogItem({
			id: 'https://www.coaching-mit-herz.de/?p=398',
			title: 'Mentoring für Selbstständige: was es bringt',
			published: '2025-03-05T08:15:00.000Z',
			author: 'Sabine Groß',
			content: '<p>Ein Mentoring ersetzt kein Coaching&nbsp;– aber es ergänzt es.</p>',
		}),
		blogItem({
			id: 'https://www.coaching-mit-herz.de/?p=377',
			title: 'Warum „gut genug“ manchmal besser ist',
			published: '2025-02-24T10:00:00.000Z',
		}),
	];
}
