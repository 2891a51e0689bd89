package org.chtbackup.crypto.keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;

import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.contracts.sealing.SealingKeys;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keys generate --out DIR} and {@code keys fingerprints FILE...}. */
@Command(name = "keys", mixinStandardHelpOptions = true, subcommands = {KeyTool.Generate.class, KeyTool.Fingerprints.class},
        description = "Generate and inspect cht-backup keys.")
public final class KeyTool {

    public static int run(String... args) {
        return new CommandLine(new KeyTool()).execute(args);
    }

    @Command(name = "generate", description = {
            "Writes a full key set into DIR (files are owner-only):",
            "  sealing.key / sealing.pub   X25519 pair: collectors seal to .pub, crypto opens with .key",
            "  signing.asc / signing.pub.asc   OpenPGP key the crypto service signs objects with",
            "  <recipient>.asc / <recipient>.pub.asc   OpenPGP recipient keys (keep .asc OFFLINE)",
            "  dedup.key   base64 dedup key for one deployment's collector"})
    static final class Generate implements Callable<Integer> {

        @Option(names = "--out", required = true, description = "directory to write keys into")
        Path out;

        @Option(names = "--recipient", defaultValue = "ops", split = ",",
                description = "recipient key names (default: ops); e.g. ops,escrow")
        List<String> recipients;

        @Override
        public Integer call() throws Exception {
            Files.createDirectories(out);
            SealingKeys sealing = SealingKeys.generate();
            SealingKeys.writePrivateKey(out.resolve("sealing.key"), sealing.privateKey());
            SealingKeys.writePublicKey(out.resolve("sealing.pub"), sealing.publicKey());
            System.out.println("sealing   " + sealing.fingerprint());
            PGPSecretKeyRing signing = KeyRing.generateSigningKey("cht-backup crypto service", null);
            KeyRing.save(out.resolve("signing.asc"), signing);
            KeyRing.save(out.resolve("signing.pub.asc"), KeyRing.publicRing(signing));
            System.out.println("signing   " + KeyRing.fingerprints(signing).get(0));
            for (String name : recipients) {
                PGPSecretKeyRing recipient = KeyRing.generateRecipientKey("cht-backup " + name, null);
                KeyRing.save(out.resolve(name + ".asc"), recipient);
                KeyRing.save(out.resolve(name + ".pub.asc"), KeyRing.publicRing(recipient));
                System.out.println(String.format("%-9s %s", name, KeyRing.fingerprints(recipient).get(0)));
            }
            byte[] dedup = new byte[32];
            new SecureRandom().nextBytes(dedup);
            SealingKeys.writePrivateKey(out.resolve("dedup.key"), dedup);
            return 0;
        }
    }

    @Command(name = "fingerprints", description = "Prints the fingerprints of armored OpenPGP key files.")
    static final class Fingerprints implements Callable<Integer> {

        @Parameters(arity = "1..*", description = "armored key files")
        List<Path> files;

        @Override
        public Integer call() throws Exception {
            for (Path file : files) {
                String text = Files.readString(file);
                if (text.contains("PRIVATE KEY BLOCK")) {
                    for (PGPSecretKeyRing ring : KeyRing.loadSecretRings(file)) {
                        System.out.println(file + "  secret  " + String.join(" ", KeyRing.fingerprints(ring)));
                    }
                } else {
                    for (PGPPublicKeyRing ring : KeyRing.loadPublicRings(file)) {
                        System.out.println(file + "  public  " + String.join(" ", KeyRing.fingerprints(ring)));
                    }
                }
            }
            return 0;
        }
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
