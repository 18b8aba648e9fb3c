// Parse pcnrota's calendar feeds with ical.js, as web calendar clients do.
//
// Usage: node check_feeds.mjs OUTDIR
//
// Reads OUTDIR/feeds.txt, parses each feed it lists with ical.js, resolves
// the events' TZID times through the feed's own VTIMEZONE (registered with
// ICAL.TimezoneService: ical.js has no time zone data of its own) and writes
// the events to OUTDIR/../NAME.node.jsonl, one JSON object a line, in the
// same form as tests/check_feeds.py writes NAME.python.jsonl. Prints one
// line per problem and a last line "check_feeds.mjs: N events, M problems";
// exits 1 if there are problems.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import ICAL from 'ical.js';

let problems = 0;
function problem(msg) {
	problems++;
	console.log(msg);
}

// An ICAL.Time as an ISO 8601 UTC time without fractions of a second.
function utcIso(time) {
	return new Date(time.toUnixTime() * 1000).toISOString()
	    .replace(/\.000Z$/, 'Z');
}

if (process.argv.length !== 3) {
	console.error('usage: node check_feeds.mjs OUTDIR');
	process.exit(2);
}
const out = resolve(process.argv[2]);
const list = readFileSync(join(out, 'feeds.txt'), 'utf8')
    .split('\n').filter((l) => l !== '').map((l) => l.split('\t'));

const lines = [];
let count = 0;
for (const [, , path] of list) {
	let cal;
	try {
		cal = new ICAL.Component(
		    ICAL.parse(readFileSync(join(out, path), 'utf8')));
	} catch (e) {
		problem(`${path}: ical.js rejects it: ${e.message}`);
		continue;
	}
	// Each feed brings its own zone: forget the last feed's.
	ICAL.TimezoneService.reset();
	const zones = cal.getAllSubcomponents('vtimezone');
	if (zones.length !== 1)
		problem(`${path}: ${zones.length} VTIMEZONE components, not 1`);
	for (const vtz of zones)
		ICAL.TimezoneService.register(vtz);
	for (const vevent of cal.getAllSubcomponents('vevent')) {
		count++;
		let ev;
		try {
			ev = new ICAL.Event(vevent);
		} catch (e) {
			problem(`${path}: ical.js rejects an event: ${e.message}`);
			continue;
		}
		const start = ev.startDate;
		const end = ev.endDate;
		if (!start || !end) {
			problem(`${path}: ${ev.uid}: no DTSTART or DTEND`);
			continue;
		}
		// A whole day (feed_away) has a date, no time and no zone.
		const whole = start.isDate;
		if (whole && (!end.isDate ||
		    end.toUnixTime() - start.toUnixTime() !== 86400 ||
		    (vevent.getFirstPropertyValue('transp') || '') !==
		    'TRANSPARENT'))
			problem(`${path}: ${ev.uid}: not one free whole day`);
		// A TZID that ical.js cannot resolve leaves the time floating,
		// and a floating time would be read as UTC: the wrong hour.
		for (const [name, t] of whole ? [] :
		    [['DTSTART', start], ['DTEND', end]]) {
			const tzid = vevent.getFirstProperty(name.toLowerCase())
			    .getParameter('tzid');
			if (!t.zone || t.zone.tzid !== tzid || !tzid ||
			    !ICAL.TimezoneService.has(tzid))
				problem(`${path}: ${ev.uid}: ${name} zone ` +
				    `${t.zone && t.zone.tzid} not resolved from ` +
				    `TZID ${tzid}`);
		}
		// What a phone shows: a cancelled session says so in its
		// title and leaves the time free.
		const status = vevent.getFirstPropertyValue('status') || '';
		const transp = vevent.getFirstPropertyValue('transp') || '';
		const cancelled = status === 'CANCELLED';
		// A day away or a need not covered is free too.
		const free = cancelled || whole ||
		    (ev.summary || '').startsWith('Not covered: ');
		if (cancelled !== (ev.summary || '').startsWith('Cancelled: ') ||
		    transp !== (free ? 'TRANSPARENT' : 'OPAQUE'))
			problem(`${path}: ${ev.uid}: STATUS ${status}, TRANSP ` +
			    `${transp}, SUMMARY ${ev.summary}`);
		lines.push(JSON.stringify({
			feed: path,
			uid: ev.uid,
			start_utc: whole ? start.toICALString() : utcIso(start),
			end_utc: whole ? end.toICALString() : utcIso(end),
			summary: ev.summary,
			status: vevent.getFirstPropertyValue('status') || '',
			transp: vevent.getFirstPropertyValue('transp') || '',
			sequence: ev.sequence || 0,
		}));
	}
}
writeFileSync(join(dirname(out), basename(out) + '.node.jsonl'),
    lines.map((l) => l + '\n').join(''));
console.log(`check_feeds.mjs: ${count} events, ${problems} problems`);
process.exit(problems ? 1 : 0);
