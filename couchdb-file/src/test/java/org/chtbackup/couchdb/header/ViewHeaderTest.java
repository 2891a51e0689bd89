package org.chtbackup.couchdb.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chtbackup.couchdb.HeaderFiles.atom;
import static org.chtbackup.couchdb.HeaderFiles.list;
import static org.chtbackup.couchdb.HeaderFiles.num;
import static org.chtbackup.couchdb.HeaderFiles.sig;
import static org.chtbackup.couchdb.HeaderFiles.tuple;

import org.chtbackup.couchdb.HeaderFiles;
import org.chtbackup.couchdb.term.TermException;
import org.junit.jupiter.api.Test;

/** Header terms built from CouchDB's source (couch_view_group 1.x, couch_mrview_util), not read from CouchDB files. */
class ViewHeaderTest {

    @Test
    void sigWithNilIsAnIndexWithNothingBuiltYet() {
        ViewHeader h = ViewHeader.parse(HeaderFiles.notBuiltYet());
        assertThat(h.built()).isFalse();
        assertThat(h.layout()).isEqualTo(ViewHeader.NOT_BUILT);
        assertThat(h.signature()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(h.updateSeq()).isZero();
        assertThat(h.idBtree()).isNull();
        assertThat(h.views()).isEmpty();
    }

    @Test
    void couchDb12IndexHeaderIsRead() {
        ViewHeader h = ViewHeader.parse(HeaderFiles.indexHeader1x(42));
        assertThat(h.built()).isTrue();
        assertThat(h.layout()).isEqualTo(ViewHeader.INDEX_HEADER_1X);
        assertThat(h.updateSeq()).isEqualTo(42);
        assertThat(h.idBtree().size()).isEqualTo(100);
        assertThat(h.views()).singleElement().satisfies(v -> assertThat(v.size()).isEqualTo(80));
    }

    @Test
    void couchDb10IndexHeaderWithBareViewStatesIsRead() {
        // 1.0/1.1 kept each view's btree state bare: nil, or {Pointer, Reduction} without a size.
        var bare = tuple(num(4096), tuple(num(3), list()));
        var h = ViewHeader.parse(tuple(sig(), tuple(atom("index_header"), num(7), num(0), atom("nil"),
                list(bare, atom("nil")))));
        assertThat(h.layout()).isEqualTo(ViewHeader.INDEX_HEADER_1X);
        assertThat(h.idBtree()).isNull();
        assertThat(h.views()).hasSize(2);
        assertThat(h.views().get(0).pointer()).isEqualTo(4096);
        assertThat(h.views().get(0).size()).isEqualTo(-1);
        assertThat(h.views().get(1)).isNull();
    }

    @Test
    void couchDb13MrheaderIsRead() {
        var state = tuple(tuple(num(8192), tuple(num(1), list()), num(90)), num(5), num(0));
        var h = ViewHeader.parse(tuple(sig(), tuple(atom("mrheader"), num(5), num(0), atom("nil"), list(state))));
        assertThat(h.layout()).isEqualTo(ViewHeader.MRHEADER_4);
        assertThat(h.views()).singleElement().satisfies(v -> assertThat(v.pointer()).isEqualTo(8192));
    }

    @Test
    void anyOtherHeaderIsRefused() {
        assertThatThrownBy(() -> ViewHeader.parse(tuple(sig(), atom("undefined")))).isInstanceOf(TermException.class);
        assertThatThrownBy(() -> ViewHeader.parse(tuple(sig(), tuple(atom("db_header"), num(8)))))
                .isInstanceOf(TermException.class).hasMessageContaining("neither an mrheader nor an index_header");
    }
}
