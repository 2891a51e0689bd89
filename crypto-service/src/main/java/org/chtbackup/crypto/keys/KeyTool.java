package org.chtbackup.crypto.keys;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;

import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.chtbackup.contracts.events.EventChecks;
import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.contracts.sealing.SealingKeys;
import org.chtbackup.contracts.signing.EventSigningKeys;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keys generate}, {@code keys sender}, {@code keys recipient}, {@code keys fingerprints} and {@code keys rotate}. Prints file
 * names and fingerprints only; errors name the file or fingerprint at fault, never key material.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        subcommands = {KeyTool.Generate.class, KeyTool.Sender.class, KeyTool.Recipient.class, KeyTool.Fingerprints.class,
            RotateRecipients.class},
        description = "Generate, inspect and rotate cht-backup keys.")
public final class KeyTool {

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs with the given output and error writers; returns the exit code (0 ok, 1 failed, 2 usage). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new KeyTool()).setOut(out).setErr(err);
        // Say what failed in one line, without a stack trace that could carry more than we mean to show.
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("keys " + commandLine.getCommandName() + ": " + e.getMessage());
            return 1;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Command(name = "generate", description = {
            "Writes a full key set into DIR (files are owner-only):",
            "  sealing.key / sealing.pub   X25519 pair: collectors seal to .pub, crypto opens with .key",
            "  signing.asc / signing.pub.asc   OpenPGP key the crypto service signs objects with",
            "  <recipient>.asc / <recipient>.pub.asc   OpenPGP recipient keys (keep .asc OFFLINE)",
            "  storage-events.key / storage-events.pub   Ed25519 pair: storage signs SnapshotStored,",
            "      every collector checks with .pub",
            "  dedup.key   base64 dedup key for one deployment's collector"})
    static final class Generate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

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
            PrintWriter print = spec.commandLine().getOut();
            print.println("sealing   " + sealing.fingerprint());
            PGPSecretKeyRing signing = KeyRing.generateSigningKey("cht-backup crypto service", null);
            KeyRing.save(out.resolve("signing.asc"), signing);
            KeyRing.save(out.resolve("signing.pub.asc"), KeyRing.publicRing(signing));
            print.println("signing   " + KeyRing.fingerprints(signing).get(0));
            for (String name : recipients) {
                print.println(String.format("%-9s %s", name, writeRecipient(out, name)));
            }
            EventSigningKeys events = EventSigningKeys.generate();
            SealingKeys.writePrivateKey(out.resolve("storage-events.key"), events.privateKey());
            SealingKeys.writePublicKey(out.resolve("storage-events.pub"), events.publicKey());
            print.println("events    " + events.fingerprint());
            byte[] dedup = new byte[32];
            new SecureRandom().nextBytes(dedup);
            SealingKeys.writePrivateKey(out.resolve("dedup.key"), dedup);
            return 0;
        }
    }

    @Command(name = "sender", description = {
            "Writes each deployment's X25519 sender key pair: the collector seals with it, crypto opens only",
            "parts of that deployment sealed with it.",
            "  <deployment>.sender.key   into --out: give it to that host's collector only",
            "  <deployment>.pub          into --register (crypto.sender-keys-dir): replaces any earlier key,",
            "                            which is how a host's key is rotated"})
    static final class Sender implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--deployment", required = true, split = ",",
                description = "collector.deployment-id of each host (comma-separated for many)")
        List<String> deployments;

        @Option(names = "--out", required = true, description = "directory for the private keys")
        Path out;

        @Option(names = "--register", required = true, description = "crypto's sender key directory")
        Path register;

        @Override
        public Integer call() throws Exception {
            for (String deployment : deployments) {
                if (!EventChecks.isDeploymentId(deployment)) {
                    throw new IllegalArgumentException("deployment id '" + deployment
                            + "' must be 1-63 lowercase letters, digits or '-', starting with a letter or digit");
                }
            }
            Files.createDirectories(out);
            Files.createDirectories(register);
            for (String deployment : deployments) {
                SealingKeys sender = SealingKeys.generate();
                SealingKeys.writePrivateKey(out.resolve(deployment + ".sender.key"), sender.privateKey());
                // Written aside and moved, so crypto never reads half a key.
                Path next = register.resolve("." + deployment + ".pub.new");
                SealingKeys.writePublicKey(next, sender.publicKey());
                Files.move(next, register.resolve(deployment + ".pub"), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                spec.commandLine().getOut().println(String.format("%-9s %s %s", "sender", deployment,
                        sender.fingerprint()));
            }
            return 0;
        }
    }

    /** Writes {@code <name>.asc} and {@code <name>.pub.asc} into {@code dir}; returns the primary fingerprint. */
    static String writeRecipient(Path dir, String name) throws java.io.IOException {
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("recipient name '" + name + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
        PGPSecretKeyRing recipient = KeyRing.generateRecipientKey("cht-backup " + name, null);
        KeyRing.save(dir.resolve(name + ".asc"), recipient);
        KeyRing.save(dir.resolve(name + ".pub.asc"), KeyRing.publicRing(recipient));
        return KeyRing.fingerprints(recipient).get(0);
    }

    @Command(name = "recipient", description = {
            "Writes one new recipient key pair, e.g. before a rotation:",
            "  <name>.asc (secret: keep OFFLINE, it opens every object encrypted to it) and <name>.pub.asc"})
    static final class Recipient implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, description = "directory to write the key pair into")
        Path out;

        @Option(names = "--name", required = true, description = "recipient name, e.g. ops-2026")
        String name;

        @Override
        public Integer call() throws Exception {
            Files.createDirectories(out);
            spec.commandLine().getOut().println(String.format("%-9s %s", name, writeRecipient(out, name)));
            return 0;
        }
    }

    @Command(name = "fingerprints", description = {
            "Prints the fingerprints of key files: armored OpenPGP keys (primary key, then subkeys)",
            "and base64 sealing keys (sealing.key / sealing.pub)."})
    static final class Fingerprints implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", description = "key files")
        List<Path> files;

        @Override
        public Integer call() throws Exception {
            PrintWriter print = spec.commandLine().getOut();
            for (Path file : files) {
                String text = Files.readString(file);
                if (text.contains("PRIVATE KEY BLOCK")) {
                    for (PGPSecretKeyRing ring : KeyRing.loadSecretRings(file)) {
                        print.println(file + "  secret  " + String.join(" ", KeyRing.fingerprints(ring)));
                    }
                } else if (text.contains("-----BEGIN PGP")) {
                    for (PGPPublicKeyRing ring : KeyRing.loadPublicRings(file)) {
                        print.println(file + "  public  " + String.join(" ", KeyRing.fingerprints(ring)));
                    }
                } else {
                    print.println(file + "  sealing  " + sealingFingerprint(file));
                }
            }
            return 0;
        }

        /** A sealing file holds one key; a private key's fingerprint is that of its public half. */
        private static String sealingFingerprint(Path file) throws java.io.IOException {
            byte[] key = SealingKeys.readKey(file);
            if (file.getFileName().toString().endsWith(".pub")) {
                return SealingKeys.fingerprint(key);
            }
            return file.getFileName().toString().startsWith("storage-events")
                    ? EventSigningKeys.fromPrivateKey(key).fingerprint() : SealingKeys.fromPrivateKey(key).fingerprint();
        }
    }

}
