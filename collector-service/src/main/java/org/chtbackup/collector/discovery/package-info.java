/**
 * Finds what to back up on a CHT host: the compose project by container labels through the Docker engine
 * (falling back to configured paths without one), the upgrade service's {@code .env} for the data and compose
 * paths, and the TLS pair and CouchDB {@code local.d} copied out of their containers. Leaves reading files
 * to the snapshot stage.
 */
package org.chtbackup.collector.discovery;
