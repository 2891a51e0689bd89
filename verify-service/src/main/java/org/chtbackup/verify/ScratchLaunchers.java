package org.chtbackup.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import org.chtbackup.verify.scratch.DockerScratchCouchDb;
import org.chtbackup.verify.scratch.FirstAvailableScratchCouchDb;
import org.chtbackup.verify.scratch.ProcessScratchCouchDb;
import org.chtbackup.verify.scratch.ScratchCouchDb;

/** Builds the scratch CouchDB launchers named in {@code verify.scratch.launchers}, in that order. */
public final class ScratchLaunchers {

    public static ScratchCouchDb from(VerifyProperties.Scratch settings, Path scratchDir) {
        List<ScratchCouchDb> launchers = new ArrayList<>();
        for (String name : settings.launchers()) {
            switch (name.trim()) {
                case "docker" -> launchers.add(new DockerScratchCouchDb(docker(settings.dockerHost()),
                        settings.image(), settings.command(), settings.bootTimeout()));
                case "process" -> launchers.add(new ProcessScratchCouchDb(settings.couchdbInstallDir(),
                        scratchDir.resolve("couchdb-config"), settings.bootTimeout()));
                default -> throw new IllegalArgumentException("verify.scratch.launchers: unknown launcher '" + name
                        + "'; use docker and/or process");
            }
        }
        return new FirstAvailableScratchCouchDb(launchers);
    }

    public static DockerClient docker(String host) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host).build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig()).connectionTimeout(java.time.Duration.ofSeconds(5))
                .responseTimeout(java.time.Duration.ofSeconds(60)).build();
        return DockerClientImpl.getInstance(config, http);
    }

    private ScratchLaunchers() {
    }
}
