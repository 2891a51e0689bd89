/**
 * Retention per deployment: which snapshots to keep (keep-last, daily, weekly, monthly) and a prune that deletes
 * the others and then only chunks no kept or in-progress snapshot names, after they stayed unreferenced for a
 * grace period (mark, then sweep). Writing snapshots is left to {@code writing}; both share the deployment lock.
 */
package org.chtbackup.storage.retention;
