package org.chtbackup.couchdb.header;

import com.ericsson.otp.erlang.OtpErlangObject;
import java.util.function.Function;
import org.chtbackup.couchdb.block.BlockFile;
import org.chtbackup.couchdb.block.Checksum;
import org.chtbackup.couchdb.block.CouchFormatException;
import org.chtbackup.couchdb.term.TermDecoder;
import org.chtbackup.couchdb.term.TermException;

/**
 * couch_file:find_header/2 for readers: the last block marked 1 whose checksum holds and whose term
 * parses wins. A file copied mid-write ends in junk or a torn header; those are skipped, as CouchDB
 * skips them when it opens the file.
 */
public final class HeaderLocator {

    private static final int PREFIX = 5;
    private static final int MAX_HEADER_BYTES = 16 << 20;

    private HeaderLocator() {}

    /**
     * The found header, its offset, the checksum kind, how many newer candidates were rejected, and
     * {@code end}, the offset just past the header: a file CouchDB committed last ends there.
     */
    public record Found<T>(T header, long offset, Checksum checksum, int rejected, long end) {}

    public static <T> Found<T> findNewest(BlockFile file, Function<OtpErlangObject, T> parser)
            throws CouchFormatException {
        if (file.size() == 0) {
            throw new CouchFormatException(file.path(), 0, "empty file (0 bytes): not a CouchDB file,"
                    + " or a copy taken before CouchDB wrote its first header");
        }
        int rejected = 0;
        for (long block = (file.size() - 1) / BlockFile.BLOCK_SIZE; block >= 0; block--) {
            if (file.marker(block) != 1) {
                continue;
            }
            long pos = block * BlockFile.BLOCK_SIZE;
            try {
                return read(file, pos, parser, rejected);
            } catch (CouchFormatException | TermException e) {
                rejected++;
            }
        }
        throw new CouchFormatException(file.path(), 0,
                "no valid header in " + file.size() + " bytes (" + rejected + " damaged candidates)"
                        + " — not a CouchDB file, or damaged beyond its first header");
    }

    private static <T> Found<T> read(BlockFile file, long pos, Function<OtpErlangObject, T> parser, int rejected)
            throws CouchFormatException {
        byte[] lenWord = file.readPhysical(pos + 1, 4);
        if (lenWord.length < 4) {
            throw new CouchFormatException(file.path(), pos, "torn header length");
        }
        long len = ((lenWord[0] & 0xffL) << 24) | ((lenWord[1] & 0xff) << 16) | ((lenWord[2] & 0xff) << 8)
                | (lenWord[3] & 0xff);
        // Headers are small terms (a few KB even with many views): a larger length is damage, not a header.
        if (len < 16 || len > Math.min(file.size(), MAX_HEADER_BYTES)) {
            throw new CouchFormatException(file.path(), pos, "implausible header length " + len);
        }
        byte[] payload = file.readPayload(pos + PREFIX, (int) len);
        byte[] stored = new byte[16];
        System.arraycopy(payload, 0, stored, 0, 16);
        Checksum kind = Checksum.verify(payload, 16, payload.length - 16, stored);
        if (kind == null) {
            throw new CouchFormatException(file.path(), pos, "header checksum mismatch");
        }
        OtpErlangObject term = TermDecoder.decode(payload, 16, payload.length - 16);
        long end = pos + PREFIX + BlockFile.physicalLength(pos + PREFIX, len);
        return new Found<>(parser.apply(term), pos, kind, rejected, end);
    }
}
