/**
 * Restore drills: restore a stored snapshot from one location into a scratch directory, check it, time it,
 * and report PASS or FAIL with specific reasons. A drill that cannot run a check never reports PASS.
 */
package org.chtbackup.verify.drill;
