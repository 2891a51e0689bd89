package org.chtbackup.storage.writing;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per deployment, taken around "check chunks, write manifest" and around a prune's sweep, so a prune in
 * this process never deletes a chunk between a manifest's check and its write. Deployments are the objects
 * topic's keys, so one storage instance handles all of a deployment's manifests.
 */
public final class DeploymentLocks {

    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public <T> T with(String deploymentId, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(deploymentId, d -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
