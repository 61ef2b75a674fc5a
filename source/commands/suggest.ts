/**
 * `blogroll suggest`: sites to try, found through the blogrolls and links of the sites
 * you read (issue 13). A thin shell over the suggest use case: argv → use case → text.
 */
import {isFailure} from '../failure.js';
import {normalizeDomain} from '../discover/excluded-domains.js';
import {sanitizeLine} from '../text/sanitize.js';
import {dismissSuggestion, isExcluded, listDismissed, suggest, undismissSuggestion, type Suggestion} from '../use-cases/suggest.js';
import {reportError, type CommandContext} from './context.js';

export interface SuggestOptions {
	readonly json: boolean;
	readonly limit?: number;
	readonly refresh: boolean;
	readonly dismissed: boolean;
}

export async function runSuggest(options: SuggestOptions, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	if (isFailure(store)) return reportError(io, store.message);

	if (options.dismissed) {
		const rows = listDismissed({store});
		if (options.json) io.stdout.write(`${JSON.stringify(rows.map(row => ({site: row.site, url: row.url, dismissedAt: row.dismissedAt})), null, 2)}\n`);
		else if (rows.length === 0) io.stdout.write('No dismissed suggestions.\n');
		else for (const row of rows) io.stdout.write(`${sanitizeLine(row.site)}  ${sanitizeLine(row.url)}  (dismissed ${row.dismissedAt.slice(0, 10)})\n`);
		return 0;
	}

	const progress = io.stderr.isTTY === true && !options.json;
	const result = await suggest(
		{refresh: options.refresh, limit: options.limit},
		{
			config,
			store,
			http: context.http(),
			now: () => context.now(),
			onProgress: progress ? ({done, total}) => io.stderr.write(`\rLooking at suggested sites… ${done}/${total}`) : undefined,
		},
	);
	if (progress) io.stderr.write('\r\u001B[2K');

	if (options.json) {
		io.stdout.write(`${JSON.stringify(result.suggestions.map(toJson), null, 2)}\n`);
		return 0;
	}
	if (result.suggestions.length === 0) {
		io.stdout.write(
			config.subscriptions().length === 0
				? 'No suggestions yet: subscribe to a few blogs first (blogroll add <url>); their blogrolls and links make the suggestions.\n'
				: 'No suggestions yet: none of your feeds publishes a blogroll or links another blog repeatedly (run blogroll refresh, then try again).\n',
		);
	}
	result.suggestions.forEach((suggestion, index) => io.stdout.write(formatSuggestion(suggestion, index + 1)));
	if (result.unprobed > 0) {
		io.stdout.write(`${result.unprobed} more site${result.unprobed === 1 ? '' : 's'} to look at: run blogroll suggest again (at most ${config.settings().suggestProbesPerRun} new sites per run).\n`);
	}
	if (result.suggestions.length > 0) io.stdout.write('Subscribe with: blogroll add <feed url>; hide one with: blogroll suggest dismiss <url>\n');
	return 0;
}

function formatSuggestion(suggestion: Suggestion, number: number): string {
	const details = [`feed ${sanitizeLine(suggestion.feedUrl)}`];
	if (suggestion.dormant) details.push(`dormant: no post since ${suggestion.lastPostAt?.slice(0, 10) ?? '?'}`);
	else if (suggestion.lastPostAt) details.push(`last post ${suggestion.lastPostAt.slice(0, 10)}`);
	details.push(`${suggestion.postsPerMonth} post${suggestion.postsPerMonth === 1 ? '' : 's'}/month`);
	if (suggestion.language) details.push(sanitizeLine(suggestion.language));
	return [
		`${number}. ${sanitizeLine(suggestion.title)}  ${sanitizeLine(suggestion.siteUrl)}`,
		`   ${details.join(' · ')}`,
		`   why: ${sanitizeLine(suggestion.why)}`,
		'',
	].join('\n');
}

function toJson(suggestion: Suggestion) {
	const {site, title, siteUrl, feedUrl, lastPostAt, postsPerMonth, language, dormant, score, reasons, why} = suggestion;
	return {title, siteUrl, feedUrl, lastPostAt, postsPerMonth, language, dormant, score, reasons, why, site};
}

export async function runSuggestDismiss(options: {readonly url: string; readonly undo: boolean}, context: CommandContext): Promise<number> {
	const {io} = context;
	const store = context.store();
	if (isFailure(store)) return reportError(io, store.message);
	const result = options.undo ? undismissSuggestion(options.url, {store}) : dismissSuggestion(options.url, {store, now: () => context.now()});
	if (isFailure(result)) return reportError(io, result.message);
	io.stdout.write(options.undo ? `${result.site} may be suggested again.\n` : `${result.site} will not be suggested again (undo: blogroll suggest undismiss ${sanitizeLine(options.url)}).\n`);
	return 0;
}

/** `suggest exclude|include <domain>`: the user's edits of the exclusion list (config settings). */
export async function runSuggestExclusion(options: {readonly domain: string; readonly exclude: boolean}, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const domain = normalizeDomain(options.domain);
	if (domain === '' || !/^[a-z\d.-]+(?:\.\*)?$/.test(domain) || !domain.includes('.')) return reportError(io, `Not a domain: ${sanitizeLine(options.domain)}`);
	const settings = config.settings();
	const without = (list: readonly string[]) => list.filter(item => normalizeDomain(item) !== domain);
	if (options.exclude) {
		config.updateSettings({suggestExcludedDomains: [...without(settings.suggestExcludedDomains), domain], suggestAllowedDomains: without(settings.suggestAllowedDomains)});
	} else {
		config.updateSettings({suggestExcludedDomains: without(settings.suggestExcludedDomains), suggestAllowedDomains: [...without(settings.suggestAllowedDomains), domain]});
	}
	const excluded = isExcluded(domain, config);
	io.stdout.write(excluded ? `${domain} will never be suggested.\n` : `${domain} may be suggested.\n`);
	return 0;
}
