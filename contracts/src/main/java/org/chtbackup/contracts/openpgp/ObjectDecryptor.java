package org.chtbackup.contracts.openpgp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.bcpg.PacketTags;
import org.bouncycastle.bcpg.SymmetricEncIntegrityPacket;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSessionKey;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;

/**
 * Reads one stored object: decrypts it with one of the configured keys, decompresses it, and
 * authenticates it — the MDC proves it was not modified, the signature proves a trusted signer
 * (the crypto service) wrote it. Anything else fails with {@link ObjectAuthenticationException}.
 *
 * <p><b>Output is not trustworthy until {@code decrypt} returns.</b> The streaming
 * {@link #decrypt(InputStream, OutputStream)} writes plaintext as it goes, because an object may be
 * larger than memory, and OpenPGP can only authenticate at the end. If it throws, the caller must
 * discard everything written. {@link #decrypt(InputStream, Path)} does that for you: it writes to a
 * temporary file beside the target and moves it into place only after authentication;
 * {@link #decrypt(byte[])} returns nothing unless the object is good.
 *
 * <p>Thread-safe; keys are read-only.
 */
public final class ObjectDecryptor {

    /** AES's block, and OpenPGP's CFB prefix: a block of random bytes, then its last two again (the quick check). */
    private static final int CFB_BLOCK = 16;
    private static final int CFB_PREFIX = CFB_BLOCK + 2;
    /** The MDC: a SHA-1 of everything before it, in a packet of tag 19 (0xD3) and length 20. */
    private static final int MDC_LENGTH = 20;
    private static final int MDC_PACKET = 2 + MDC_LENGTH;

    private final Map<Long, PGPPrivateKey> decryptionKeys = new HashMap<>();
    private final Map<Long, PGPPublicKey> trustedSigners = new HashMap<>();

    /**
     * @param decryptionKeys unlocked recipient keys ({@link KeyRing#unlockDecryptionKeys}); an
     *                       object encrypted to any one of them can be read
     * @param trustedSigners public keys whose signatures are accepted ({@link KeyRing#signingKeys}
     *                       of the crypto service's key, old and new during a rotation)
     */
    public ObjectDecryptor(Collection<PGPPrivateKey> decryptionKeys, Collection<PGPPublicKey> trustedSigners) {
        if (decryptionKeys == null || decryptionKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one decryption key is required");
        }
        if (trustedSigners == null || trustedSigners.isEmpty()) {
            throw new IllegalArgumentException("at least one trusted signer key is required");
        }
        decryptionKeys.forEach(key -> this.decryptionKeys.put(key.getKeyID(), key));
        trustedSigners.forEach(key -> this.trustedSigners.put(key.getKeyID(), key));
    }

    /**
     * Decrypts and authenticates {@code object} into {@code plaintext}. Neither stream is closed.
     * On any exception the bytes already written to {@code plaintext} must be discarded.
     *
     * @throws ObjectAuthenticationException the object is not for us, damaged, truncated, or not
     *                                       signed by a trusted signer (permanent: do not retry)
     * @throws IOException reading {@code object} or writing {@code plaintext} failed (may be retried)
     */
    public void decrypt(InputStream object, OutputStream plaintext) throws IOException {
        GuardedStreams.Source source = new GuardedStreams.Source(object);
        GuardedStreams.Sink sink = new GuardedStreams.Sink(plaintext);
        try {
            read(source, sink);
        } catch (ObjectAuthenticationException e) {
            rethrowStreamFailure(source, sink);
            throw e;
        } catch (IOException | PGPException | RuntimeException e) {
            rethrowStreamFailure(source, sink);
            throw damaged(e);
        }
    }

    /**
     * Decrypts into {@code target}, which appears (atomically, replacing any file there) only if
     * the object authenticates; on failure no file is left behind.
     */
    public void decrypt(InputStream object, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".partial");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                decrypt(object, out);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Decrypts a streamed object into memory, refusing one whose plaintext exceeds {@code maxPlaintext} bytes (a
     * damaged or hostile object must not exhaust memory); returns the plaintext only if it authenticates.
     */
    public byte[] decrypt(InputStream object, int maxPlaintext) throws IOException {
        PlaintextBuffer out = new PlaintextBuffer(maxPlaintext);
        decrypt(object, out);
        return out.toByteArray();
    }

    /** Decrypts an object held in memory; returns the plaintext only if it authenticates. */
    public byte[] decrypt(byte[] object) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(object.length * 2 + 64);
        try {
            decrypt(new ByteArrayInputStream(object), out);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory decryption failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Decrypts and authenticates an object small enough to hold whole (a pack), with the same checks and failures as
     * {@link #decrypt(InputStream, OutputStream)}, and returns where its plaintext lies in {@code scratch}'s arrays.
     * The object is read into {@code scratch}; for the AES-CFB packets our crypto service writes, its encrypted data
     * and then its literal data are joined, decrypted, hashed and checked where they lie, and only the small packets
     * around them are parsed by Bouncy Castle. A stream of streams (Bouncy Castle's, 8 KiB a call, with the cipher,
     * the MDC's hash and the signature's inside) cost a restore as much CPU in the JIT compiling it as in running it,
     * and copies out of it cost a pass over memory each. On any exception the scratch's contents mean nothing.
     *
     * @throws ObjectAuthenticationException as for the streaming decrypt, or the object is larger than the scratch
     * @throws IOException reading {@code object} failed (may be retried)
     */
    public HeldPlaintext decrypt(InputStream object, HeldObjectScratch scratch) throws IOException {
        PlaintextBuffer whole = scratch.object().readAll(object);
        try {
            return readHeld(whole.bytes(), whole.size(), scratch);
        } catch (ObjectAuthenticationException e) {
            throw e;
        } catch (IOException | PGPException | GeneralSecurityException | RuntimeException e) {
            // Everything is in memory by now: any failure is the object's, not the source's.
            throw damaged(e);
        }
    }

    private void read(GuardedStreams.Source source, GuardedStreams.Sink sink) throws IOException, PGPException {
        PGPObjectFactory outer = new BcPGPObjectFactory(source);
        Opened<InputStream> opened = open(recipients(outer), ObjectDecryptor::dataStream);
        try {
            copySigned(opened.value(), sink);
        } catch (IOException | PGPException | RuntimeException e) {
            // A modified object, or a session key packet that decrypts to another object's key, decrypts to garbage
            // the packet parser trips over long before the MDC is reached ("found EncryptedDataList packet"); the
            // MDC, read to the end, names the cause an operator can act on.
            if (source.failure() == null && sink.failure() == null && mdcFailsOnceRead(opened)) {
                throw mdcFailed();
            }
            throw e;
        }
        // verify() reads to the end of the encrypted packet and checks the MDC.
        if (!opened.data().verify()) {
            throw mdcFailed();
        }
        requireNothingAfter(outer);
    }

    /** Whether the MDC fails once the rest of the encrypted data is read; false if it cannot be read to the end. */
    private static boolean mdcFailsOnceRead(Opened<InputStream> opened) {
        try {
            opened.value().transferTo(OutputStream.nullOutputStream());
            return !opened.data().verify();
        } catch (IOException | PGPException | RuntimeException unreadable) {
            return false; // the parser's failure stands
        }
    }

    private HeldPlaintext readHeld(byte[] a, int size, HeldObjectScratch scratch)
            throws IOException, PGPException, GeneralSecurityException {
        PGPObjectFactory outer = new BcPGPObjectFactory(new ByteArrayInputStream(a, 0, size));
        Opened<PGPSessionKey> opened = open(recipients(outer), ObjectDecryptor::sessionKey);
        PGPSessionKey key = opened.value();
        HeldPacket encrypted = null;
        if (EcbCfbDecryptors.isAes(key.getAlgorithm())
                && opened.data().getEncData() instanceof SymmetricEncIntegrityPacket packet
                && packet.getVersion() == SymmetricEncIntegrityPacket.VERSION_1) {
            encrypted = integrityProtectedPacket(a, size);
        }
        if (encrypted == null) {
            // Not the AES-CFB packet our crypto service writes (gpg with other settings): the streaming path reads it.
            PlaintextBuffer plaintext = scratch.fallback();
            decrypt(new ByteArrayInputStream(a, 0, size), plaintext);
            return new HeldPlaintext(plaintext.bytes(), 0, plaintext.size());
        }
        if (encrypted.end() != size) {
            throw new ObjectAuthenticationException("unexpected data after the encrypted data");
        }
        int start = encrypted.starts()[0] + 1; // after the packet's version octet
        int end = start + encrypted.bodyLength() - 1;
        if (end - start < CFB_PREFIX + MDC_PACKET) {
            throw new ObjectAuthenticationException("object is truncated or damaged: its encrypted data holds "
                    + (end - start) + " bytes");
        }
        Cipher ecb = scratch.ecb();
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.getKey(), "AES"));
        MessageDigest sha1 = scratch.sha1();
        EcbCfbDecryptors.InPlace cfb = new EcbCfbDecryptors.InPlace(ecb, sha1, scratch.keystream(), start, end,
                end - MDC_LENGTH);
        encrypted.join(a, (from, to) -> cfb.available(a, to));
        if (a[start + CFB_PREFIX - 4] != a[start + CFB_PREFIX - 2]
                || a[start + CFB_PREFIX - 3] != a[start + CFB_PREFIX - 1]) {
            throw wrongSessionKey(null); // OpenPGP's quick check, as Bouncy Castle makes it
        }
        byte[] mdc = Arrays.copyOfRange(a, end - MDC_LENGTH, end);
        boolean mdcPacket = a[end - MDC_PACKET] == (byte) 0xD3 && a[end - MDC_PACKET + 1] == MDC_LENGTH;
        if (!mdcPacket || !MessageDigest.isEqual(sha1.digest(), mdc)) {
            throw mdcFailed();
        }
        int from = start + CFB_PREFIX;
        int to = end - MDC_PACKET;
        HeldPlaintext plaintext = null;
        try {
            plaintext = new SignedContent(trustedSigners).verifyHeld(a, from, to);
        } catch (HeldPacket.Unframed e) {
            // read below
        }
        if (plaintext == null) {
            // Compressed, or framed otherwise (gpg with other settings): Bouncy Castle's streams read it.
            PlaintextBuffer copy = scratch.fallback();
            copySigned(new ByteArrayInputStream(a, from, to - from), copy);
            plaintext = new HeldPlaintext(copy.bytes(), 0, copy.size());
        }
        return plaintext;
    }

    /**
     * The integrity-protected encrypted packet after an object's session key packets, or null when the object holds
     * packets Bouncy Castle read but the held path does not (it is then streamed).
     */
    private static HeldPacket integrityProtectedPacket(byte[] a, int size) {
        try {
            for (int at = 0; ; ) {
                HeldPacket packet = HeldPacket.read(a, at, size);
                switch (packet.tag()) {
                    case PacketTags.SYM_ENC_INTEGRITY_PRO -> {
                        return packet;
                    }
                    case PacketTags.PUBLIC_KEY_ENC_SESSION, PacketTags.SYMMETRIC_KEY_ENC_SESSION, PacketTags.MARKER ->
                            at = packet.end();
                    default -> {
                        return null;
                    }
                }
            }
        } catch (HeldPacket.Unframed e) {
            return null;
        }
    }

    /** The literal data inside a decrypted packet, into {@code sink}, if a trusted signer's signature matches it. */
    private void copySigned(InputStream clear, OutputStream sink) throws IOException, PGPException {
        PGPObjectFactory inner = new BcPGPObjectFactory(clear);
        Object next = inner.nextObject();
        PGPObjectFactory content = inner;
        if (next instanceof PGPCompressedData compressed) {
            content = new BcPGPObjectFactory(compressed.getDataStream());
            next = content.nextObject();
        }
        new SignedContent(trustedSigners).copyVerified(next, content, sink);
        if (content != inner && inner.nextObject() != null) {
            throw new ObjectAuthenticationException("unexpected data after the compressed content");
        }
    }

    private static PGPEncryptedDataList recipients(PGPObjectFactory outer) throws IOException {
        Object first = outer.nextObject();
        while (first instanceof PGPMarker) {
            first = outer.nextObject();
        }
        if (!(first instanceof PGPEncryptedDataList recipients)) {
            throw new ObjectAuthenticationException("not an OpenPGP encrypted message (found "
                    + SignedContent.describe(first) + ")");
        }
        return recipients;
    }

    private static void requireNothingAfter(PGPObjectFactory outer) throws IOException {
        Object trailing = outer.nextObject();
        if (trailing != null) {
            throw new ObjectAuthenticationException("unexpected " + SignedContent.describe(trailing)
                    + " after the encrypted data");
        }
    }

    private static ObjectAuthenticationException mdcFailed() {
        return new ObjectAuthenticationException("integrity check (MDC) failed: the object was modified");
    }

    private static ObjectAuthenticationException wrongSessionKey(Exception cause) {
        return new ObjectAuthenticationException("object's session key does not decrypt with the matching "
                + "configured key: the object was modified or the key is damaged", cause);
    }

    private static ObjectAuthenticationException damaged(Exception e) {
        return new ObjectAuthenticationException("object is truncated or damaged: "
                + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
    }

    /** What a recipient key opens in an encrypted packet: its data stream, or its session key. */
    private interface KeyUse<T> {
        T apply(PGPPublicKeyEncryptedData data, PGPPrivateKey key) throws PGPException;
    }

    private record Opened<T>(PGPPublicKeyEncryptedData data, T value) {
    }

    /**
     * Opens the first session key packet one of our keys can decrypt. Every match is tried, so an
     * object whose packet for one of our keys is damaged still opens with another (ops + escrow);
     * the MDC and signature still decide whether the content is good.
     */
    private <T> Opened<T> open(PGPEncryptedDataList recipients, KeyUse<T> use) {
        StringJoiner objectKeys = new StringJoiner(", ");
        List<PGPPublicKeyEncryptedData> anonymous = new ArrayList<>();
        Exception firstFailure = null;
        for (Iterator<PGPEncryptedData> it = recipients.getEncryptedDataObjects(); it.hasNext(); ) {
            if (!(it.next() instanceof PGPPublicKeyEncryptedData candidate)) {
                continue; // passphrase-encrypted session keys are not part of our format
            }
            objectKeys.add(KeyRing.keyId(candidate.getKeyID()));
            if (candidate.getKeyID() == 0L) {
                anonymous.add(candidate); // gpg --throw-keyids hides recipients
                continue;
            }
            PGPPrivateKey key = decryptionKeys.get(candidate.getKeyID());
            if (key == null) {
                continue;
            }
            try {
                return new Opened<>(candidate, use.apply(candidate, key));
            } catch (PGPException | RuntimeException e) {
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        for (PGPPublicKeyEncryptedData candidate : anonymous) {
            for (PGPPrivateKey key : decryptionKeys.values()) {
                try {
                    return new Opened<>(candidate, use.apply(candidate, key));
                } catch (PGPException | RuntimeException wrongKey) {
                    // try the next key, as gpg does
                }
            }
        }
        if (firstFailure instanceof ObjectAuthenticationException e) {
            throw e;
        }
        String unreadable = readFailure(firstFailure);
        if (unreadable != null) {
            // The encrypted packet itself could not be read (cut short, a damaged length): not a key problem.
            throw new ObjectAuthenticationException("object is truncated or damaged: " + unreadable, firstFailure);
        }
        if (firstFailure != null) {
            throw wrongSessionKey(firstFailure);
        }
        StringJoiner ourKeys = new StringJoiner(", ");
        decryptionKeys.keySet().forEach(id -> ourKeys.add(KeyRing.keyId(id)));
        throw new ObjectAuthenticationException("object is not encrypted to any configured decryption key (object is for "
                + objectKeys + "; configured: " + ourKeys + ")");
    }

    /** The message of an I/O failure behind {@code e}, or null. */
    private static String readFailure(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.io.IOException io) {
                return io.getMessage() != null ? io.getMessage() : io.getClass().getSimpleName();
            }
        }
        return null;
    }

    private static InputStream dataStream(PGPPublicKeyEncryptedData data, PGPPrivateKey key) throws PGPException {
        requireIntegrityProtected(data);
        // The session key from Bouncy Castle's lightweight API (X25519: one per object, no JCE provider to build,
        // which cost a restore 0.3 s of start), the bulk AES-CFB on SunJCE's AES/ECB (AES-NI).
        return data.getDataStream(new EcbCfbDecryptors(new BcPublicKeyDataDecryptorFactory(key)));
    }

    private static PGPSessionKey sessionKey(PGPPublicKeyEncryptedData data, PGPPrivateKey key) throws PGPException {
        requireIntegrityProtected(data);
        return data.getSessionKey(new BcPublicKeyDataDecryptorFactory(key));
    }

    private static void requireIntegrityProtected(PGPPublicKeyEncryptedData data) {
        if (!data.isIntegrityProtected()) {
            // Without an MDC a modification could go unnoticed until the signature check; refuse early.
            throw new ObjectAuthenticationException("object has no integrity protection (MDC); refusing it");
        }
    }

    private static void rethrowStreamFailure(GuardedStreams.Source source, GuardedStreams.Sink sink)
            throws IOException {
        if (sink.failure() != null) {
            throw sink.failure();
        }
        if (source.failure() != null) {
            throw source.failure();
        }
    }
}
