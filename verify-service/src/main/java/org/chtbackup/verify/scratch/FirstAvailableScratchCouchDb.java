package org.chtbackup.verify.scratch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Tries launchers in order; the first that is not skipped decides. Skipped only when every one skipped. */
public final class FirstAvailableScratchCouchDb implements ScratchCouchDb {

    private final List<ScratchCouchDb> launchers;

    public FirstAvailableScratchCouchDb(List<ScratchCouchDb> launchers) {
        this.launchers = List.copyOf(launchers);
    }

    @Override
    public String name() {
        return String.join(",", launchers.stream().map(ScratchCouchDb::name).toList());
    }

    @Override
    public Running start(Path dataDir, String couchdbVersion, String nodeName)
            throws ScratchBootSkipped, ScratchBootFailed {
        List<String> reasons = new ArrayList<>();
        for (ScratchCouchDb launcher : launchers) {
            try {
                return launcher.start(dataDir, couchdbVersion, nodeName);
            } catch (ScratchBootSkipped e) {
                reasons.add(launcher.name() + ": " + e.getMessage());
            }
        }
        throw skipped(reasons);
    }

    @Override
    public Running startCluster(List<ClusterNode> nodes, String couchdbVersion)
            throws ScratchBootSkipped, ScratchBootFailed {
        List<String> reasons = new ArrayList<>();
        for (ScratchCouchDb launcher : launchers) {
            try {
                return launcher.startCluster(nodes, couchdbVersion);
            } catch (ScratchBootSkipped e) {
                reasons.add(launcher.name() + ": " + e.getMessage());
            }
        }
        throw skipped(reasons);
    }

    private static ScratchBootSkipped skipped(List<String> reasons) {
        return new ScratchBootSkipped(reasons.isEmpty() ? "scratch boot skipped: no launcher configured"
                + " (verify.scratch.launchers is empty)" : String.join("; ", reasons));
    }
}
