/**
 * When a snapshot fails its drill in one location and passes in another, asks storage to repair the failed copy
 * from the good one and drills it again. Copying objects is left to storage.
 */
package org.chtbackup.verify.repair;
