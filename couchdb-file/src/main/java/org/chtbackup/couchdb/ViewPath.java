package org.chtbackup.couchdb;

import java.nio.file.Path;

/**
 * The database a view index file belongs to, read from where CouchDB puts it:
 * <ul>
 *   <li>2.x/3.x: {@code .shards/<range>/<db><suffix>_design/mrview/<sig>.view};</li>
 *   <li>1.3–1.7: {@code .<db>_design/mrview/<sig>.view};</li>
 *   <li>0.10–1.2: {@code .<db>_design/<sig>.view}.</li>
 * </ul>
 * Database names start with a letter or '_', so a design folder starting with '.' is the 1.x layout.
 *
 * @param database null when the path follows none of these layouts
 * @param range    the shard range, null for 1.x (one file per database)
 * @param suffix   the shard suffix, empty for 1.x
 */
record ViewPath(String database, String range, String suffix) {

    private static final String DESIGN = "_design";

    static ViewPath of(Path file) {
        Path parent = file.getParent();
        if (parent == null) {
            return new ViewPath(null, null, null);
        }
        Path design = isDesign(parent) ? parent : parent.getParent();
        if (design == null || !isDesign(design)) {
            return new ViewPath(null, null, null);
        }
        String base = design.getFileName().toString();
        base = base.substring(0, base.length() - DESIGN.length());
        if (base.startsWith(".")) {
            return new ViewPath(base.substring(1), null, "");
        }
        int dot = base.lastIndexOf('.');
        Path rangeDir = design.getParent();
        return new ViewPath(dot > 0 ? base.substring(0, dot) : base, rangeDir == null ? null : rangeDir.getFileName().toString(),
                dot > 0 ? base.substring(dot) : "");
    }

    private static boolean isDesign(Path dir) {
        return dir.getFileName() != null && dir.getFileName().toString().endsWith(DESIGN);
    }
}
