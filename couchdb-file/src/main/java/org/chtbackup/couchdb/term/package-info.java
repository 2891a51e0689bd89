/**
 * Turns chunk payloads into Erlang terms: undoes CouchDB's compression (snappy prefix 1, deflate
 * via term_to_binary's compressed tag 80) and decodes the external term format with jinterface.
 * Also the few typed accessors the layers above use to take terms apart.
 */
package org.chtbackup.couchdb.term;
