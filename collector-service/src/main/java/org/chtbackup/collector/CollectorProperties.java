package org.chtbackup.collector;

import java.nio.file.Path;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the collector ({@code collector.*}).
 *
 * @param deploymentId     this CHT deployment's id in the fleet, e.g. {@code clinic-7} (lowercase, digits, '-')
 * @param hostRoot         where the host's filesystem is seen: {@code /} on the host, a mount in a container
 * @param envFile          host path of the CHT upgrade-service {@code .env}
 * @param tlsDir           host path holding {@code cert.pem}/{@code key.pem} when nginx is not reachable over Docker
 * @param couchdbConfigDir host path of the cht-credentials volume ({@code local.d}), if readable
 * @param dedupKey         base64 of at least 32 random bytes, fixed per deployment: names chunks for dedup
 * @param sealingPublicKey base64 X25519 public key of the crypto service: parts are sealed to it
 */
@Validated
@ConfigurationProperties("collector")
public record CollectorProperties(
        @NotBlank(message = "collector.deployment-id is required") String deploymentId,
        @DefaultValue("/") Path hostRoot,
        @DefaultValue("/home/ubuntu/cht/upgrade-service/.env") Path envFile,
        Path tlsDir,
        Path couchdbConfigDir,
        @NotBlank(message = "collector.dedup-key is required (base64 of 32 random bytes)") String dedupKey,
        @NotBlank(message = "collector.sealing-public-key is required (the crypto service's public key)")
        String sealingPublicKey,
        @NotNull @DefaultValue Chunking chunking) {

    /** Content-defined chunk sizes in bytes; max must fit the Kafka topic's message limit once sealed. */
    public record Chunking(@DefaultValue("32768") int min, @DefaultValue("131072") int average,
                           @DefaultValue("524288") int max) {
    }

    @Override
    public String toString() {
        return "CollectorProperties[deploymentId=" + deploymentId + ", hostRoot=" + hostRoot + ", envFile=" + envFile + "]";
    }
}
