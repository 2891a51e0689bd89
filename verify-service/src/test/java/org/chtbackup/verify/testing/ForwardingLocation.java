package org.chtbackup.verify.testing;

import java.io.InputStream;
import java.util.List;

import org.chtbackup.location.Location;

/** A location that passes every call to another: tests override the call whose behaviour they change. */
public abstract class ForwardingLocation implements Location {

    protected final Location inner;

    protected ForwardingLocation(Location inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public boolean put(String key, byte[] object) {
        return inner.put(key, object);
    }

    @Override
    public InputStream get(String key) {
        return inner.get(key);
    }

    @Override
    public boolean exists(String key) {
        return inner.exists(key);
    }

    @Override
    public List<String> list(String prefix) {
        return inner.list(prefix);
    }

    @Override
    public void delete(String key) {
        inner.delete(key);
    }

    @Override
    public void prepare() {
        inner.prepare();
    }
}
