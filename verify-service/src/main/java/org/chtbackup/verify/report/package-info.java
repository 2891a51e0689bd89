/**
 * Drill reports ops can hand to an auditor: one JSON and one HTML file per drill, the fleet summary built from
 * them, and the Prometheus metrics alerts fire on. Running drills is left to {@code drill} and {@code schedule}.
 */
package org.chtbackup.verify.report;
