/**
 * Worker thread entry (built as dist/parse-worker.js, see scripts/build.mjs): decodes,
 * parses and prepares the feed bodies parse-pool.ts sends, so that a refresh parses on
 * other cores while the main thread fetches and stores.
 */
import {parentPort} from 'node:worker_threads';
import {parseAndPrepare, type ParseJob, type ParseReply} from './parse-pool.js';
import type {PreparedItem} from '../store/prepare-item.js';

const port = parentPort;
if (port === null) throw new Error('parse-worker.js runs as a worker thread only');

port.on('message', (job: ParseJob) => {
	// Documents are parsed one at a time: the pool sends the next job only after a reply.
	const sendItems = (items: PreparedItem[]): void => port.postMessage({items} satisfies ParseReply);
	parseAndPrepare(job.body, job.contentType, job.url, job.charset, job.known, sendItems).then(
		(result) => port.postMessage({result} satisfies ParseReply),
		(error: unknown) => port.postMessage({error: error instanceof Error ? error.message : String(error)} satisfies ParseReply),
	);
});
