/**
 * The config's side of replication, pure: the config as registers (its "projection"),
 * the changes a user made since the last sync (projection against the one recorded last),
 * and the config the merged state asks for.
 */
import type {SavedView, Subscription} from '../config/schema.js';
import type {Register} from './merge.js';
import {change, tagField, target, type Change, type RegisterValue} from './operations.js';

/** What of the config replicates. */
export interface ConfigData {
	readonly subscriptions: readonly Subscription[];
	readonly views: readonly SavedView[];
	readonly ignore: readonly string[];
}

/** The config as registers: subscribed feeds, and a value per (target, field) key `target\u0000field`. */
export interface Projection {
	readonly subscribed: readonly string[];
	/** When each was added here: a new time is a new subscribe, even without a sync between removing and adding. */
	readonly addedAt?: Readonly<Record<string, string>>;
	readonly values: Readonly<Record<string, RegisterValue>>;
}

export const EMPTY_PROJECTION: Projection = {subscribed: [], values: {}};

const SEPARATOR = '\u0000';
const key = (targetName: string, field: string) => `${targetName}${SEPARATOR}${field}`;

export function project(config: ConfigData): Projection {
	const values: Record<string, RegisterValue> = {};
	for (const subscription of config.subscriptions) {
		const feed = target.feed(subscription.url);
		values[key(feed, 'title')] = subscription.title;
		values[key(feed, 'private')] = subscription.private === true;
		values[key(feed, 'fullArticle')] = subscription.fullArticle;
		for (const tag of subscription.tags) values[key(feed, tagField(tag))] = tag;
	}
	for (const view of config.views) values[key(target.view(view.name), 'query')] = view.query;
	for (const rule of config.ignore) values[key(target.rule(rule), 'on')] = true;
	const addedAt = Object.fromEntries(config.subscriptions.map(subscription => [subscription.url, subscription.addedAt]));
	return {subscribed: config.subscriptions.map(subscription => subscription.url), addedAt, values};
}

/** What a field is when nothing was ever written to it. */
function unset(field: string): RegisterValue {
	return field === 'private' || field === 'fullArticle' ? false : null;
}

/** The merged state as recording and applying need it. */
export interface MergedView {
	/** Feed url → stamps of its live subscribes. */
	readonly liveAdds: ReadonlyMap<string, readonly string[]>;
	/** Registers of feeds, views and rules, keyed `target\u0000field`. */
	readonly registers: ReadonlyMap<string, Register>;
}

/**
 * The user's changes: what differs between the config now and the config as last recorded
 * (`base`), leaving out what the merged state already says (a change that came from the
 * folder and was applied, when the base was not updated after: a crash in between).
 */
export function localChanges(current: Projection, base: Projection, merged: MergedView): Change[] {
	const changes: Change[] = [];
	const before = new Set(base.subscribed);
	const now = new Set(current.subscribed);
	const mergedValue = (name: string) => {
		const register = merged.registers.get(name);
		return register === undefined ? unset(name.slice(name.indexOf(SEPARATOR) + 1)) : register.value;
	};
	const isReadded = (url: string) => before.has(url) && base.addedAt?.[url] !== undefined && base.addedAt[url] !== current.addedAt?.[url];
	for (const url of current.subscribed) {
		// Removed and added again here since the last recording: a subscribe of its own, which a
		// removal elsewhere (that never saw it) cannot take away.
		if (isReadded(url)) changes.push(change.subscribe(url));
		else if (!before.has(url) && (merged.liveAdds.get(url) ?? []).length === 0) changes.push(change.subscribe(url));
	}
	for (const url of base.subscribed) {
		const live = merged.liveAdds.get(url) ?? [];
		if (!now.has(url) && live.length > 0) changes.push(change.unsubscribe(url, live));
	}
	// Every field of a subscribed feed, view and rule, as it is now and as it was.
	const names = new Set([...Object.keys(current.values), ...Object.keys(base.values)]);
	const newFeeds = new Set(current.subscribed.filter(url => !before.has(url) || isReadded(url)).map(url => target.feed(url)));
	// A feed subscribed (again) here takes its fields from here: tags the merged state still
	// has from an earlier subscription, and this config lacks, are cleared.
	for (const name of merged.registers.keys()) if (newFeeds.has(name.slice(0, name.indexOf(SEPARATOR)))) names.add(name);
	for (const name of [...names].sort()) {
		const at = name.indexOf(SEPARATOR);
		const targetName = name.slice(0, at);
		const field = name.slice(at + 1);
		const isFeed = targetName.startsWith('feed:');
		// Fields of a feed no longer subscribed here are not changed by unsubscribing.
		if (isFeed && !now.has(targetName.slice('feed:'.length))) continue;
		const value = name in current.values ? current.values[name]! : unset(field);
		const was = newFeeds.has(targetName) ? undefined : name in base.values ? base.values[name] : unset(field);
		if (value === was || value === mergedValue(name)) continue;
		changes.push({kind: 'set', target: targetName, field, value});
	}
	return changes;
}

/**
 * The config the merged state asks for, keeping what the local config has where nothing
 * differs: the order of subscriptions, views and rules, and when a feed was added.
 */
export function desiredConfig(current: ConfigData, merged: MergedView, now: Date): ConfigData {
	const byTarget = new Map<string, [string, Register][]>();
	for (const [name, register] of merged.registers) {
		const targetName = name.slice(0, name.indexOf(SEPARATOR));
		let fields = byTarget.get(targetName);
		if (fields === undefined) byTarget.set(targetName, (fields = []));
		fields.push([name.slice(name.indexOf(SEPARATOR) + 1), register]);
	}
	const value = (targetName: string, field: string) => merged.registers.get(key(targetName, field))?.value ?? unset(field);
	const subscribed = [...merged.liveAdds.entries()].filter(([, adds]) => adds.length > 0).map(([url]) => url);
	const local = new Map(current.subscriptions.map(subscription => [subscription.url, subscription]));
	const order = [...current.subscriptions.map(subscription => subscription.url).filter(url => merged.liveAdds.get(url)?.length), ...subscribed.filter(url => !local.has(url)).sort()];
	const subscriptions = order.map((url): Subscription => {
		const feed = target.feed(url);
		const tags = (byTarget.get(feed) ?? [])
			.filter(([field, register]) => field.startsWith('tag:') && typeof register.value === 'string')
			.sort(([, a], [, b]) => (a.stamp < b.stamp ? -1 : 1))
			.map(([, register]) => register.value as string);
		const localTags = local.get(url)?.tags ?? [];
		// Tags in the order the user has them here; tags new from elsewhere after them.
		const ordered = [...localTags.filter(tag => tags.includes(tag)), ...tags.filter(tag => !localTags.includes(tag))];
		const title = value(feed, 'title');
		const isPrivate = value(feed, 'private') === true;
		return {
			url,
			title: typeof title === 'string' && title !== '' ? title : null,
			tags: ordered,
			fullArticle: value(feed, 'fullArticle') === true,
			addedAt: local.get(url)?.addedAt ?? now.toISOString(),
			...(isPrivate ? {private: true} : {}),
		};
	});
	const liveViews = new Map<string, string>();
	const liveRules = new Set<string>();
	for (const [targetName, fields] of byTarget) {
		for (const [field, register] of fields) {
			if (targetName.startsWith('view:') && field === 'query' && typeof register.value === 'string') liveViews.set(targetName.slice('view:'.length), register.value);
			if (targetName.startsWith('rule:') && field === 'on' && register.value === true) liveRules.add(targetName.slice('rule:'.length));
		}
	}
	const views = [
		...current.views.filter(view => liveViews.has(view.name)).map(view => ({name: view.name, query: liveViews.get(view.name)!})),
		...[...liveViews].filter(([name]) => !current.views.some(view => view.name === name)).sort().map(([name, query]) => ({name, query})),
	];
	const ignore = [...current.ignore.filter(rule => liveRules.has(rule)), ...[...liveRules].filter(rule => !current.ignore.includes(rule)).sort()];
	return {subscriptions, views, ignore};
}
