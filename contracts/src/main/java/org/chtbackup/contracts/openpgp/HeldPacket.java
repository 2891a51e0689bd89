package org.chtbackup.contracts.openpgp;

import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * One OpenPGP packet's framing (RFC 4880, section 4.2) read where it lies in an object held in an array, so that its
 * body can be used in place instead of being copied out through Bouncy Castle's streams. Old- and new-format headers,
 * definite and partial lengths (the latter is how our encryptor and gpg write bodies of unknown length: a run of
 * segments, each announced by its own length octet).
 *
 * @param tag    the packet's tag
 * @param starts where each of the body's segments starts
 * @param ends   where each of them ends
 * @param count  how many segments there are (more than one only with partial lengths)
 * @param end    where the packet ends: the next one starts there
 */
record HeldPacket(int tag, int[] starts, int[] ends, int count, int end) {

    /** What hears of a body's bytes as {@link #join} makes them contiguous: {@code [from, to)} are now in place. */
    interface Joined {
        void joined(int from, int to) throws GeneralSecurityException;
    }

    /** Thrown for a header the held path does not read (an old-format packet of indeterminate length). */
    static final class Unframed extends Exception {
        Unframed() {
            super(null, null, false, false);
        }
    }

    /**
     * Reads the packet header at {@code at}, and those of its partial-length segments, checking that every one lies
     * before {@code limit}.
     *
     * @throws ObjectAuthenticationException the bytes are not a packet, or it runs past {@code limit}
     * @throws Unframed                     the packet is framed in a way only the streaming path reads
     */
    static HeldPacket read(byte[] a, int at, int limit) throws Unframed {
        if (at >= limit) {
            throw damaged("a packet is missing at its end");
        }
        int ctb = a[at] & 0xff;
        if ((ctb & 0x80) == 0) {
            throw damaged("a packet header is not one");
        }
        int position = at + 1;
        if ((ctb & 0x40) == 0) {
            int lengthType = ctb & 0x03;
            if (lengthType == 3) {
                throw new Unframed();
            }
            int octets = 1 << lengthType;
            long length = bigEndian(a, position, octets, limit);
            position += octets;
            return single((ctb >> 2) & 0x0f, position, length, limit);
        }
        int tag = ctb & 0x3f;
        int[] starts = new int[4];
        int[] ends = new int[4];
        int count = 0;
        while (true) {
            need(position + 1 <= limit);
            int first = a[position++] & 0xff;
            long length;
            boolean partial = false;
            if (first < 192) {
                length = first;
            } else if (first <= 223) {
                need(position + 1 <= limit);
                length = ((first - 192L) << 8) + (a[position++] & 0xff) + 192;
            } else if (first == 255) {
                length = bigEndian(a, position, 4, limit);
                position += 4;
            } else {
                length = 1L << (first & 0x1f);
                partial = true;
            }
            need(length <= limit - position);
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            starts[count] = position;
            ends[count] = (int) (position + length);
            count++;
            position += (int) length;
            if (!partial) {
                return new HeldPacket(tag, starts, ends, count, position);
            }
        }
    }

    /** The body's length: all of its segments. */
    int bodyLength() {
        int length = 0;
        for (int i = 0; i < count; i++) {
            length += ends[i] - starts[i];
        }
        return length;
    }

    /**
     * Moves the body's segments together, in place, so that it lies in {@code [starts[0], starts[0] + bodyLength())},
     * telling {@code joined} of each stretch once it is in place (while it is still in the cache).
     */
    void join(byte[] a, Joined joined) throws GeneralSecurityException {
        int to = starts[0];
        for (int i = 0; i < count; i++) {
            int length = ends[i] - starts[i];
            if (starts[i] != to) {
                System.arraycopy(a, starts[i], a, to, length);
            }
            joined.joined(to, to + length);
            to += length;
        }
    }

    private static HeldPacket single(int tag, int start, long length, int limit) {
        need(length <= limit - start);
        int end = (int) (start + length);
        return new HeldPacket(tag, new int[] {start}, new int[] {end}, 1, end);
    }

    private static long bigEndian(byte[] a, int at, int octets, int limit) {
        need(at + octets <= limit);
        long value = 0;
        for (int i = 0; i < octets; i++) {
            value = value << 8 | (a[at + i] & 0xff);
        }
        return value;
    }

    private static void need(boolean inside) {
        if (!inside) {
            throw damaged("a packet runs past the end of the data that holds it");
        }
    }

    private static ObjectAuthenticationException damaged(String why) {
        return new ObjectAuthenticationException("object is truncated or damaged: " + why);
    }
}
