package org.chtbackup.verify.scratch;

/** A launcher cannot run here (engine, image or installation absent): the drill reports the boot as skipped. */
public class ScratchBootSkipped extends Exception {

    public ScratchBootSkipped(String reason) {
        super(reason);
    }
}
