package org.chtbackup.verify.check;

import java.io.IOException;
import java.util.List;

import org.chtbackup.couchdb.DatabaseSummary;
import org.chtbackup.verify.scratch.CouchDbHttp;
import org.chtbackup.verify.scratch.DatabaseCounts;

/**
 * Asks a CouchDB serving the restored files for every database's counts and compares them exactly with the files'
 * own figures; then reads a sample of documents and their attachments back through it.
 */
public final class ScratchComparison {

    private final int sampleSize;

    /** @param sampleSize documents read back per database (with every attachment of each) */
    public ScratchComparison(int sampleSize) {
        this.sampleSize = sampleSize;
    }

    public void compare(List<DatabaseSummary> restored, CouchDbHttp couch, Findings findings) {
        for (DatabaseSummary db : restored) {
            if (nodeLocal(db.name())) {
                continue;
            }
            DatabaseCounts counts;
            try {
                counts = couch.counts(db.name());
            } catch (IOException e) {
                findings.failDatabase(db.name(), "the restored files hold it but the scratch CouchDB did not serve it ("
                        + e.getMessage() + "); check the node name in the shard map");
                continue;
            }
            findings.databases().scratch(db.name(), counts);
            if (counts.docCount() != db.docCount()) {
                findings.failDatabase(db.name(), "scratch CouchDB answered doc_count " + counts.docCount()
                        + ", the restored files hold " + db.docCount());
            }
            if (counts.docDelCount() < 0) {
                findings.skipDatabase(db.name(), "the scratch server did not report doc_del_count, so it was not"
                        + " compared");
            } else if (counts.docDelCount() != db.docDelCount()) {
                findings.failDatabase(db.name(), "scratch CouchDB answered doc_del_count " + counts.docDelCount()
                        + ", the restored files hold " + db.docDelCount());
            }
            sample(db.name(), couch, findings);
        }
    }

    /**
     * Reads a sample of documents back. Problems name the database and the sample's position, never the document
     * id (ids can carry user names and patient identifiers); attachment names and HTTP statuses stay.
     */
    private void sample(String db, CouchDbHttp couch, Findings findings) {
        try {
            List<String> ids = couch.sampleIds(db, sampleSize);
            for (int i = 0; i < ids.size(); i++) {
                String prefix = "database " + db + " document " + ids.get(i);
                for (String problem : couch.readDocument(db, ids.get(i))) {
                    String rest = problem.startsWith(prefix) ? problem.substring(prefix.length())
                            : ": " + problem.replace(ids.get(i), "(id withheld)");
                    findings.failDatabase(db, "sample document " + (i + 1) + " of " + ids.size() + rest);
                }
            }
        } catch (IOException | RuntimeException e) {
            findings.failDatabase(db, "reading sample documents failed: " + e.getMessage());
        }
    }

    /** Node-local databases are not served under their name by the clustered HTTP API. */
    public static boolean nodeLocal(String name) {
        return name.equals("_dbs") || name.equals("_nodes") || name.startsWith("_dbs.") || name.startsWith("_nodes.");
    }
}
