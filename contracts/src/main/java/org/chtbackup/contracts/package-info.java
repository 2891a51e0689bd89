/**
 * Event contracts, topic names and on-disk formats that every cht-backup service shares.
 * Plain Java with no Spring so that the restore tool and tests can read them alone.
 */
package org.chtbackup.contracts;
