import type Database from 'better-sqlite3';
import type {SqlFragment} from '../../source/store/entry-sql.js';

interface PlanRow {
	readonly id: number;
	readonly parent: number;
	readonly detail: string;
}

/** EXPLAIN QUERY PLAN of a query, one detail line per step. */
export function queryPlan(db: Database.Database, query: SqlFragment): string[] {
	return planRows(db, query).map(row => row.detail);
}

/**
 * The plan of the part that grows with the cache. List queries pick one page of ids in a
 * subquery and then sort only that page (at most `limit` rows); this returns the
 * subquery's steps, or the whole plan when there is no subquery.
 */
export function pagePickingPlan(db: Database.Database, query: SqlFragment): string[] {
	const rows = planRows(db, query);
	const subquery = rows.find(row => /SUBQUERY/.test(row.detail));
	if (!subquery) return rows.map(row => row.detail);
	const inside = new Set([subquery.id]);
	for (const row of rows) if (inside.has(row.parent)) inside.add(row.id);
	return rows.filter(row => row.id !== subquery.id && inside.has(row.id)).map(row => row.detail);
}

function planRows(db: Database.Database, query: SqlFragment): PlanRow[] {
	return db.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.params) as PlanRow[];
}
