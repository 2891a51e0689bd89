/**
 * Finds the newest valid header of a .couch or .view file (scanning 4096-byte blocks backwards,
 * checking each candidate's checksum) and reads it, filling the fields older disk versions lack
 * the way couch_bt_engine_header:upgrade/1 does.
 */
package org.chtbackup.couchdb.header;
