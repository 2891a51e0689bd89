package org.chtbackup.crypto.keys;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.chtbackup.contracts.openpgp.KeyRing;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keys rotate}: from the current recipient keys, adds and removes recipients and writes the new list as one
 * armored file to deploy as {@code crypto.recipient-key-files} (or {@code CRYPTO_RECIPIENT_KEYS}). Objects already
 * stored are not touched: they stay readable with the private keys they were encrypted to, which is why the removed
 * keys' private halves must be kept for as long as their snapshots are retained.
 */
@Command(name = "rotate", description = {
        "Writes a new recipient list: --current keys, plus --add keys, minus --remove fingerprints.",
        "New snapshots are encrypted to the new list once every crypto instance runs with it;",
        "old snapshots stay readable with the keys they were encrypted to (see the manifest's 'encryption' block)."})
final class RotateRecipients implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--current", required = true, arity = "1..*",
            description = "armored public key files the service encrypts to now (crypto.recipient-key-files)")
    List<Path> current;

    @Option(names = "--add", arity = "1..*", description = "armored public key files of new recipients")
    List<Path> add = List.of();

    @Option(names = "--remove", arity = "1..*",
            description = "fingerprints (primary key or subkey, spaces allowed) of recipients to drop")
    List<String> remove = List.of();

    @Option(names = "--out", required = true, description = "file to write the new armored recipient list to")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (add.isEmpty() && remove.isEmpty()) {
            throw new IllegalArgumentException("nothing to rotate: give --add FILE and/or --remove FINGERPRINT");
        }
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        for (Path file : current) {
            rings.addAll(KeyRing.loadPublicRings(file));
        }
        Set<String> toRemove = new LinkedHashSet<>();
        remove.forEach(f -> toRemove.add(normalise(f)));
        PrintWriter print = spec.commandLine().getOut();
        List<PGPPublicKeyRing> kept = new ArrayList<>();
        for (PGPPublicKeyRing ring : rings) {
            List<String> fingerprints = KeyRing.fingerprints(ring);
            if (fingerprints.stream().anyMatch(toRemove::remove)) {
                print.println("remove  " + fingerprints.get(0) + "  (keep its private key: old snapshots need it)");
            } else {
                kept.add(ring);
                print.println("keep    " + fingerprints.get(0));
            }
        }
        if (!toRemove.isEmpty()) {
            throw new IllegalArgumentException("no current recipient has fingerprint " + String.join(", ", toRemove)
                    + "; list them with: keys fingerprints " + current.get(0));
        }
        for (Path file : add) {
            for (PGPPublicKeyRing ring : KeyRing.loadPublicRings(file)) {
                KeyRing.encryptionKeys(ring); // refuses, naming the key, a key that cannot encrypt
                String fingerprint = KeyRing.fingerprint(ring.getPublicKey());
                if (kept.stream().anyMatch(k -> KeyRing.fingerprint(k.getPublicKey()).equals(fingerprint))) {
                    throw new IllegalArgumentException(file + ": recipient " + fingerprint + " is already in the list");
                }
                kept.add(ring);
                print.println("add     " + fingerprint);
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("the new list would have no recipient; add one before removing the last");
        }
        StringBuilder armored = new StringBuilder();
        kept.forEach(ring -> armored.append(KeyRing.armor(ring)));
        Files.writeString(out, armored);
        print.println("wrote " + out + " with " + kept.size() + " recipient(s)");
        print.println("deploy: set crypto.recipient-key-files=" + out.toAbsolutePath()
                + " (or CRYPTO_RECIPIENT_KEYS to its content) on every crypto instance and restart them;");
        print.println("        the service logs the recipient fingerprints at start and every new manifest records them.");
        return 0;
    }

    private static String normalise(String fingerprint) {
        String hex = fingerprint.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]{40}")) {
            throw new IllegalArgumentException("'" + fingerprint + "' is not a 40-digit key fingerprint; "
                    + "list them with: keys fingerprints FILE");
        }
        return hex;
    }
}
