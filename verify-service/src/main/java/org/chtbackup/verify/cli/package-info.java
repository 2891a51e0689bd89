/**
 * The operators' restore tool ({@code java -jar verify-service.jar restore ...}): list snapshots, restore a whole
 * snapshot laid out like a CHT host, restore one database, export one document, from any one location with
 * nothing else running; and {@code drill}, which asks a running verify service for an on-demand drill.
 */
package org.chtbackup.verify.cli;
