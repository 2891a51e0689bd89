/**
 * Telling people: webhook messages about drills that fail, stay incomplete or recover. Prometheus alert rules over
 * verify's, storage's and crypto's metrics are in {@code infra/prometheus/}.
 */
package org.chtbackup.verify.alerting;
