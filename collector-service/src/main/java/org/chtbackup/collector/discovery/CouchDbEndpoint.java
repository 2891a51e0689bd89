package org.chtbackup.collector.discovery;

import java.net.URI;

/** Where CouchDB answers HTTP and the admin credentials from {@code .env}. Never prints the password. */
public record CouchDbEndpoint(URI url, String user, String password) {

    @Override
    public String toString() {
        return "CouchDbEndpoint[" + url + " as " + user + "]";
    }
}
