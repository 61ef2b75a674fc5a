/**
 * A stand-in for the reader in the nothing-lost tests: opens the cache with blogroll's own
 * store (same pragmas, same statements) and changes flags one entry at a time, printing
 * each entry id only after its change is committed, the way the reader acknowledges a
 * key press on screen. Run with `node --import tsx flag-worker.ts <cache.db> read|star`.
 */
import Database from 'better-sqlite3';
import {openStore} from '../../source/store/open.js';

const [cacheFile, mode] = process.argv.slice(2);
if (cacheFile === undefined || (mode !== 'read' && mode !== 'star')) {
	process.stderr.write('usage: flag-worker.ts <cache.db> read|star\n');
	process.exit(2);
}

// The ids still to change, oldest first (so that a restarted worker carries on where a
// killed one stopped); read before the store is opened.
const lookup = new Database(cacheFile, {readonly: true});
const flag = mode === 'read' ? 'is_read' : 'is_starred';
const ids = (lookup.prepare(`SELECT id FROM entries WHERE ${flag} = 0 ORDER BY id`).all() as {id: number}[]).map(row => row.id);
lookup.close();

const store = openStore(cacheFile, {quickCheck: false});
const pause = new Int32Array(new SharedArrayBuffer(4));
for (const id of ids) {
	if (mode === 'read') store.setRead([id], true);
	else store.setStarred(id, true);
	// Committed (each call is its own transaction): now it may be "shown".
	process.stdout.write(`${id}\n`);
	// A person presses keys far slower than this; the pause lets a kill land mid-way.
	Atomics.wait(pause, 0, 0, 2);
}
store.close();
