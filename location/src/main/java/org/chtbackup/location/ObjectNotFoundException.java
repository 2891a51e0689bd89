package org.chtbackup.location;

/** No object is stored under the key. Permanent for this key until someone writes it. */
public class ObjectNotFoundException extends LocationException {

    public ObjectNotFoundException(String location, String key) {
        super("location '" + location + "' has no object " + key, false, null);
    }
}
