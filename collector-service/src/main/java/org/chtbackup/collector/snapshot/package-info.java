/**
 * Takes one snapshot of a CHT host: plans the files, streams each through the chunker, sends new chunks, and
 * sends the manifest last, only when every file was read. Also the HTTP trigger and one-at-a-time guard.
 */
package org.chtbackup.collector.snapshot;
