package org.chtbackup.contracts.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes manifests as UTF-8 JSON: readable by anyone with the key and {@code gpg} (invariant 4). */
public final class ManifestCodec {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public static byte[] write(Manifest manifest) {
        return JSON.writeValueAsBytes(manifest);
    }

    public static Manifest read(byte[] json) {
        try {
            return JSON.readValue(json, Manifest.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("manifest is not valid JSON of format " + Manifest.FORMAT_VERSION + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    public static Manifest read(InputStream json) {
        try {
            return read(json.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("reading manifest failed", e);
        }
    }

    private ManifestCodec() {
    }
}
