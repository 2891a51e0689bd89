package org.chtbackup.crypto.encryption;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Adds the {@code encryption} block ({@link KeysUsed}) to a manifest's JSON before it is encrypted. Only the crypto
 * service knows the keys, and it holds the plaintext at this point; readers ignore unknown fields, so manifests
 * with and without the block read alike. Every other field is kept as the collector wrote it.
 */
final class ManifestStamp {

    static final String FIELD = "encryption";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ManifestStamp() {
    }

    static byte[] stamp(byte[] manifestJson, KeysUsed keys, String where) {
        JsonNode tree;
        try {
            tree = JSON.readTree(manifestJson);
        } catch (JacksonException e) {
            // Not chaining e: its message may quote manifest text.
            throw new PartRejectedException("manifest " + where + " is not valid JSON; the collector sent a damaged "
                    + "manifest, re-run the snapshot");
        }
        if (!(tree instanceof ObjectNode manifest)) {
            throw new PartRejectedException("manifest " + where + " is not a JSON object; re-run the snapshot");
        }
        ObjectNode block = manifest.putObject(FIELD);
        ArrayNode recipients = block.putArray("recipients");
        keys.recipients().forEach(recipients::add);
        ArrayNode subkeys = block.putArray("encryptionSubkeys");
        keys.encryptionSubkeys().forEach(subkeys::add);
        block.put("signer", keys.signer());
        block.put("sealing", keys.sealing());
        return JSON.writeValueAsBytes(manifest);
    }
}
