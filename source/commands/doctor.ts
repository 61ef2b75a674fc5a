import {isFailure} from '../failure.js';
import {formatAttempt} from '../health/format-attempt.js';
import {healthWord} from '../health/diagnose.js';
import {HEALTH_TEXTS, type HealthLanguage} from '../health/texts.js';
import {sanitizeLine} from '../text/sanitize.js';
import {detectLanguage} from '../ui/strings.js';
import {diagnoseProblems, diagnoseSubscription, type FeedHealth} from '../use-cases/diagnose-feeds.js';
import {resolveFeed, subscribedFeeds} from '../use-cases/subscribed-feeds.js';
import {reportError, type CommandContext} from './context.js';

/**
 * `blogroll doctor [feed] [--json]`: every feed with a problem, or one feed in full with
 * its last fetches; each problem in plain words with its fix and the command that applies it.
 */
export async function runDoctor(options: {readonly feed?: string; readonly json: boolean}, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	if (isFailure(store)) return reportError(io, store.message);
	const setting = config.settings().language;
	const language: HealthLanguage = options.json ? 'en' : detectLanguage(io.env, setting === 'en' || setting === 'de' ? setting : null);
	const deps = {config, store, now: context.now(), http: context.http(), language};

	let feeds: FeedHealth[];
	if (options.feed === undefined) {
		feeds = await diagnoseProblems(deps);
	} else {
		const match = resolveFeed(subscribedFeeds(config, store), options.feed);
		if (isFailure(match)) return reportError(io, match.message);
		const one = await diagnoseSubscription(deps, match.subscription.url);
		feeds = one === null ? [] : [one];
	}

	if (options.json) {
		io.stdout.write(`${JSON.stringify(feeds.map(toJson), null, 2)}\n`);
		return 0;
	}
	const texts = HEALTH_TEXTS[language];
	if (feeds.length === 0) {
		io.stdout.write(`${texts.allHealthy(config.subscriptions().length)}\n`);
		return 0;
	}
	const time = (iso: string) => formatLocal(iso);
	const full = options.feed !== undefined;
	io.stdout.write(feeds.map((feed) => formatFeed(feed, full, language, time)).join('\n'));
	return 0;
}

function formatFeed(feed: FeedHealth, full: boolean, language: HealthLanguage, time: (iso: string) => string): string {
	const texts = HEALTH_TEXTS[language];
	const lines = [`${sanitizeLine(feed.title)} · ${healthWord(feed.health, language)}`, `  ${sanitizeLine(feed.url)}`];
	if (feed.account !== null) lines.push(`  ${texts.fromAccount(feed.account)}`);
	else if (feed.problems.length === 0) lines.push(`  ${texts.noProblem}`);
	for (const problem of feed.problems) {
		const mark = problem.severity === 'error' ? '✗' : problem.severity === 'warning' ? '!' : '·';
		lines.push(`  ${mark} ${sanitizeLine(problem.message)}`);
		const command = problem.fix.command === null || problem.fix.text.endsWith(problem.fix.command) ? '' : `  → ${sanitizeLine(problem.fix.command)}`;
		lines.push(`    ${texts.fixLabel}: ${sanitizeLine(problem.fix.text)}${command}`);
	}
	if (full) {
		if (feed.trackersRemoved > 0) lines.push(`  ${texts.trackersRemoved(feed.trackersRemoved)}`);
		lines.push('', `  ${texts.attemptsLabel}:`);
		if (feed.attempts.length === 0) lines.push(`    ${texts.noAttempts}`);
		for (const attempt of feed.attempts) lines.push(`    ${sanitizeLine(formatAttempt(attempt, language, time))}`);
	}
	return `${lines.join('\n')}\n`;
}

/** Local `YYYY-MM-DD HH:MM`, as `list` prints times. */
function formatLocal(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return iso;
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function toJson(feed: FeedHealth) {
	return {
		url: feed.url,
		title: feed.title,
		health: feed.health,
		problems: feed.problems.map(({kind, severity, message, since, fix}) => ({kind, severity, message, since, fix})),
		trackersRemoved: feed.trackersRemoved,
		account: feed.account,
		attempts: feed.attempts,
	};
}
