/**
 * The durable drill queue: every drill, however asked for (a snapshot-stored event, the schedule, an operator, a
 * re-drill after a repair), is written under verify's data directory before it is acknowledged, and run by a
 * bounded pool of drill threads, never on a Kafka consumer thread. A queued drill survives a restart; the same
 * drill is never queued twice, and a stored event seen again after its drill is not drilled again. What a drill
 * does is left to {@code drill}; which drills to ask for, to {@code schedule}.
 */
package org.chtbackup.verify.queue;
