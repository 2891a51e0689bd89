/** Drill reports as files ops can hand to an auditor: one JSON document per drill. */
package org.chtbackup.verify.report;
