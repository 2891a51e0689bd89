/**
 * Finds the newest valid header of a .couch or .view file (scanning 4096-byte blocks backwards,
 * checking each candidate's checksum), says where it ends and how many newer candidates were
 * skipped, and reads it: db headers filling the fields older disk versions lack the way
 * couch_bt_engine_header:upgrade/1 does, view headers in every form from 1.x to 3.x.
 */
package org.chtbackup.couchdb.header;
