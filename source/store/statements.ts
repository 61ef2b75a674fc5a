/**
 * Prepared statements by their SQL, prepared once per connection: the store's queries repeat
 * a handful of shapes, and preparing each again would parse it on every keypress or row. The
 * cap keeps odd `where` variety (filter-built SQL) from growing the map for ever.
 */
import type Database from 'better-sqlite3';

export function statementCache(db: Database.Database, cap = 200): (sql: string) => Database.Statement {
	const statements = new Map<string, Database.Statement>();
	return sql => {
		let statement = statements.get(sql);
		if (statement === undefined) {
			if (statements.size >= cap) statements.clear();
			statement = db.prepare(sql);
			statements.set(sql, statement);
		}
		return statement;
	};
}
